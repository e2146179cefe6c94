/**
 * The CLI as a user runs it: a separate Node process with credentials in the environment and the mock's
 * test-only CA in NODE_EXTRA_CA_CERTS. The entry is bundled once with esbuild (what `npm run build` does);
 * one run goes through scripts/run-ts.js (what `npm run tuya` does). Every run's two streams are scanned
 * for the secret and the PIN.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildSync } from 'esbuild';
import { MOCK_DEVICE_ID, MockTuyaCloud, startMockTuyaCloud } from '../../simulator/tuya-cloud';

const ROOT = path.resolve(__dirname, '..', '..');
let outDir: string;
let bundle: string;
let mock: MockTuyaCloud;

beforeAll(async () => {
  outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lockwire-cli-test-'));
  bundle = path.join(outDir, 'cli.js');
  buildSync({ entryPoints: [path.join(ROOT, 'cloud', 'cli.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: bundle, logLevel: 'error' });
  mock = await startMockTuyaCloud();
});

afterAll(async () => {
  await mock.close();
  fs.rmSync(outDir, { recursive: true, force: true });
});

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(args: string[], env: Record<string, string | undefined> = {}, viaRunTs = false): Promise<Run> {
  const fullEnv: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    TUYA_ACCESS_ID: mock.accessId,
    TUYA_ACCESS_SECRET: mock.accessSecret,
    TUYA_BASE_URL: mock.baseUrl,
    NODE_EXTRA_CA_CERTS: mock.caPath,
    ...env,
  };
  for (const key of Object.keys(fullEnv)) if (fullEnv[key] === undefined) delete fullEnv[key];
  const argv = viaRunTs ? [path.join(ROOT, 'scripts', 'run-ts.js'), 'cloud/cli.ts', ...args] : [bundle, ...args];
  return new Promise((resolve) => {
    execFile(process.execPath, argv, { env: fullEnv, cwd: ROOT, timeout: 15000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

const start = Math.floor(Date.now() / 1000) + 3600;
const base = (pin: string) => ['temp-password', '--device-id', MOCK_DEVICE_ID, '--password', pin, '--start', String(start), '--end', String(start + 7200)];

function expectClean(r: Run, pin: string): void {
  for (const stream of [r.stdout, r.stderr]) {
    expect(stream).not.toContain(mock.accessSecret);
    expect(stream).not.toContain(pin);
  }
}

describe('tuya CLI against the mock cloud', () => {
  it('success: one JSON line with the id on stdout, nothing on stderr, exit 0', async () => {
    const r = await run(base('3141592'));
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toMatch(/^\{"id":"\d+"\}\n$/);
    expect(mock.passwords().find((p) => p.id === JSON.parse(r.stdout).id)?.pin).toBe('3141592');
    expectClean(r, '3141592');
  });

  it('ISO times with offsets, repeated --schedule, --type and --wait', async () => {
    const iso = (s: number) => new Date(s * 1000).toISOString().replace('Z', '+00:00');
    const args = ['temp-password', '--device-id', MOCK_DEVICE_ID, '--password', '2718281', '--start', iso(start), '--end', iso(start + 3600),
      '--type', '1', '--time-zone', 'Europe/Berlin', '--schedule', '450-510:38', '--schedule', '720-1080:65', '--wait'];
    const r = await run(args);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.delivery).toBe('active');
    const stored = mock.passwords().find((p) => p.id === out.id);
    expect(stored?.body).toMatchObject({ type: 1, effective_time: start, time_zone: 'Europe/Berlin' });
    expect(stored?.body.schedule_list).toEqual([
      { effective_time: 450, invalid_time: 510, working_day: 38 },
      { effective_time: 720, invalid_time: 1080, working_day: 65 },
    ]);
    expectClean(r, '2718281');
  });

  it("Tuya's refusal: one stderr line with the code, exit 1, nothing secret", async () => {
    const wrong = mock.accessSecret.replace(/^./, (c) => (c === 'a' ? 'b' : 'a'));
    const r = await run(base('1618033'), { TUYA_ACCESS_SECRET: wrong });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('1004');
    expect(r.stderr).not.toContain(wrong);
    expectClean(r, '1618033');
  });

  it.each([
    ['a PIN with letters', base('12ab567'), '--password'],
    ['a start without an offset', [...base('1234567').slice(0, 5), '--start', '2030-01-01T08:00:00', '--end', String(start)], '--start'],
    ['a bad schedule', [...base('1234567'), '--schedule', '450:38'], '--schedule'],
    ['a stray argument (perhaps the PIN)', ['temp-password', '9988776'], 'temp-password'],
  ])('usage error for %s: exit 1, one stderr line naming %s', async (_label, args, named) => {
    const r = await run(args);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(named);
    for (const pin of ['12ab567', '9988776']) expect(r.stderr).not.toContain(pin);
  });

  it('missing credentials and an untrusted certificate both fail cleanly', async () => {
    const noEnv = await run(base('1234567'), { TUYA_ACCESS_SECRET: undefined });
    expect(noEnv.code).toBe(1);
    expect(noEnv.stderr).toContain('TUYA_ACCESS_SECRET');
    const noCa = await run(base('1234567'), { NODE_EXTRA_CA_CERTS: undefined });
    expect(noCa.code).toBe(1);
    expect(noCa.stderr).toMatch(/no answer|certificate|CERT/i);
    expectClean(noCa, '1234567');
  });

  it('runs through scripts/run-ts.js the way `npm run tuya --` does', async () => {
    const r = await run(base('5772156'), {}, true);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\{"id":"\d+"\}\n$/);
  });
});
