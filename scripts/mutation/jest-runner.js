/**
 * Jest's in-band test runner, except that once the active mutant is killed (see bail.js) the
 * remaining test files are reported as skipped without being loaded: loading a test file and its
 * imports is most of what a mutant's run costs, and it changes nothing once a test has failed.
 */
'use strict';
const TestRunner = require('jest-runner').default;
const { createEmptyTestResult } = require('@jest/test-result');
const { alreadyKilled } = require('./bail');

/** A file's result with one skipped entry: Jest reports a file with no test at all as a failure. */
function skippedFile(testFilePath) {
  const title = 'not run: the mutant is already killed';
  const skipped = {
    ancestorTitles: [], duration: 0, failureDetails: [], failureMessages: [], fullName: title,
    invocations: 0, location: null, numPassingAsserts: 0, retryReasons: [], status: 'pending', title,
  };
  return { ...createEmptyTestResult(), numPendingTests: 1, skipped: true, testFilePath, testResults: [skipped] };
}

class MutationTestRunner extends TestRunner {
  constructor(globalConfig, context) {
    super(globalConfig, context);
    this._listeners = new Map();
  }

  /** Keeps a copy of the scheduler's listeners, to report the files skipped here. */
  on(eventName, listener) {
    const listeners = this._listeners.get(eventName) || new Set();
    listeners.add(listener);
    this._listeners.set(eventName, listeners);
    const off = super.on(eventName, listener);
    return () => {
      listeners.delete(listener);
      off();
    };
  }

  async _emit(eventName, args) {
    for (const listener of this._listeners.get(eventName) || []) await listener(args);
  }

  async runTests(tests, watcher, options) {
    if (!options.serial) return super.runTests(tests, watcher, options);
    for (const test of tests) {
      if (!alreadyKilled()) {
        await super.runTests([test], watcher, options);
        continue;
      }
      await this._emit('test-file-start', [test]);
      await this._emit('test-file-success', [test, skippedFile(test.path)]);
    }
  }
}

module.exports = MutationTestRunner;
