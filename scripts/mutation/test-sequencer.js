/**
 * Test order for `npm run mutation`: the focused unit suites first, the slow integration flows
 * last, so that with the environment's bail a mutant is usually killed by a sub-second unit test
 * and the integration suites run in full only for the mutants nothing faster kills.
 * (Jest's own order is slowest first, which is the right order for `npm test`, not for this.)
 */
'use strict';
const Sequencer = require('@jest/test-sequencer').default;

const ORDER = ['/test/unit/protocol/', '/test/unit/ble/', '/test/unit/', '/test/integration/'];

function rank(testPath) {
  const p = testPath.split('\\').join('/');
  const i = ORDER.findIndex((prefix) => p.includes(prefix));
  return i < 0 ? ORDER.length : i;
}

class MutationTestSequencer extends Sequencer {
  sort(tests) {
    return [...tests].sort((a, b) => rank(a.path) - rank(b.path) || a.path.localeCompare(b.path));
  }
}

module.exports = MutationTestSequencer;
