/**
 * The plugin bundle's build-side guards: the property names esbuild shortens must never cross the
 * bundle's edge, and the size verdict the build prints must say "over budget" when it is.
 */
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..', '..');
const { INTERNAL_MEMBERS, MANGLED, runtimeExportNames } = require('../../scripts/build/plugin-bundle-options.js');
const { sizeVerdict, PLUGIN_BUDGET } = require('../../scripts/build/sizes.js');
// Loaded with the file, not inside a test: a module first loaded during a test makes its load-time
// code (crc8's table) look covered by that test to the mutation run (test/README, "Fixed: a one-file run counted").
// eslint-disable-next-line @typescript-eslint/no-require-imports
const pluginIndex = require('../../plugin/index');

function filesBelow(dir: string, ext: RegExp): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? filesBelow(p, ext) : ext.test(e.name) ? [p] : [];
  });
}

describe('mangled property names (plugin-bundle-options.js)', () => {
  const publicText = [
    ...filesBelow(path.join(ROOT, 'typings'), /\.d\.ts$/),
    path.join(ROOT, 'plugin', 'api', 'types.ts'),
    path.join(ROOT, 'plugin', 'core', 'settings.ts'),
    path.join(ROOT, 'plugin', 'core', 'result.ts'),
    path.join(ROOT, 'plugin', 'protocol', 'lock-data.ts'),
    path.join(ROOT, 'plugin', 'protocol', 'lock-data-fields.ts'),
    ...filesBelow(path.join(ROOT, 'node_modules', 'miniprogram-api-typings', 'types', 'wx'), /\.d\.ts$/),
  ].map((f) => fs.readFileSync(f, 'utf8')).join('\n');
  const pluginSource = filesBelow(path.join(ROOT, 'plugin'), /\.ts$/).map((f) => fs.readFileSync(f, 'utf8')).join('\n');

  it('lists no name of the public typings, wx typings, lockData fields or builtins', () => {
    const builtins = new Set<string>();
    for (const proto of [Object.prototype, Array.prototype, String.prototype, Promise.prototype, Error.prototype, Map.prototype, Set.prototype, Uint8Array.prototype, Object.getPrototypeOf(Uint8Array.prototype), DataView.prototype]) {
      for (const k of Object.getOwnPropertyNames(proto)) builtins.add(k);
    }
    const words = new Set(publicText.match(/[A-Za-z_$][\w$]*/g));
    expect(INTERNAL_MEMBERS.filter((n: string) => words.has(n) || builtins.has(n))).toEqual([]);
  });

  it('lists no name that plugin/ reads by a quoted key (mangling would miss it)', () => {
    expect(INTERNAL_MEMBERS.filter((n: string) => new RegExp(`['"\`]${n}['"\`]`).test(pluginSource))).toEqual([]);
  });

  it('matches private `_x` members and the listed names only', () => {
    expect(['_link', '_ble', 'adminLogin', 'deadline'].every((n) => MANGLED.test(n))).toBe(true);
    expect(['__esModule', 'lockData', 'errorCode', 'deviceId', 'deadlines', 'xdeadline'].some((n) => MANGLED.test(n))).toBe(false);
  });
});

describe('the bundle entry (plugin-bundle-options.js)', () => {
  it('hands module.exports every runtime export of plugin/index.ts, and nothing else', () => {
    expect([...runtimeExportNames(ROOT)].sort()).toEqual(Object.keys(pluginIndex).filter((k) => k !== '__esModule').sort());
  });
});

describe('size verdict (sizes.js)', () => {
  it('is within budget up to and including the budget itself', () => {
    expect(PLUGIN_BUDGET).toBe(65536);
    expect(sizeVerdict(PLUGIN_BUDGET)).toEqual({ ok: true, line: 'compiled plugin: 65536 B in dist/plugin (budget 65536 B)', problem: null });
  });

  it('is a failure one byte over, naming the excess', () => {
    expect(sizeVerdict(PLUGIN_BUDGET + 1)).toEqual({
      ok: false,
      line: 'compiled plugin: 65537 B in dist/plugin (budget 65536 B)',
      problem: 'the compiled plugin is over its 65536 B budget by 1 B',
    });
    expect(sizeVerdict(1000, 999).ok).toBe(false);
  });
});
