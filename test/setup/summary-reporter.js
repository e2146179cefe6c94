/**
 * Writes jest's totals to .jest-results.json after every run, so .ci/run can print the plain
 * `tests: N passed, N failed` line while running exactly the README's `npm test`.
 */
'use strict';
const fs = require('fs');
const path = require('path');

class SummaryReporter {
  onRunComplete(_contexts, results) {
    const summary = {
      passed: results.numPassedTests,
      failed: results.numFailedTests + results.numRuntimeErrorTestSuites,
      total: results.numTotalTests,
      suites: results.numTotalTestSuites,
    };
    fs.writeFileSync(path.join(__dirname, '..', '..', '.jest-results.json'), JSON.stringify(summary) + '\n');
  }
}

module.exports = SummaryReporter;
