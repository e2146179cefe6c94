/**
 * Writes jest's totals to .jest-results.json after every run, so .ci/run can print the plain
 * `tests: N passed, N failed` line while running exactly the README's `npm test`. `npm test` runs
 * jest once per time zone (test/setup/run-zones.js, LOCKWIRE_ZONE_RUN = 0, 1, 2): the first run
 * starts the file, the later ones add to it, so the summary counts every run.
 */
'use strict';
const fs = require('fs');
const path = require('path');

const FILE = path.join(__dirname, '..', '..', '.jest-results.json');

class SummaryReporter {
  onRunComplete(_contexts, results) {
    const summary = {
      passed: results.numPassedTests,
      failed: results.numFailedTests + results.numRuntimeErrorTestSuites,
      total: results.numTotalTests,
      suites: results.numTotalTestSuites,
      runs: 1,
    };
    const run = Number(process.env.LOCKWIRE_ZONE_RUN ?? 0);
    if (run > 0) {
      try {
        const before = JSON.parse(fs.readFileSync(FILE, 'utf8'));
        for (const key of Object.keys(summary)) summary[key] += Number(before[key] ?? 0);
      } catch {
        // no earlier run on record: this one stands alone
      }
    }
    fs.writeFileSync(FILE, JSON.stringify(summary) + '\n');
  }
}

module.exports = SummaryReporter;
