/**
 * Test files for one `npm run mutation` Jest run: only those holding a covering test (see
 * test-index.js), focused unit suites first and slow integration flows last, so that with the
 * environment's bail a mutant is usually killed by a sub-second unit test and the integration
 * suites run in full only for the mutants nothing faster kills. (Jest's own order is slowest
 * first, which is right for `npm test`, not for this.)
 */
'use strict';
const Sequencer = require('@jest/test-sequencer').default;
const { selectTests } = require('./test-index');

const ORDER = ['/test/unit/protocol/', '/test/unit/ble/', '/test/unit/', '/test/integration/'];

function rank(testPath) {
  const p = testPath.split('\\').join('/');
  const i = ORDER.findIndex((prefix) => p.includes(prefix));
  return i < 0 ? ORDER.length : i;
}

class MutationTestSequencer extends Sequencer {
  constructor(options) {
    super(options);
    this._testNamePattern = options && options.globalConfig ? options.globalConfig.testNamePattern : undefined;
  }

  sort(tests) {
    const selected = tests.length === 0 ? [] : selectTests(tests[0].context.config.rootDir, tests, this._testNamePattern);
    return selected.sort((a, b) => rank(a.path) - rank(b.path) || a.path.localeCompare(b.path));
  }
}

module.exports = MutationTestSequencer;
