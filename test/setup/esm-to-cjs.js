/**
 * Jest transform for the one ES-module JavaScript file in the project, the vendored AES
 * (plugin/protocol/vendor/noble-aes.js, an ES module so the plugin bundle inlines it without
 * CommonJS interop): esbuild rewrites its exports to CommonJS for Jest's module system.
 */
'use strict';
const esbuild = require('esbuild');

module.exports = {
  process(sourceText, sourcePath) {
    const { code } = esbuild.transformSync(sourceText, { loader: 'js', format: 'cjs', target: 'node20', sourcefile: sourcePath });
    return { code };
  },
  getCacheKey(sourceText) {
    return require('crypto').createHash('sha256').update(`esm-to-cjs:${esbuild.version}:${sourceText}`).digest('hex');
  },
};
