/**
 * The plugin door's release: stage the plugin exactly as `npm run build` compiles it (the esbuild
 * bundle, plugin.json, the demo host that reviewers open), with your AppID as the project's and as the
 * demo's plugin provider, then upload it with miniprogram-ci as a plugin version. Without the AppID and
 * the key it stops before touching anything; with --dry-run it prints the plan and uploads nothing.
 */
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { stagePlugin } = require('../build/stage-plugin');
const { parseReleaseArgs, readCredentials, describeKey, USAGE, CREDENTIALS_HELP } = require('./options');

/** Files of the staged project, as miniprogram-ci would read them, with sizes. */
function listStaged(stage) {
  const out = [];
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else out.push([path.relative(stage, p).split(path.sep).join('/'), fs.statSync(p).size]);
    }
  };
  walk(stage);
  return out.sort((a, b) => a[0].localeCompare(b[0]));
}

/** The project the upload reads: our staged plugin and demo, owned by `appid`. */
function stageRelease(root, appid) {
  const stage = stagePlugin(root, fs.mkdtempSync(path.join(os.tmpdir(), 'lockwire-release-')));
  const configPath = path.join(stage, 'project.config.json');
  const config = JSON.parse(fs.readFileSync(configPath, 'utf8'));
  config.appid = appid;
  fs.writeFileSync(configPath, `${JSON.stringify(config, null, 2)}\n`);
  // A plugin project's demo must use the plugin under development: version "dev", provider = the AppID.
  const appPath = path.join(stage, 'miniprogram', 'app.json');
  const app = JSON.parse(fs.readFileSync(appPath, 'utf8'));
  for (const name of Object.keys(app.plugins || {})) app.plugins[name] = { ...app.plugins[name], version: 'dev', provider: appid };
  fs.writeFileSync(appPath, `${JSON.stringify(app, null, 2)}\n`);
  return stage;
}

/**
 * Runs the release; returns the exit code. `deps.ci` is miniprogram-ci (tests pass a stand-in);
 * `deps.out` / `deps.err` print a line.
 */
async function release(root, argv, env, deps) {
  const { out, err } = deps;
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  let opts;
  try {
    opts = parseReleaseArgs(argv, env, pkg.version);
  } catch (e) {
    err(e.message);
    return 2;
  }
  if (opts.help) {
    out(USAGE);
    out('Reads from the environment:');
    for (const l of CREDENTIALS_HELP) out(`  ${l}`);
    return 0;
  }
  const creds = readCredentials(env, (p) => fs.existsSync(p));
  if (creds.problems.length || (!opts.dryRun && creds.missing.length)) {
    err(`release: stopped, nothing was uploaded.`);
    for (const m of creds.missing) err(`  missing: ${m}`);
    for (const p of creds.problems) err(`  ${p}`);
    err('Set in the environment:');
    for (const l of CREDENTIALS_HELP) err(`  ${l}`);
    err('To see what would be uploaded without them: npm run release -- --dry-run');
    return 1;
  }
  const placeholder = JSON.parse(fs.readFileSync(path.join(root, 'project.config.json'), 'utf8')).appid;
  const appid = creds.appid || placeholder;
  const stage = stageRelease(root, appid);
  try {
    const files = listStaged(stage);
    out(`${opts.dryRun ? 'dry run: would upload' : 'uploading'} plugin lockwire ${opts.version} with miniprogram-ci (type miniProgramPlugin)`);
    out(`  AppID        ${creds.appid || `not set (LOCKWIRE_APPID; ${placeholder} shown)`}`);
    out(`  upload key   ${describeKey(creds)}`);
    out(`  version      ${opts.version}`);
    out(`  description  ${opts.desc}`);
    out(`  files (WeChat compiles them during the upload):`);
    for (const [file, size] of files) out(`    ${String(size).padStart(7)} B  ${file}`);
    out(`    ${String(files.reduce((n, [, s]) => n + s, 0)).padStart(7)} B  in all`);
    if (opts.dryRun) {
      if (creds.missing.length) out(`  missing for a real upload: ${creds.missing.join(', ')}`);
      out('dry run: nothing uploaded');
      return 0;
    }
    const project = new deps.ci.Project({
      appid,
      type: 'miniProgramPlugin',
      projectPath: stage,
      ...(creds.keyPath ? { privateKeyPath: creds.keyPath } : { privateKey: creds.keyText }),
      ignores: ['node_modules/**/*'],
    });
    const result = await deps.ci.upload({
      project,
      version: opts.version,
      desc: opts.desc,
      robot: 1,
      setting: { useProjectConfig: true },
      onProgressUpdate: opts.verbose ? (t) => out(`  ${typeof t === 'string' ? t : t.message || JSON.stringify(t)}`) : undefined,
    });
    const size = result && Array.isArray(result.subPackageInfo) ? result.subPackageInfo.reduce((n, p) => n + p.size, 0) : null;
    out(`uploaded lockwire ${opts.version}${size === null ? '' : ` (${size} B as WeChat counted it)`}.`);
    out('Next, on mp.weixin.qq.com (版本管理): submit this development version for review (提交审核), then release it.');
    return 0;
  } catch (e) {
    err(`release failed: ${String((e && e.message) || e).replace(/-----BEGIN[\s\S]*?-----END[^-]*-----/g, '[key]')}`);
    return 1;
  } finally {
    fs.rmSync(stage, { recursive: true, force: true });
  }
}

module.exports = { release, stageRelease, listStaged };
