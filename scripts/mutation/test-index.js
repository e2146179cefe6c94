/**
 * Which test file holds which tests, learnt in Stryker's dry run and read back by the sequencer.
 *
 * For a mutant, Stryker's jest runner passes the names of the covering tests (testNamePattern) and
 * the mutated file (findRelatedTests), so Jest loads EVERY related test file, with all its imports,
 * only to skip most of them. The sequencer drops the files that hold no covering test: Jest would
 * run nothing in them anyway. A file the index has never seen is always kept.
 *
 * Stored as JSON in the sandbox (Jest's rootDir), because the dry run happens in one test runner
 * process and the mutants run in several.
 */
'use strict';
const fs = require('fs');
const path = require('path');

const FILE_NAME = '.mutation-test-index.json';

function indexPath(rootDir) {
  return path.join(rootDir, FILE_NAME);
}

function read(rootDir) {
  try {
    return JSON.parse(fs.readFileSync(indexPath(rootDir), 'utf8'));
  } catch {
    return {};
  }
}

/** Adds one test file's test names (called once per file, in the dry run). */
function recordFile(rootDir, testPath, testNames) {
  const index = read(rootDir);
  index[testPath] = testNames;
  fs.writeFileSync(indexPath(rootDir), JSON.stringify(index));
}

/** The tests Jest would actually run something in, given `testNamePattern` (as Jest reads it). */
function selectTests(rootDir, tests, testNamePattern) {
  if (!testNamePattern) return tests;
  const index = read(rootDir);
  const pattern = new RegExp(testNamePattern, 'i');
  return tests.filter((test) => {
    const names = index[test.path];
    return names === undefined || names.some((name) => pattern.test(name));
  });
}

module.exports = { recordFile, selectTests };
