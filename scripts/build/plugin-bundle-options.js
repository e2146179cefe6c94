/**
 * esbuild options for the plugin bundle the WeChat toolchain compiles: plugin/index.ts into one ES2017
 * CommonJS file (only what the public surface reaches; the bare `wx` global stays a global).
 * Shared by the build (scripts/build/stage-plugin.js) and the size report (scripts/build/size-report.js).
 *
 * Naming convention the bundle relies on: a `private` class member's name starts with `_` (one
 * underscore, then a letter), and nothing else in plugin/ uses such names. esbuild shortens exactly
 * those names (mangleProps). TypeScript keeps private members from being read outside their class,
 * so no lockData/JSON field, wx option or result field, public API name or TTLockError field can
 * match; `__esModule` and other double-underscore names are left alone.
 */
'use strict';
const path = require('path');
const WECHAT_BUNDLE = require('./wechat-bundle-options');

/** `_name`: a private class member (see the naming convention above). */
const PRIVATE_MEMBER = /^_[A-Za-z]/;

function pluginBundleOptions(root, outfile) {
  return {
    ...WECHAT_BUNDLE,
    entryPoints: [path.join(root, 'plugin', 'index.ts')],
    charset: 'utf8', // the Chinese errorMsg texts: 3 bytes a character instead of a 6-byte \uXXXX escape
    mangleProps: PRIVATE_MEMBER,
    outfile,
    logLevel: 'warning',
  };
}

module.exports = { pluginBundleOptions };
