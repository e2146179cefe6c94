/** Node-side artifacts: the Tuya CLI as one CommonJS file (dist/cloud/cli.js). */
'use strict';
const path = require('path');
const fs = require('fs');
const esbuild = require('esbuild');

const ENTRIES = [{ entry: 'cloud/cli.ts', out: 'cloud/cli.js', banner: '#!/usr/bin/env node' }];

function bundleNode(root, dist) {
  const written = [];
  for (const { entry, out, banner } of ENTRIES) {
    const src = path.join(root, entry);
    if (!fs.existsSync(src)) continue;
    const outfile = path.join(dist, out);
    esbuild.buildSync({
      entryPoints: [src], bundle: true, platform: 'node', format: 'cjs', target: 'node20',
      outfile, banner: banner ? { js: banner } : undefined, logLevel: 'warning',
    });
    written.push(outfile);
  }
  return written;
}

module.exports = { bundleNode };
