/**
 * The WeChat toolchain compile, offline. miniprogram-ci needs a private key file for its constructor
 * (never sent anywhere offline) and would fetch project attributes from the network, so both are
 * replaced (tooling.md §3). It also leaves a cache directory in the cwd, so we chdir to tmp first.
 */
'use strict';
const path = require('path');
const os = require('os');
const fs = require('fs');
const crypto = require('crypto');

const IGNORES = ['node_modules/**/*', 'test/**/*', 'scripts/**/*', 'typings/**/*', 'cloud/**/*',
  'simulator/**/*', 'dist/**/*', '.ci/**/*', 'coverage/**/*'];

function dummyKey() {
  const keyPath = path.join(os.tmpdir(), 'lockwire-miniprogram-ci-dummy.key');
  if (!fs.existsSync(keyPath)) {
    const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
    fs.writeFileSync(keyPath, privateKey.export({ type: 'pkcs1', format: 'pem' }));
  }
  return keyPath;
}

/**
 * Offline on purpose: every HTTP call miniprogram-ci makes during a compile (white-list and schema
 * look-ups) fails at once instead of waiting on DNS, which on a closed network took ~10 minutes.
 */
function forbidNetwork() {
  const request = require('miniprogram-ci/dist/utils/request');
  request.request = async (opts) => {
    throw new Error(`offline build: no request to ${String((opts && opts.url) || '').split('?')[0]}`);
  };
}

function createProject(root) {
  forbidNetwork();
  const ci = require('miniprogram-ci');
  const project = new ci.Project({
    appid: require(path.join(root, 'project.config.json')).appid,
    type: 'miniProgramPlugin',
    projectPath: root,
    privateKeyPath: dummyKey(),
    ignores: IGNORES,
  });
  project.attr = async () => JSON.parse(JSON.stringify(ci.DefaultProjectAttr));
  return { ci, project };
}

/** Compiles plugin/ and miniprogram/ and writes the result under dist/. Returns the file count. */
async function compileMiniprogram(root, dist) {
  const cwd = process.cwd();
  process.chdir(os.tmpdir());
  try {
    const { ci, project } = createProject(root);
    const files = await ci.getCompiledResult({ project, setting: { useProjectConfig: true } });
    for (const sub of ['plugin', 'miniprogram']) fs.rmSync(path.join(dist, sub), { recursive: true, force: true });
    for (const [rel, content] of Object.entries(files)) {
      const out = path.join(dist, rel.replace(/^\/+/, ''));
      fs.mkdirSync(path.dirname(out), { recursive: true });
      fs.writeFileSync(out, content);
    }
    return Object.keys(files).length;
  } finally {
    process.chdir(cwd);
  }
}

module.exports = { compileMiniprogram, createProject };
