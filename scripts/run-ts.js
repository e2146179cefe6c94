#!/usr/bin/env node
/**
 * Runs a TypeScript entry (demo, bench, CLI) on plain Node 20: esbuild bundles it into a temporary
 * CommonJS file, which is then required with the remaining arguments in process.argv.
 * Usage: node scripts/run-ts.js <entry.ts> [args...]
 */
'use strict';
const path = require('path');
const os = require('os');
const fs = require('fs');
const esbuild = require('esbuild');

const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  console.error('usage: node scripts/run-ts.js <entry.ts> [args...]');
  process.exit(2);
}
const root = path.resolve(__dirname, '..');
const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lockwire-run-'));
const outfile = path.join(outDir, path.basename(entry).replace(/\.ts$/, '.js'));
esbuild.buildSync({
  entryPoints: [path.resolve(root, entry)],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'inline',
  outfile,
  logLevel: 'warning',
  // Keep the repository root as the base for paths the entry computes from __dirname.
  define: { __LOCKWIRE_ROOT__: JSON.stringify(root) },
});
process.on('exit', () => fs.rmSync(outDir, { recursive: true, force: true }));
process.argv = [process.argv[0], path.resolve(root, entry), ...args];
require(outfile);
