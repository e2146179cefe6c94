/**
 * The plugin bundle every door ships (the WeChat build's staging, the npm package, the release): esbuild
 * (plugin-bundle-options.js), then one terser pass over the whole file.
 * Why terser after esbuild: esbuild minifies module by module and keeps every `function` a function;
 * terser, seeing the one file, inlines what is used once and writes function expressions that never
 * use `this` or `arguments` as arrow functions (`unsafe_arrows`; "unsafe" only for a function that is
 * called with `new` or needs its `.prototype`, and the plugin constructs nothing but classes and
 * built-ins). About 840 B less after the WeChat compile, whose own terser pass (miniprogram-ci,
 * `toplevel` only) does not do either. ES2017 output, as esbuild's; `/*!` licence comments stay.
 */
'use strict';
const fs = require('fs');
const esbuild = require('esbuild');
const { minify_sync: minifySync } = require('terser');
const { pluginBundleOptions } = require('./plugin-bundle-options');

const TERSER_OPTIONS = Object.freeze({
  ecma: 2017,
  toplevel: true,
  compress: { passes: 3, unsafe_arrows: true, unsafe_undefined: true }, // unsafe_undefined: see GLOBAL_ALIASES
  mangle: true,
  format: { comments: 'some' },
});

/** `{ code, metafile }`; also writes `outfile` when one is given. */
function buildPluginBundle(root, outfile) {
  const result = esbuild.buildSync({ ...pluginBundleOptions(root, outfile || 'plugin.js'), write: false, metafile: true });
  const { code } = minifySync(result.outputFiles[0].text, TERSER_OPTIONS);
  if (outfile) fs.writeFileSync(outfile, code);
  return { code, metafile: result.metafile };
}

module.exports = { buildPluginBundle, TERSER_OPTIONS };
