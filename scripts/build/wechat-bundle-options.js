/**
 * esbuild settings for code that runs inside WeChat: one CommonJS ES2017 file, no Node platform
 * assumptions. Shared by the plugin bundle and the vendored AES so the two cannot drift apart.
 */
'use strict';
module.exports = Object.freeze({
  bundle: true,
  format: 'cjs',
  platform: 'neutral',
  mainFields: ['module', 'main'],
  target: 'es2017',
  minify: true,
  legalComments: 'inline',
});
