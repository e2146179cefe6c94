/**
 * The shipped artifact: `npm run build` output (the WeChat toolchain's compile of the plugin), loaded
 * in a bare vm realm that has only `wx`, timers and console (no Node globals, as in WeChat), adds a
 * passcode to a virtual lock. It also records every wx API the plugin touches: a plugin may only use
 * the whitelisted ones (tooling.md §3, "API limits").
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vm from 'vm';
import { createFakeWx, createVirtualLock } from '../../simulator';
import { drive } from '../helpers/drive';

const ROOT = path.resolve(__dirname, '..', '..');
/** The same list the build's static check enforces. */
const { PLUGIN_WX_ALLOWED } = require('../../scripts/build/check-plugin-apis.js') as { PLUGIN_WX_ALLOWED: Set<string> };
const { dirSize, sizeVerdict, PLUGIN_BUDGET } = require('../../scripts/build/sizes.js');

let outDir: string;
let compiledSource: string;
let buildOutput: string;

beforeAll(() => {
  outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lockwire-dist-'));
  const build = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'build.js'), '--out', outDir], { cwd: ROOT, encoding: 'utf8' });
  buildOutput = `${build.stdout}${build.stderr}`;
  if (build.status !== 0) throw new Error(`build failed:\n${buildOutput}`);
  compiledSource = fs.readFileSync(path.join(outDir, 'plugin', 'index.js'), 'utf8');
}, 120_000);

afterAll(() => fs.rmSync(outDir, { recursive: true, force: true }));

function loadCompiled(wx: object): any {
  const module = { exports: {} as any };
  const context = vm.createContext({ wx, module, exports: module.exports, console, setTimeout, clearTimeout, Date });
  vm.runInContext(compiledSource, context, { filename: 'dist/plugin/index.js' });
  return module.exports;
}

describe('npm run build', () => {
  it('prints only its own lines: what it wrote, the checks, the size (no toolchain chatter)', () => {
    const own = [
      /^wechat compile: \d+ files -> \S+$/,
      /^code analysis: no unresolved requires; only plugin-allowed wx APIs$/,
      /^node bundle: \S+$/,
      /^compiled plugin: \d+ B in dist\/plugin \(budget \d+ B\)$/,
      /^wechat compile: the toolchain worker did not start in time; trying once more$/, // a starved machine only
    ];
    const lines = buildOutput.trimEnd().split('\n');
    expect(lines.filter((l) => !own.some((re) => re.test(l)))).toEqual([]);
    expect(lines.some((l) => l.startsWith('compiled plugin: '))).toBe(true);
  });

  it('prints the size of what it wrote, which is within the 64 KB budget', () => {
    // (the verdict itself, within and over budget, is unit-tested in test/unit/bundle-options.test.ts)
    const size = dirSize(path.join(outDir, 'plugin'));
    const verdict = sizeVerdict(size);
    expect(PLUGIN_BUDGET).toBe(64 * 1024);
    const lines = buildOutput.trimEnd().split('\n');
    expect(lines).toContain(`compiled plugin: ${size} B in dist/plugin (budget ${PLUGIN_BUDGET} B)`);
    // the build fails (exit 1) above the budget, so a build that succeeded must be within it
    expect(verdict.ok).toBe(true);
  });
});

describe('dist/plugin/index.js', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('is the compiled plugin main named by plugin.json, and has no Node-only references', () => {
    const pluginJson = JSON.parse(fs.readFileSync(path.join(outDir, 'plugin', 'plugin.json'), 'utf8'));
    expect(pluginJson.main).toBe('index.js');
    expect(compiledSource).not.toMatch(/\brequire\(["'](?:fs|path|crypto|buffer|node:)/);
    expect(compiledSource).not.toMatch(/\bBuffer\.from\b/);
  });

  it('loads in a bare realm and adds a passcode to a virtual lock, touching only plugin-allowed wx APIs', async () => {
    const lock = createVirtualLock({ battery: 64 });
    const fake = createFakeWx({ platform: 'ios', locks: [lock] });
    const touched = new Set<string>();
    const wx = new Proxy(fake.wx, {
      get(target, prop, receiver) {
        if (typeof prop === 'string') touched.add(prop);
        return Reflect.get(target, prop, receiver);
      },
    });
    const plugin = loadCompiled(wx);
    expect(typeof plugin.VERSION).toBe('string');
    const start = Date.UTC(2031, 0, 1, 8, 0) - lock.timezoneRawOffset;
    const result = await drive(plugin.createCustomPasscode({ passcode: '90817', startDate: start, endDate: start + 86_400_000, lockData: lock.lockData() }));
    expect(result).toMatchObject({ errorCode: 0, passcode: '90817', electricQuantity: 64 });
    expect(lock.passcodes().map((p) => p.passcode)).toEqual(['90817']);
    await drive(plugin.finishOperations());
    expect(fake.openConnections()).toBe(0);
    // one long-lived listener per event, and never the argument-less off…() that would remove the host's
    expect(Object.values(fake.report().plugin.listeners)).toEqual([1, 1, 1, 1]);
    expect(fake.calls.offBLECharacteristicValueChange + fake.calls.offBluetoothDeviceFound + fake.calls.offBluetoothAdapterStateChange).toBe(0);
    expect(fake.adapterOpen()).toBe(false);
    const used = [...touched].filter((name) => typeof (fake.wx as any)[name] === 'function');
    expect(used.filter((name) => !PLUGIN_WX_ALLOWED.has(name))).toEqual([]);
    expect(used).toEqual(expect.arrayContaining(['createBLEConnection', 'writeBLECharacteristicValue']));
  });
});
