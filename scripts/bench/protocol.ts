/**
 * Benchmark: frame codec throughput (the ADD frame of a 6-digit passcode, encode and decode), and
 * the size of the compiled plugin in dist/plugin (run `npm run build` first for the current figure).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { CMD_MANAGE_KEYBOARD_PASSWORD, decodeFrame, encodeAddPasscode, encodeFrame, toLockTime } from '../../plugin/protocol';

const ROOT = path.resolve(__dirname, '..', '..');

function perSecond(runs: number, fn: () => void): number {
  for (let i = 0; i < 200; i++) fn(); // warm-up
  const t0 = performance.now();
  for (let i = 0; i < runs; i++) fn();
  return Math.round(runs / ((performance.now() - t0) / 1000));
}

function dirSize(dir: string): number {
  if (!fs.existsSync(dir)) return -1;
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    total += entry.isDirectory() ? dirSize(p) : fs.statSync(p).size;
  }
  return total;
}

export async function run(log: (line: string) => void): Promise<void> {
  const key = Uint8Array.from({ length: 16 }, (_, i) => i * 17);
  const payload = encodeAddPasscode({ passcode: '123456', start: toLockTime(Date.UTC(2030, 0, 1), 0), end: toLockTime(Date.UTC(2031, 0, 1), 0) });
  const frame = encodeFrame(CMD_MANAGE_KEYBOARD_PASSWORD, payload, key);
  const runs = 20000;
  log(`frame encode (ADD, ${frame.length} B): ${perSecond(runs, () => encodeFrame(CMD_MANAGE_KEYBOARD_PASSWORD, payload, key)).toLocaleString('en')} frames/s`);
  log(`frame decode (ADD, ${frame.length} B): ${perSecond(runs, () => decodeFrame(frame, key)).toLocaleString('en')} frames/s`);
  const size = dirSize(path.join(ROOT, 'dist', 'plugin'));
  log(size < 0 ? 'compiled plugin: dist/plugin not built (run npm run build)' : `compiled plugin (dist/plugin, all files): ${size.toLocaleString('en')} B (budget 32,768 B)`);
}
