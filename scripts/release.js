#!/usr/bin/env node
/**
 * npm run release [-- --dry-run] [--version X.Y.Z] [--desc "..."]: uploads the compiled plugin as a
 * new development version of YOUR plugin (miniprogram-ci), reading LOCKWIRE_APPID and
 * LOCKWIRE_UPLOAD_KEY_PATH (or LOCKWIRE_UPLOAD_KEY) from the environment. Without them it stops and
 * uploads nothing; --dry-run (or `npm run release --dry-run`) prints what would be uploaded.
 */
'use strict';
const path = require('path');
const { release } = require('./release/release');
const { hideToolchainNoise } = require('./build/toolchain-output');

const root = path.resolve(__dirname, '..');
const argv = process.argv.slice(2);
hideToolchainNoise({ verbose: argv.includes('--verbose') });
const lazyCi = {
  get Project() {
    return require('miniprogram-ci').Project;
  },
  upload: (o) => require('miniprogram-ci').upload(o),
};

release(root, argv, process.env, { ci: lazyCi, out: (l) => console.log(l), err: (l) => console.error(l) }).then(
  (code) => process.exit(code), // miniprogram-ci may leave a watcher running
  (e) => {
    console.error('release failed:', (e && e.message) || e);
    process.exit(1);
  },
);
