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
    appid: JSON.parse(fs.readFileSync(path.join(root, 'project.config.json'), 'utf8')).appid,
    type: 'miniProgramPlugin',
    projectPath: root,
    privateKeyPath: dummyKey(),
    ignores: IGNORES,
  });
  project.attr = async () => JSON.parse(JSON.stringify(ci.DefaultProjectAttr));
  return { ci, project };
}

/** Compiles plugin/ and miniprogram/ and writes the result under dist/. Returns the file count. */
/**
 * miniprogram-ci gives its compile worker a fixed 20 s to start (PROCESS_READY_TIMEOUT), which a starved
 * machine can miss: that failure says nothing about our code, so it gets one more try. Any other error is final.
 */
async function withToolchainRetry(run) {
  try {
    return await run();
  } catch (err) {
    if (!/fork process timeout/.test(String((err && err.message) || err))) throw err;
    console.warn('wechat compile: the toolchain worker did not start in time; trying once more');
    return run();
  }
}

async function compileMiniprogram(root, dist) {
  const cwd = process.cwd();
  process.chdir(os.tmpdir());
  try {
    const { ci, project } = createProject(root);
    const files = await withToolchainRetry(() => ci.getCompiledResult({ project, setting: { useProjectConfig: true } }));
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

/**
 * miniprogram-ci's offline code analysis, run over the compiled output (it does not read .ts, and
 * the compile itself does not notice a require that points nowhere). Returns problem lines.
 */
async function analyseCompiled(root, dist) {
  fs.copyFileSync(path.join(root, 'project.config.json'), path.join(dist, 'project.config.json'));
  const cwd = process.cwd();
  process.chdir(os.tmpdir());
  try {
    const { ci, project } = createProject(dist);
    const result = await ci.analyseCode(project, { silent: true });
    return collectProblems(result);
  } finally {
    process.chdir(cwd);
    fs.rmSync(path.join(dist, 'project.config.json'), { force: true });
  }
}

/** analyseCode reports a require it cannot resolve as a dependency with `error` and no moduleId. */
function collectProblems(result) {
  if (!result || !Array.isArray(result.modules)) return ['analyseCode returned no module list'];
  const problems = [];
  for (const mod of result.modules) {
    for (const dep of mod.deps || []) {
      if (dep.error || dep.moduleId === null) problems.push(`${mod.path}: ${dep.error || `cannot resolve ${dep.request}`}`);
    }
  }
  return problems;
}

module.exports = { compileMiniprogram, createProject, analyseCompiled, collectProblems };
