/**
 * `npm run demo` as a newcomer runs it: a child process on plain Node (scripts/run-ts.js bundles
 * scripts/demo.ts with esbuild). It must print the transcript, end by itself and exit 0, with
 * `demo: ok` last, or `demo: fault <name> shown` for each failure it can show. The README's ```text
 * block must be what it really prints, whole.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FAULT_NAMES } from '../../scripts/demo/faults';
import { fencedBlocks, section } from './readme-snippets';

const ROOT = path.resolve(__dirname, '../..');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  lines: string[];
}

/** A wall-clock allowance for a loaded machine, not a performance check: the demo takes about 10 s alone. */
const RUN_LIMIT_MS = 180_000;

function runDemo(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['scripts/run-ts.js', 'scripts/demo.ts', ...args], { cwd: ROOT, timeout: RUN_LIMIT_MS }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : null) : 0;
      resolve({ code, stdout, stderr, lines: stdout.trimEnd().split('\n') });
    });
  });
}

/** The heading of the one page that runs on real timers (HTTP and Bluetooth interleave), so its "Took" is real time. */
const REAL_TIME_PAGE = '== "Add passcode" with lockData from the TTLock relay';

/**
 * What differs between two runs: today's dates (phone time, lock time, UTC), the loopback ports, Tuya's
 * password id and offline code, real time. The lock clock's 7-minute lag reads 419 to 421 s depending
 * on where in its second the run starts (the lock counts whole seconds); any other figure still differs.
 */
function normalise(text: string): string {
  const tuyaId = /Password id: (\d+)/.exec(text)?.[1];
  const out = text
    .trim()
    .replace(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/g, 'YYYY-MM-DD hh:mm')
    .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}Z/g, 'YYYY-MM-DDThh:mmZ')
    .replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:PORT')
    .replace(tuyaId ? new RegExp(`\\b${tuyaId}\\b`, 'g') : /$^/, 'ID')
    .replace(/(Offline code: )\d+/g, '$1CODE')
    .replace(/慢 behind 4(19|20|21) s/g, '慢 behind 420 s')
    .replace(/^\(\d+ ms in all\)$/m, '(N ms in all)');
  const realTime = out.indexOf(REAL_TIME_PAGE);
  return realTime < 0 ? out : out.slice(0, realTime) + out.slice(realTime).replace(/(用时 Took: )\d+ ms/, '$1N ms');
}

let ok: Run;
const faults = new Map<string, Run>();

// One demo at a time: five at once on a shared, loaded machine only compete for the same cores.
beforeAll(async () => {
  ok = await runDemo([]);
  for (const f of FAULT_NAMES) faults.set(f, await runDemo(['--fault', f]));
}, (FAULT_NAMES.length + 1) * RUN_LIMIT_MS + 10_000);

describe('npm run demo', () => {
  it('succeeds: exit 0, last line "demo: ok", nothing on stderr', () => {
    expect({ code: ok.code, last: ok.lines[ok.lines.length - 1], stderr: ok.stderr }).toEqual({ code: 0, last: 'demo: ok', stderr: '' });
  });

  it('prints the lock, each progress step in order with its time, the result, the stored passcodes and the Tuya id', () => {
    const out = ok.stdout;
    expect(out).toMatch(/^lock {6}S31_\w+ {2}([0-9A-F]{2}:){5}[0-9A-F]{2} {2}\(ios, battery 90%/m);
    const steps = [...out.matchAll(/^ +\+(\d+) ms {2}(.+)$/gm)];
    expect(steps.map((m) => m[2])).toEqual(['扫描门锁 Scanning', '连接 Connecting', '身份校验 Authenticating', '写入密码 Writing', '完成 Done']);
    const ms = steps.map((m) => Number(m[1]));
    expect([...ms].sort((a, b) => a - b)).toEqual(ms);
    expect(out).toMatch(/^lock {6}now stores 1 passcode .*\n {10}246810 +period /m);
    expect(out).toMatch(/^ {10}密码 ID Password id: (\d+)$/m);
    const id = /Password id: (\d+)/.exec(out)?.[1];
    expect(out).toContain(`the mock Tuya cloud holds password ${id} for vdevlockwire0001: PIN decrypted matches`);
  });

  it("is, line for line, the README's transcript (dates, ports, password ids and real time aside)", () => {
    const transcript = fencedBlocks(section('The demo app')).find((b) => b.lang === 'text');
    expect(transcript).toBeDefined();
    expect(normalise(ok.stdout)).toBe(normalise(transcript!.code));
  });

  it.each([
    ['link-drop', 10003, /^notice {4}⚠ 蓝牙连接已断开 The Bluetooth link dropped \(10003/m],
    ['out-of-range', 10404, /^ {10}扫描超时，未找到设备$/m],
    ['passcode-exists', 20, /^ {10}密码已存在$/m],
    ['storage-full', 22, /^ {10}存储空间不足$/m],
  ])('--fault %s shows the %s card and exits 0', (name, code, visible) => {
    const run = faults.get(name)!;
    expect(run.code).toBe(0);
    expect(run.lines[run.lines.length - 1]).toBe(`demo: fault ${name} shown`);
    expect(run.stdout).toContain(`result    ✗ 失败 Failed (${code})`);
    expect(run.stdout).toMatch(visible);
    expect(run.stdout).not.toContain('Tuya');
  });

  it('refuses an unknown fault with the usage and exit 2', async () => {
    const run = await runDemo(['--fault', 'meteor']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('demo: unknown fault "meteor"; the faults are link-drop, out-of-range, passcode-exists, storage-full');
    expect(run.stderr).toContain('usage: npm run demo [-- --fault link-drop|out-of-range|passcode-exists|storage-full] [-- --help]');
    expect(run.stdout).toBe('');
  }, RUN_LIMIT_MS + 5_000);

  it('--help lists the pages and every fault with what it shows, and exits 0', async () => {
    const run = await runDemo(['--help']);
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(/^ {2}pages\/passcode +"添加密码 Add passcode"$/m);
    expect(run.stdout).toMatch(/^ {2}pages\/tuya +"涂鸦临时密码 Temporary password \(Tuya\)"$/m);
    const app = JSON.parse(fs.readFileSync(path.join(ROOT, 'miniprogram', 'app.json'), 'utf8'));
    for (const page of app.pages) expect(run.stdout).toContain(`  ${page.replace(/\/index$/, '')} `);
    for (const name of FAULT_NAMES) expect(run.stdout).toMatch(new RegExp(`^  ${name} +\\S.* \\(\\d+\\)$`, 'm'));
    expect(run.stdout).not.toContain('demo: ok'); // it explains; it does not run
  }, RUN_LIMIT_MS + 5_000);
});
