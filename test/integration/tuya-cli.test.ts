/**
 * The CLI as a user runs it: a separate Node process with credentials in the environment and the mock's
 * test-only CA in NODE_EXTRA_CA_CERTS. The entry is bundled once with esbuild (what `npm run build` does);
 * one run goes through scripts/run-ts.js (what `npm run tuya` does). Every run's two streams are scanned
 * for the secret and the PIN.
 */
import { MOCK_DEVICE_ID, MockTuyaCloud, startMockTuyaCloud } from '../../simulator/tuya-cloud';
import { CliRunner, Run, bundleCli } from '../helpers/tuya-cli';

let mock: MockTuyaCloud;
let cli: CliRunner;

beforeAll(async () => {
  cli = bundleCli(() => mock);
  mock = await startMockTuyaCloud();
});

afterAll(async () => {
  await mock.close();
  cli.cleanup();
});

const run = (args: string[], env: Record<string, string | undefined> = {}, viaRunTs = false) => cli.run(args, { env, viaRunTs });

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
    expect(r.stdout).toMatch(/^\{"id":"\d+","state":"pending"\}\n$/);
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
    expect(out).toMatchObject({ state: 'active', phase: 2, deliveryStatus: 2 });
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
  ])('usage error for %s: exit 1, one stderr line naming the flag', async (_label, args, named) => {
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
    expect(r.stdout).toMatch(/^\{"id":"\d+","state":"pending"\}\n$/);
  });
});
