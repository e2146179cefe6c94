/**
 * Stages the project the WeChat toolchain compiles: plugin/index.ts bundled by esbuild into one
 * ES2017 CommonJS file (only what the public surface reaches; the bare `wx` global stays a global),
 * plugin.json beside it, and the demo host and project config copied as they are.
 * Why a bundle: compiled file by file, the WeChat compile wraps every module and adds babel helpers;
 * the single bundle is about half the size (and ships only what the public surface reaches).
 *
 * Naming convention the bundle relies on: a `private` class member's name starts with `_` (one
 * underscore, then a letter), and nothing else in plugin/ uses such names. esbuild shortens exactly
 * those names (mangleProps). TypeScript keeps private members from being read outside their class,
 * so no lockData/JSON field, wx option or result field, public API name or TTLockError field can
 * match; `__esModule` and other double-underscore names are left alone.
 */
'use strict';
const path = require('path');
const fs = require('fs');
const esbuild = require('esbuild');
const WECHAT_BUNDLE = require('./wechat-bundle-options');

/** `_name`: a private class member (see the naming convention above). */
const PRIVATE_MEMBER = /^_[A-Za-z]/;

function stagePlugin(root, stageDir) {
  fs.rmSync(stageDir, { recursive: true, force: true });
  fs.mkdirSync(path.join(stageDir, 'plugin'), { recursive: true });
  esbuild.buildSync({
    ...WECHAT_BUNDLE,
    entryPoints: [path.join(root, 'plugin', 'index.ts')],
    charset: 'utf8', // the Chinese errorMsg texts: 3 bytes a character instead of a 6-byte \uXXXX escape
    mangleProps: PRIVATE_MEMBER,
    outfile: path.join(stageDir, 'plugin', 'index.js'),
    logLevel: 'warning',
  });
  fs.copyFileSync(path.join(root, 'plugin', 'plugin.json'), path.join(stageDir, 'plugin', 'plugin.json'));
  fs.cpSync(path.join(root, 'miniprogram'), path.join(stageDir, 'miniprogram'), { recursive: true });
  fs.copyFileSync(path.join(root, 'project.config.json'), path.join(stageDir, 'project.config.json'));
  return stageDir;
}

module.exports = { stagePlugin };
