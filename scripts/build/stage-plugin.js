/**
 * Stages the project the WeChat toolchain compiles: plugin/index.ts bundled into one ES2017 CommonJS
 * file (plugin-bundle.js: esbuild, then terser), plugin.json beside it, and the demo host
 * and project config copied as they are.
 * Why a bundle: compiled file by file, the WeChat compile wraps every module and adds babel helpers;
 * the single bundle is about half the size (and ships only what the public surface reaches).
 */
'use strict';
const path = require('path');
const fs = require('fs');
const { buildPluginBundle } = require('./plugin-bundle');

function stagePlugin(root, stageDir) {
  fs.rmSync(stageDir, { recursive: true, force: true });
  fs.mkdirSync(path.join(stageDir, 'plugin'), { recursive: true });
  buildPluginBundle(root, path.join(stageDir, 'plugin', 'index.js'));
  fs.copyFileSync(path.join(root, 'plugin', 'plugin.json'), path.join(stageDir, 'plugin', 'plugin.json'));
  fs.cpSync(path.join(root, 'miniprogram'), path.join(stageDir, 'miniprogram'), { recursive: true });
  fs.copyFileSync(path.join(root, 'project.config.json'), path.join(stageDir, 'project.config.json'));
  return stageDir;
}

module.exports = { stagePlugin };
