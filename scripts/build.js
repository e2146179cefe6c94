#!/usr/bin/env node
/**
 * npm run build [-- --out DIR] [--verbose]: the offline WeChat compile of the plugin and the demo host into
 * dist/ (miniprogram-ci getCompiledResult, no network), the toolchain's code analysis of the compiled
 * output, and the Node-side bundle dist/cloud/cli.js. Prints the compiled plugin's size against its
 * 64 KB budget (scripts/build/sizes.js sizeVerdict) and fails (exit 1) above it (issue #10).
 * The WeChat toolchain's known chatter is hidden (scripts/build/toolchain-output.js); --verbose shows it.
 */
'use strict';
const path = require('path');
const os = require('os');
const fs = require('fs');
const { stagePlugin } = require('./build/stage-plugin');
const { compileMiniprogram, analyseCompiled } = require('./build/wechat-compile');
const { checkPluginApis } = require('./build/check-plugin-apis');
const { bundleNode } = require('./build/node-bundles');
const { dirSize, sizeVerdict } = require('./build/sizes');
const { hideToolchainNoise } = require('./build/toolchain-output');

const root = path.resolve(__dirname, '..');
const outArg = process.argv.indexOf('--out');
const dist = outArg > 0 ? path.resolve(process.argv[outArg + 1]) : path.join(root, 'dist');
hideToolchainNoise({ verbose: process.argv.includes('--verbose') });

(async () => {
  const stage = stagePlugin(root, fs.mkdtempSync(path.join(os.tmpdir(), 'lockwire-stage-')));
  try {
    const written = await compileMiniprogram(stage, dist);
    console.log(`wechat compile: ${written} files -> ${path.relative(root, dist) || '.'}`);
  } finally {
    fs.rmSync(stage, { recursive: true, force: true });
  }
  const problems = [...(await analyseCompiled(root, dist)), ...checkPluginApis(root, path.join(dist, 'plugin'))];
  if (problems.length) throw new Error(`code analysis of the compiled output:\n  ${problems.join('\n  ')}`);
  console.log('code analysis: no unresolved requires; only plugin-allowed wx APIs');
  for (const b of bundleNode(root, dist)) console.log(`node bundle: ${path.relative(root, b)}`);
  const verdict = sizeVerdict(dirSize(path.join(dist, 'plugin')));
  console.log(verdict.line);
  if (!verdict.ok) throw new Error(verdict.problem);
  process.exit(0); // miniprogram-ci leaves a file watcher running
})().catch((e) => {
  console.error('build failed:', (e && e.message) || e);
  process.exit(1);
});
