#!/usr/bin/env node
/**
 * npm run build: the offline WeChat compile (miniprogram-ci getCompiledResult, no network) of the
 * plugin and the demo host into dist/, then the Node-side bundles (dist/cloud/cli.js).
 * Prints the compiled plugin's size: the product promise is < 32 KB.
 */
'use strict';
const path = require('path');
const fs = require('fs');
const { compileMiniprogram } = require('./build/wechat-compile');
const { bundleNode } = require('./build/node-bundles');
const { dirSize } = require('./build/sizes');

const root = path.resolve(__dirname, '..');
const dist = path.join(root, 'dist');
const PLUGIN_BUDGET = 32 * 1024;

(async () => {
  const written = await compileMiniprogram(root, dist);
  console.log(`wechat compile: ${written} files -> dist/`);
  const bundles = bundleNode(root, dist);
  for (const b of bundles) console.log(`node bundle: ${path.relative(root, b)}`);
  const size = dirSize(path.join(dist, 'plugin'));
  console.log(`compiled plugin: ${size} B (budget ${PLUGIN_BUDGET} B)`);
  if (size > PLUGIN_BUDGET) {
    console.error(`build: the compiled plugin is over budget by ${size - PLUGIN_BUDGET} B`);
    process.exit(1);
  }
})().catch((e) => {
  console.error('build failed:', (e && e.message) || e);
  process.exit(1);
});
