/**
 * What `npm run release` needs and where it comes from: the plugin's AppID and its upload key from
 * the environment (never from a file in the repository), the version from package.json unless given,
 * a description, and whether this is a dry run (`-- --dry-run`, or npm's own `npm run release --dry-run`).
 */
'use strict';

const USAGE = 'usage: npm run release [-- --dry-run] [--version X.Y.Z] [--desc "what changed"]';

const CREDENTIALS_HELP = [
  'LOCKWIRE_APPID            your plugin\'s AppID (wx followed by 16 hex digits), from mp.weixin.qq.com',
  'LOCKWIRE_UPLOAD_KEY_PATH  the code upload key file (开发管理 > 开发设置 > 小程序代码上传 > 生成密钥),',
  '  or LOCKWIRE_UPLOAD_KEY  the key\'s text itself; also add this machine\'s IP to that page\'s IP whitelist',
];

function parseReleaseArgs(argv, env, pkgVersion) {
  const opts = { dryRun: env.npm_config_dry_run === 'true', version: pkgVersion, desc: '', verbose: false, help: false };
  const args = argv[0] === '--' ? argv.slice(1) : argv;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--dry-run') opts.dryRun = true;
    else if (a === '--verbose') opts.verbose = true;
    else if (a === '--help' || a === '-h') opts.help = true;
    else if ((a === '--version' || a === '--desc') && i + 1 < args.length) opts[a.slice(2)] = args[++i];
    else throw new Error(`release: unknown argument ${JSON.stringify(a)}\n${USAGE}`);
  }
  if (!/^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/.test(opts.version)) throw new Error(`release: --version must look like 1.2.3 (got ${JSON.stringify(opts.version)})`);
  if (!opts.desc) opts.desc = `lockwire ${opts.version}`;
  return opts;
}

/** The AppID and the key from the environment; `missing` names what is not there, `problems` what is wrong. */
function readCredentials(env, fileExists) {
  const appid = (env.LOCKWIRE_APPID || '').trim();
  const keyPath = (env.LOCKWIRE_UPLOAD_KEY_PATH || '').trim();
  const keyText = env.LOCKWIRE_UPLOAD_KEY || '';
  const missing = [];
  const problems = [];
  if (!appid) missing.push('LOCKWIRE_APPID');
  else if (!/^wx[0-9a-f]{16}$/.test(appid)) problems.push('LOCKWIRE_APPID is not an AppID (wx followed by 16 hex digits)');
  if (!keyPath && !keyText) missing.push('LOCKWIRE_UPLOAD_KEY_PATH (or LOCKWIRE_UPLOAD_KEY)');
  else if (keyPath && !fileExists(keyPath)) problems.push(`LOCKWIRE_UPLOAD_KEY_PATH: no file at ${keyPath}`);
  else if (!keyPath && !/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(keyText)) problems.push('LOCKWIRE_UPLOAD_KEY does not hold a PEM private key');
  return { appid, keyPath, keyText, missing, problems };
}

/** How the key is shown in a plan: where it is, never what it is. */
function describeKey(creds) {
  if (creds.keyPath) return `file ${creds.keyPath}`;
  if (creds.keyText) return 'from LOCKWIRE_UPLOAD_KEY (not shown)';
  return 'not set';
}

module.exports = { parseReleaseArgs, readCredentials, describeKey, USAGE, CREDENTIALS_HELP };
