/**
 * `npm run release`, offline: without the AppID and upload key it stops and uploads nothing; with
 * --dry-run it prints the plan; with both it hands miniprogram-ci the staged plugin project, owned by
 * that AppID (a stand-in records the upload, since a real one needs WeChat's servers). The key's text
 * never appears in what it prints.
 */
import { execFile } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const { release } = require('../../scripts/release/release');
const { buildPluginBundle } = require('../../scripts/build/plugin-bundle');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const APPID = 'wx1234567890abcdef';

let tmp: string;
let keyPath: string;
let keyText: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lockwire-release-test-'));
  keyPath = path.join(tmp, 'private.wx1234567890abcdef.key');
  keyText = crypto.generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs1', format: 'pem' }) as string;
  fs.writeFileSync(keyPath, keyText);
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** The environment without any LOCKWIRE_* or npm dry-run setting of the machine running the tests. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^LOCKWIRE_|^npm_config_dry_run$/i.test(k)));
  return { ...env, ...extra };
}

function runRelease(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['scripts/release.js', ...args], { cwd: ROOT, env, timeout: 60_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

interface Recorded {
  project?: Record<string, any>;
  upload?: Record<string, any>;
  staged?: { config: any; app: any; plugin: string };
}

function standInCi(recorded: Recorded) {
  return {
    Project: class {
      constructor(options: Record<string, any>) {
        recorded.project = options;
      }
    },
    upload: async (options: Record<string, any>) => {
      recorded.upload = options;
      const dir = recorded.project!.projectPath;
      recorded.staged = {
        config: JSON.parse(fs.readFileSync(path.join(dir, 'project.config.json'), 'utf8')),
        app: JSON.parse(fs.readFileSync(path.join(dir, 'miniprogram', 'app.json'), 'utf8')),
        plugin: fs.readFileSync(path.join(dir, 'plugin', 'index.js'), 'utf8'),
      };
      return { subPackageInfo: [{ name: '__FULL__', size: 61000 }] };
    },
  };
}

async function inProcess(argv: string[], env: Record<string, string>, recorded: Recorded) {
  const lines: string[] = [];
  const code = await release(ROOT, argv, env, { ci: standInCi(recorded), out: (l: string) => lines.push(l), err: (l: string) => lines.push(l) });
  return { code, text: lines.join('\n') };
}

describe('npm run release', () => {
  it('without the AppID and key: exit 1, names what is missing and how to get it, uploads nothing', async () => {
    const run = await runRelease([], cleanEnv());
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('release: stopped, nothing was uploaded.');
    expect(run.stderr).toContain('missing: LOCKWIRE_APPID');
    expect(run.stderr).toContain('missing: LOCKWIRE_UPLOAD_KEY_PATH (or LOCKWIRE_UPLOAD_KEY)');
    expect(run.stdout).toBe(''); // no plan, no staging, no upload
    const recorded: Recorded = {};
    expect((await inProcess([], { LOCKWIRE_APPID: APPID }, recorded)).code).toBe(1);
    expect(recorded).toEqual({}); // miniprogram-ci was never even asked for a project
  });

  it('a malformed AppID or a key that is not there stops it too, without echoing the key', async () => {
    const recorded: Recorded = {};
    const bad = await inProcess([], { LOCKWIRE_APPID: 'wx123', LOCKWIRE_UPLOAD_KEY: 'not a key' }, recorded);
    expect(bad.code).toBe(1);
    expect(bad.text).toContain('LOCKWIRE_APPID is not an AppID');
    expect(bad.text).toContain('LOCKWIRE_UPLOAD_KEY does not hold a PEM private key');
    expect(bad.text).not.toContain('not a key');
    const noFile = await inProcess([], { LOCKWIRE_APPID: APPID, LOCKWIRE_UPLOAD_KEY_PATH: path.join(tmp, 'nope.key') }, recorded);
    expect(noFile.text).toContain('LOCKWIRE_UPLOAD_KEY_PATH: no file at');
    expect(recorded).toEqual({});
  });

  it('--dry-run prints the plan (version, description, every file) and uploads nothing; npm run release --dry-run works too', async () => {
    const env = cleanEnv({ LOCKWIRE_APPID: APPID, LOCKWIRE_UPLOAD_KEY: keyText });
    const [dry, npmStyle] = await Promise.all([
      runRelease(['--', '--dry-run', '--desc', 'first release'], env),
      runRelease([], { ...env, npm_config_dry_run: 'true' }),
    ]);
    for (const run of [dry, npmStyle]) {
      expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
      expect(run.stdout).toContain(`dry run: would upload plugin lockwire ${pkg.version} with miniprogram-ci (type miniProgramPlugin)`);
      expect(run.stdout).toContain(`AppID        ${APPID}`);
      expect(run.stdout).toContain('upload key   from LOCKWIRE_UPLOAD_KEY (not shown)');
      expect(run.stdout).toMatch(/^ +\d+ B {2}plugin\/index\.js$/m);
      expect(run.stdout).toMatch(/^ +\d+ B {2}plugin\/plugin\.json$/m);
      expect(run.stdout).toMatch(/^ +\d+ B {2}miniprogram\/pages\/passcode\/index\.wxml$/m);
      expect(run.stdout.trimEnd().split('\n').pop()).toBe('dry run: nothing uploaded');
      expect(run.stdout).not.toContain('PRIVATE KEY');
    }
    expect(dry.stdout).toContain('description  first release');
    expect(npmStyle.stdout).toContain(`description  lockwire ${pkg.version}`);
  });

  it('--dry-run without credentials still shows the plan, and says what a real upload would need', async () => {
    const run = await runRelease(['--dry-run'], cleanEnv());
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('AppID        not set (LOCKWIRE_APPID;');
    expect(run.stdout).toContain('missing for a real upload: LOCKWIRE_APPID, LOCKWIRE_UPLOAD_KEY_PATH (or LOCKWIRE_UPLOAD_KEY)');
  });

  it('with both: uploads the bundled plugin as a miniProgramPlugin version, owned by the AppID, then removes its staging', async () => {
    const recorded: Recorded = {};
    const run = await inProcess(['--version', '0.2.0', '--desc', 'passcodes'], { LOCKWIRE_APPID: APPID, LOCKWIRE_UPLOAD_KEY_PATH: keyPath }, recorded);
    expect(run.code).toBe(0);
    expect(recorded.project).toMatchObject({ appid: APPID, type: 'miniProgramPlugin', privateKeyPath: keyPath });
    expect(recorded.upload).toMatchObject({ version: '0.2.0', desc: 'passcodes', setting: { useProjectConfig: true } });
    expect(recorded.staged!.config).toMatchObject({ appid: APPID, compileType: 'plugin', pluginRoot: 'plugin/' });
    expect(recorded.staged!.app.plugins.lockwire).toEqual({ version: 'dev', provider: APPID });
    expect(recorded.staged!.plugin).toBe(buildPluginBundle(ROOT).code);
    expect(fs.existsSync(recorded.project!.projectPath)).toBe(false);
    expect(run.text).toContain('uploaded lockwire 0.2.0 (61000 B as WeChat counted it).');
  });
});
