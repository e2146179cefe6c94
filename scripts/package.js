#!/usr/bin/env node
/**
 * npm run package [-- --out DIR]: builds the published npm package into dist/package/ (or DIR), made
 * entirely from the source: the plugin for the mini-program npm door (miniprogram_dist/), the Node
 * doors lockwire/simulator, lockwire/cloud and lockwire/testing, the CLI, a bundled .d.ts for each
 * door, package.json and the README. Then `npm pack dist/package` makes the tarball.
 */
'use strict';
const path = require('path');
const { buildPackage } = require('./package/build-package');

const root = path.resolve(__dirname, '..');
const outArg = process.argv.indexOf('--out');
const out = outArg > 0 ? path.resolve(process.argv[outArg + 1]) : path.join(root, 'dist', 'package');

try {
  const { files, bytes } = buildPackage(root, out);
  for (const [file, size] of files) console.log(`${String(size).padStart(8)} B  ${file}`);
  console.log(`package: ${files.length} files, ${bytes} B -> ${path.relative(process.cwd(), out) || '.'}`);
} catch (e) {
  console.error('package failed:', (e && e.message) || e);
  process.exit(1);
}
