/**
 * The size report `npm run bench` prints (scripts/build/size-report.js): its text count is exact on a
 * known snippet, and its split of the real plugin bundle accounts for the bundle's bytes.
 */
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..', '..');
const { pluginSizeReport, operationBytes, publicExports, textBytes } = require('../../scripts/build/size-report.js');
// Loaded with the file, not inside a test (see bundle-options.test.ts).
const pluginExports = Object.keys(require('../../plugin'));

describe('plugin size report', () => {
  it('counts the bytes inside string and template literals, ASCII and not', () => {
    // "ab" 2, '中' 3 (UTF-8), `x${1}yz` 1 + 2; the code around them does not count
    expect(textBytes('f("ab",\'中\',`x${1}yz`);var q=1;')).toEqual({ ascii: 5, nonAscii: 3 });
    expect(textBytes('let a=b+c;')).toEqual({ ascii: 0, nonAscii: 0 });
  });

  it('splits the plugin bundle by folder, with the vendored AES on its own', () => {
    const report = pluginSizeReport(ROOT);
    const areas = new Map<string, number>(report.areas);
    const sum = [...areas.values()].reduce((a, b) => a + b, 0);
    // what no folder owns is esbuild's small module runtime (it grows a little with each exported module)
    expect(report.bundle - sum).toBeGreaterThanOrEqual(0);
    expect(report.bundle - sum).toBeLessThan(1536);
    for (const area of ['plugin/protocol', 'plugin/ble', 'plugin/core', 'plugin/api', 'plugin/tuya', 'plugin/ttlock']) {
      expect(areas.get(area)).toBeGreaterThan(1000);
    }
    const vendored = fs.statSync(path.join(ROOT, 'plugin', 'protocol', 'vendor', 'noble-aes.js')).size;
    expect(Math.abs(areas.get('AES block cipher (vendored noble)')! - vendored)).toBeLessThan(vendored * 0.1);
    expect(report.withoutText).toBe(report.bundle - report.text.ascii - report.text.nonAscii);
    expect(report.text.nonAscii).toBeGreaterThan(1000); // the Chinese errorMsg table
    // without the relay clients the Tuya and TTLock folders drop out, and nothing else does but their shared
    // wx.request mechanism (plugin/core/relay-request.ts, about 1.5 KB) and its module glue
    const relays = areas.get('plugin/tuya')! + areas.get('plugin/ttlock')!;
    expect(report.bluetoothOnly.bundle).toBeLessThan(report.bundle - relays + 200);
    expect(report.bluetoothOnly.bundle).toBeGreaterThan(report.bundle - relays - 3072);
    expect(report.bluetoothOnly.withoutText).toBeLessThan(report.bluetoothOnly.bundle);
  });

  it('names every runtime export of the plugin, and the bytes each adds', () => {
    // the list read from plugin/index.ts is what the module really exports (VERSION is a constant, not an operation)
    const names = publicExports(ROOT).map((e: { name: string }) => e.name);
    const exported = pluginExports.filter((n) => n !== 'VERSION');
    expect([...names].sort()).toEqual(exported.sort());
    const adds = new Map<string, number>(operationBytes(ROOT));
    expect([...adds.keys()]).toEqual(names);
    for (const bytes of adds.values()) expect(bytes).toBeGreaterThanOrEqual(0);
    // operations with their own protocol code add a lot; thin wrappers over a shared mechanism add little
    expect(adds.get('resetPasscode')).toBeGreaterThan(1000);
    expect(adds.get('modifyPasscode')).toBeGreaterThan(500);
    expect(adds.get('freezeTempPassword')).toBeLessThan(200);
    const total = [...adds.values()].reduce((a, b) => a + b, 0);
    expect(total).toBeLessThan(pluginSizeReport(ROOT).bundle);
  });
});
