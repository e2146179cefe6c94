/**
 * Benchmark: frame codec throughput (the ADD frame of a 6-digit passcode, encode and decode), and
 * the size of the compiled plugin in dist/plugin (run `npm run build` first for the current figure),
 * with where its bytes go (scripts/build/size-report.js).
 */
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { CMD_MANAGE_KEYBOARD_PASSWORD, decodeFrame, encodeAddPasscode, encodeFrame, toLockTime } from '../../plugin/protocol';
import { ROOT } from '../repo-root';

function perSecond(runs: number, fn: () => void): number {
  for (let i = 0; i < 200; i++) fn(); // warm-up
  const t0 = performance.now();
  for (let i = 0; i < runs; i++) fn();
  return Math.round(runs / ((performance.now() - t0) / 1000));
}

interface SizeReport {
  bundle: number;
  areas: Array<[string, number]>;
  text: { ascii: number; nonAscii: number };
  withoutText: number;
  bluetoothOnly: { bundle: number; withoutText: number };
}

// Loaded at run time from the repository (esbuild and typescript stay out of this bundle).
const rootRequire = createRequire(path.join(ROOT, 'package.json'));
const { dirSize, sizeVerdict, PLUGIN_BUDGET } = rootRequire('./scripts/build/sizes.js') as {
  dirSize: (dir: string) => number;
  sizeVerdict: (size: number) => { ok: boolean; problem: string | null };
  PLUGIN_BUDGET: number;
};
const { pluginSizeReport, operationBytes } = rootRequire('./scripts/build/size-report.js') as {
  pluginSizeReport: (root: string) => SizeReport;
  operationBytes: (root: string) => Array<[string, number]>;
};
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

function logSizes(log: (line: string) => void): void {
  const dist = path.join(ROOT, 'dist', 'plugin');
  const size = fs.existsSync(dist) ? dirSize(dist) : 0;
  const verdict = sizeVerdict(size);
  log(size
    ? `compiled plugin (dist/plugin, all files): ${size.toLocaleString('en')} B (budget ${PLUGIN_BUDGET.toLocaleString('en')} B): ${verdict.ok ? 'within budget' : verdict.problem}`
    : 'compiled plugin: dist/plugin not built (run npm run build)');
  const r = pluginSizeReport(ROOT);
  log(`esbuild's plugin bundle (before terser and the WeChat compile): ${r.bundle.toLocaleString('en')} B, by folder:`);
  for (const [area, bytes] of r.areas) log(`  ${kb(bytes).padStart(8)}  ${area}`);
  log(`message text: ${kb(r.text.ascii)} English descriptions and checks, ${kb(r.text.nonAscii)} Chinese errorMsg`);
  log(`the same bundle with every string emptied: ${kb(r.withoutText)}`);
  log(`the Bluetooth path alone (no requestTempPassword): ${kb(r.bluetoothOnly.bundle)}, ${kb(r.bluetoothOnly.withoutText)} with every string emptied`);
  log('bytes each public export adds (the bundle without it is that much smaller; shared code counts for none):');
  for (const [name, bytes] of operationBytes(ROOT)) log(`  ${bytes.toLocaleString('en').padStart(6)} B  ${name}`);
}

export async function run(log: (line: string) => void): Promise<void> {
  const key = Uint8Array.from({ length: 16 }, (_, i) => i * 17);
  const payload = encodeAddPasscode({ passcode: '123456', start: toLockTime(Date.UTC(2030, 0, 1), 0), end: toLockTime(Date.UTC(2031, 0, 1), 0) });
  const frame = encodeFrame(CMD_MANAGE_KEYBOARD_PASSWORD, payload, key);
  const runs = 20000;
  log(`frame encode (ADD, ${frame.length} B): ${perSecond(runs, () => encodeFrame(CMD_MANAGE_KEYBOARD_PASSWORD, payload, key)).toLocaleString('en')} frames/s`);
  log(`frame decode (ADD, ${frame.length} B): ${perSecond(runs, () => decodeFrame(frame, key)).toLocaleString('en')} frames/s`);
  logSizes(log);
}
