/** Builds the published package into a folder (see scripts/package.js). */
'use strict';
const fs = require('fs');
const path = require('path');
const { bundleDoors } = require('./bundles');
const { writeDeclarations } = require('./declarations');
const { packageManifest } = require('./manifest');
const { BIN, SIMULATOR_ASSETS } = require('./doors');

function listFiles(dir, base = dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? listFiles(p, base) : [[path.relative(base, p).split(path.sep).join('/'), fs.statSync(p).size]];
  });
}

function buildPackage(root, out) {
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(out, { recursive: true });
  const rootPkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const imported = bundleDoors(root, out);
  writeDeclarations(root, out);
  fs.chmodSync(path.join(out, BIN.js), 0o755);
  for (const asset of SIMULATOR_ASSETS) fs.cpSync(path.join(root, asset), path.join(out, asset), { recursive: true });
  fs.writeFileSync(path.join(out, 'package.json'), `${JSON.stringify(packageManifest(rootPkg, imported), null, 2)}\n`);
  fs.copyFileSync(path.join(root, 'README.md'), path.join(out, 'README.md'));
  const files = listFiles(out).sort((a, b) => a[0].localeCompare(b[0]));
  return { files, bytes: files.reduce((n, [, s]) => n + s, 0) };
}

module.exports = { buildPackage, listFiles };
