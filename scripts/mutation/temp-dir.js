/**
 * globalSetup / globalTeardown of `npm run mutation`: the repository's (test/setup/temp-dir.js, a
 * private TMPDIR per Jest run), made repeatable in one process. Stryker's test runner calls Jest
 * once per mutant in the same process, and the repository's setup points TMPDIR at its directory
 * without restoring it: the next run's setup then made its directory inside the one the teardown
 * had removed, failed with ENOENT, and Stryker restarted the runner process and ran the mutant
 * again, i.e. one new process (seconds of CPU) per mutant. Here each run starts from the TMPDIR the
 * process began with, and a teardown that finds files a test left (a leak the mutant may have
 * caused) does not throw: a throw is a crashed runner to Stryker (retried, then "error"), not a
 * failing test; `npm test` still reports such a leak.
 */
'use strict';
const repository = require('../../test/setup/temp-dir');

const NAMES = ['TMPDIR', 'TMP', 'TEMP'];
const original = Object.fromEntries(NAMES.map((name) => [name, process.env[name]]));

function restoreTmpdir() {
  for (const name of NAMES) {
    if (original[name] === undefined) delete process.env[name];
    else process.env[name] = original[name];
  }
}

async function setup() {
  restoreTmpdir();
  await repository.setup();
}

async function teardown() {
  try {
    await repository.teardown();
  } catch {
    // files left behind: removed by the repository's teardown before it threw
  } finally {
    globalThis.__LOCKWIRE_JEST_TMP__ = undefined;
    restoreTmpdir();
  }
}

module.exports = { setup, teardown };
