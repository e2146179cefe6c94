/**
 * The Jest environment of `npm run mutation` (never used by `npm test`). Stryker wraps it with its
 * per-test coverage mixin; this class adds two things Stryker's jest runner does not do.
 *
 * 1. beforeAll coverage. Stryker records which test covers which mutant between a test's
 *    `test_start` and `test_done`; code run by a `beforeAll` falls outside every test, so each
 *    mutant it reaches is "static" and gets ALL related tests (correct, but very slow: the fault
 *    matrix measures whole passcode flows in a beforeAll). A beforeAll runs whenever any test of
 *    its block runs, so attributing its coverage to the block's first test is exact.
 * 2. Bail. Stryker's jest runner sets `bail: false`, so every covering test would run even after
 *    one has killed the mutant. Once a test or hook fails while a mutant is active, every later
 *    test of that file is skipped, and jest-runner.js skips the later files (see bail.js).
 * 3. In the dry run, it records the names of each file's tests for the sequencer (test-index.js).
 */
'use strict';
const NodeEnvironment = require('jest-environment-node').TestEnvironment;
const { recordFile } = require('./test-index');
const { activeMutant, alreadyKilled, markKilled } = require('./bail');

function fullDescribeName(block) {
  return block.parent ? `${fullDescribeName(block.parent)} ${block.name}`.trimStart() : '';
}

/** A test's full name: Stryker's test id, and what Jest matches testNamePattern against. */
function testName(test) {
  return `${fullDescribeName(test.parent)} ${test.name}`.trimStart();
}

/** First test, depth first, of a describe block. */
function firstTestName(block) {
  for (const child of block.children || []) {
    if (child.type === 'test') return testName(child);
    if (child.type === 'describeBlock') {
      const name = firstTestName(child);
      if (name) return name;
    }
  }
  return undefined;
}

class MutationTestEnvironment extends NodeEnvironment {
  constructor(config, context) {
    super(config, context);
    this._rootDir = config.projectConfig.rootDir;
    this._testPath = context.testPath;
    this._testNames = [];
    const inner = this.handleTestEvent;
    this.handleTestEvent = async (event, state) => {
      if (inner) await inner.call(this, event, state);
      this._bail(event);
      this._attributeBeforeAll(event);
      if (event.name === 'test_start') this._testNames.push(testName(event.test));
    };
  }

  async teardown() {
    if (activeMutant() === undefined) recordFile(this._rootDir, this._testPath, this._testNames);
    await super.teardown();
  }

  _bail(event) {
    if (activeMutant() === undefined) return;
    // A failed beforeAll is not marked here: jest-circus gives its error to every test of the
    // block, so the block's first test fails (and marks the kill) instead of being skipped. Marked
    // here, all of them were skipped, and Stryker, seeing no failed test, called the mutant a
    // runtime error rather than killed.
    const failedHook = event.name === 'hook_failure' && event.hook.type !== 'beforeAll';
    if ((event.name === 'test_done' && event.test.errors.length > 0) || failedHook) {
      markKilled();
    } else if (alreadyKilled() && event.name === 'run_describe_start') {
      event.describeBlock.mode = 'skip'; // also skips its beforeAll hooks
    } else if (alreadyKilled() && event.name === 'test_start') {
      event.test.mode = 'skip';
    }
  }

  _attributeBeforeAll(event) {
    const stryker = this.global[this.global.__strykerGlobalNamespace__ || '__stryker__'];
    if (!stryker || event.hook === undefined || event.hook.type !== 'beforeAll') return;
    if (event.name === 'hook_start') stryker.currentTestId = firstTestName(event.hook.parent);
    else if (event.name === 'hook_success' || event.name === 'hook_failure') stryker.currentTestId = undefined;
  }
}

module.exports = MutationTestEnvironment;
