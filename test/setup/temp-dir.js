/**
 * Jest globalSetup / globalTeardown: every test, and every process a test starts (builds, npm, the
 * demo, miniprogram-ci), gets a private temporary directory through TMPDIR. At the end it must hold
 * nothing but what the WeChat toolchain keeps on purpose (miniprogram-ci's cache folder in its working
 * directory, which our build points at the temp directory, and the build's throwaway signing key);
 * anything else is a test that did not clean up, and the run fails naming it. Then it is removed, so
 * the machine's temp directory is left as it was.
 */
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');

const KEPT_BY_TOOLCHAIN = [/^[0-9a-f]{32}$/, /^lockwire-miniprogram-ci-dummy\.key$/];

/** The summary reporter has written jest's totals by now; the leak is one more failed check. */
function countAsFailure() {
  const file = path.join(__dirname, '..', '..', '.jest-results.json');
  try {
    const summary = JSON.parse(fs.readFileSync(file, 'utf8'));
    summary.failed += 1;
    fs.writeFileSync(file, `${JSON.stringify(summary)}\n`);
  } catch {
    // no summary (jest did not get that far): the non-zero exit still fails the run
  }
}

async function setup() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lockwire-jest-'));
  globalThis.__LOCKWIRE_JEST_TMP__ = dir;
  for (const name of ['TMPDIR', 'TMP', 'TEMP']) process.env[name] = dir;
}

async function teardown() {
  const dir = globalThis.__LOCKWIRE_JEST_TMP__;
  if (!dir) return;
  const left = fs.readdirSync(dir).filter((name) => !KEPT_BY_TOOLCHAIN.some((re) => re.test(name)));
  fs.rmSync(dir, { recursive: true, force: true });
  if (left.length) {
    countAsFailure();
    throw new Error(`tests left files in the temporary directory: ${left.join(', ')}`);
  }
}

module.exports = { setup, teardown, KEPT_BY_TOOLCHAIN };
