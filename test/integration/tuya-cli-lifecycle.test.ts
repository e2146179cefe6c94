/**
 * The CLI's lifecycle subcommands against the mock cloud, each in its own Node process: one JSON line on
 * stdout and exit 0, or one line on stderr and exit 1; PINs from stdin; misconfigured variables that may
 * hold a secret are never echoed beyond their first characters.
 */
import { MOCK_DEVICE_ID, MockTuyaCloud, startMockTuyaCloud } from '../../simulator/tuya-cloud';
import { CliRunner, Run, bundleCli, expectOneLineFailure } from '../helpers/tuya-cli';

const HOUR = 3600;
const D = MOCK_DEVICE_ID;
let mock: MockTuyaCloud;
let cli: CliRunner;

beforeAll(async () => {
  cli = bundleCli(() => mock);
  mock = await startMockTuyaCloud({ deliveryDelayMs: 0 });
});

afterAll(async () => {
  await mock.close();
  cli.cleanup();
});

const start = Math.floor(Date.now() / 1000);
const json = (r: Run) => {
  expect(r).toMatchObject({ code: 0, stderr: '' });
  expect(r.stdout.endsWith('\n') && r.stdout.trimEnd().split('\n').length === 1).toBe(true);
  return JSON.parse(r.stdout);
};
const times = ['--start', String(start), '--end', String(start + 6 * HOUR)];

async function created(pin: string): Promise<string> {
  return json(await cli.run(['temp-password', '--device-id', D, '--password-stdin', ...times, '--wait'], { stdin: `${pin}\n` })).id;
}

describe('temp-password subcommands', () => {
  it('--password-stdin: the PIN comes from stdin and appears on neither stream', async () => {
    const r = await cli.run(['temp-password', '--device-id', D, '--password-stdin', ...times, '--wait'], { stdin: '4815162\n' });
    const out = json(r);
    expect(out).toMatchObject({ state: 'active' });
    expect(mock.passwords(D).find((p) => p.id === out.id)?.pin).toBe('4815162');
    expect(r.stdout + r.stderr).not.toContain('4815162');
  });

  it('list and get: states and ISO times; --valid false lists the revoked ones', async () => {
    const id = await created('3141593');
    const listed = json(await cli.run(['temp-password', 'list', '--device-id', D]));
    expect(listed.passwords).toContainEqual(expect.objectContaining({ id, state: 'active', effectiveTime: new Date(start * 1000).toISOString() }));
    const got = json(await cli.run(['temp-password', 'get', '--device-id', D, '--id', id]));
    expect(got).toMatchObject({ id, state: 'active', phase: 2, deliveryStatus: 2 });
    json(await cli.run(['temp-password', 'delete', '--device-id', D, '--id', id, '--wait']));
    const invalid = json(await cli.run(['temp-password', 'list', '--device-id', D, '--valid', 'false']));
    expect(invalid.passwords).toContainEqual(expect.objectContaining({ id, state: 'revoked' }));
  });

  it('modify with a new PIN from stdin, a name and --wait', async () => {
    const id = await created('2718282');
    const r = await cli.run(['temp-password', 'modify', '--device-id', D, '--id', id, '--password-stdin', ...times, '--name', 'Room 7', '--wait'], { stdin: '1414214' });
    expect(json(r)).toMatchObject({ id, state: 'active' });
    expect(mock.passwords(D).find((p) => p.id === id)).toMatchObject({ pin: '1414214', body: { name: 'Room 7' } });
    expect(mock.tryPin(D, '1414214')).toBe(true);
    expect(r.stdout + r.stderr).not.toMatch(/1414214|2718282/);
  });

  it('freeze, unfreeze and delete with --wait answer the confirmed state; clear answers revoking', async () => {
    const id = await created('1732051');
    expect(json(await cli.run(['temp-password', 'freeze', '--device-id', D, '--id', id, '--wait']))).toMatchObject({ id, state: 'frozen', phase: 3 });
    expect(mock.tryPin(D, '1732051')).toBe(false);
    expect(json(await cli.run(['temp-password', 'unfreeze', '--device-id', D, '--id', id, '--wait']))).toMatchObject({ id, state: 'active' });
    expect(json(await cli.run(['temp-password', 'delete', '--device-id', D, '--id', id]))).toEqual({ id, state: 'revoking' });
    expect(json(await cli.run(['temp-password', 'clear', '--device-id', D]))).toEqual({ state: 'revoking' });
  });

  it('a freeze or unfreeze that a Wi-Fi lock cannot confirm: exit 1 with a line saying why, the JSON still on stdout', async () => {
    const id = await created('1123581');
    mock.devices[D].protocol = 'wifi';
    try {
      for (const command of ['freeze', 'unfreeze']) {
        const r = await cli.run(['temp-password', command, '--device-id', D, '--id', id, '--wait']);
        expect(r.code).toBe(1);
        expect(JSON.parse(r.stdout)).toMatchObject({ id, state: 'active' });
        expect(r.stderr).toMatch(new RegExp(`accepted the ${command}.*report no frozen state`));
      }
    } finally {
      mock.devices[D].protocol = undefined;
    }
  });
});

describe('offline-password and dynamic-password', () => {
  it('once: the code and the window Tuya applied (the current hour + 6 h)', async () => {
    const hourOf = (ms: number) => Math.floor(ms / 3600_000) * 3600_000;
    const before = hourOf(mock.now());
    const out = json(await cli.run(['offline-password', '--device-id', D, '--kind', 'once', '--name', 'cleaner']));
    // Read on both sides of the call: an hour may begin in between.
    const hour = Date.parse(out.effectiveTime);
    expect([before, hourOf(mock.now())]).toContain(hour);
    expect(out).toMatchObject({ kind: 'once', name: 'cleaner', invalidTime: new Date(hour + 6 * 3600_000).toISOString() });
    expect(out.code).toMatch(/^\d+$/);
    expect(out.guestNotes.length).toBeGreaterThan(0);
  });

  it('multiple with a window, then clear_one naming it', async () => {
    const multi = json(await cli.run(['offline-password', '--device-id', D, '--kind', 'multiple', ...times]));
    expect(multi.effectiveTime).toBe(new Date(Math.floor(start / HOUR) * HOUR * 1000).toISOString());
    const clear = json(await cli.run(['offline-password', '--device-id', D, '--kind', 'clear_one', '--id', multi.id]));
    expect(clear).toMatchObject({ kind: 'clear_one' });
    expect(mock.offlineCodes(D).find((c) => c.id === clear.id)?.clears).toBe(multi.id);
  });

  it('dynamic-password prints the current dynamic code', async () => {
    const before = mock.dynamicPassword(D).code;
    const out = json(await cli.run(['dynamic-password', '--device-id', D]));
    expect([before, mock.dynamicPassword(D).code]).toContain(out.code);
  });
});

describe('usage and configuration errors', () => {
  it.each([
    ['an unknown subcommand', ['temp-password', 'rename', '--device-id', D], 'expected a command'],
    ['a flag of another command', ['temp-password', 'list', '--device-id', D, '--id', '5'], '--id'],
    ['--valid that is not a boolean', ['temp-password', 'list', '--device-id', D, '--valid', 'maybe'], '--valid'],
    ['both --password and --password-stdin', ['temp-password', '--device-id', D, '--password', '1234567', '--password-stdin', ...times], '--password-stdin'],
    ['modify without a PIN', ['temp-password', 'modify', '--device-id', D, '--id', '5', ...times], '--password'],
    ['get without --id', ['temp-password', 'get', '--device-id', D], '--id'],
    ['times on a once code', ['offline-password', '--device-id', D, '--kind', 'once', ...times], '--start'],
    ['an unknown offline kind', ['offline-password', '--device-id', D, '--kind', 'twice'], '--kind'],
    ['an ended window', ['temp-password', '--device-id', D, '--password', '1234567', '--start', String(start - 9 * HOUR), '--end', String(start - 8 * HOUR)], '--end'],
  ])('%s: one stderr line naming the flag, exit 1, nothing sent', async (_label, args, named) => {
    mock.resetStats();
    const r = await cli.run(args);
    expectOneLineFailure(r);
    expect(r.stderr).toContain(named);
    expect(r.stderr).not.toContain('1234567');
    expect(mock.stats.requests).toBe(0);
  });

  it.each([
    ['TUYA_ACCESS_SECRET', 'Zq9xSECRETSECRETSECRET'],
    ['TUYA_REGION', 'Zq9xSECRETSECRETSECRETSECRETabcd'],
    ['TUYA_ACCESS_ID', 'Zq9x-SECRET-SECRET'],
  ])('a misconfigured %s is named, with no more than its first characters', async (name, value) => {
    const env: Record<string, string | undefined> = { [name]: value };
    if (name === 'TUYA_REGION') env.TUYA_BASE_URL = undefined;
    const r = await cli.run(['dynamic-password', '--device-id', D], { env });
    expectOneLineFailure(r);
    expect(r.stderr).toContain(name);
    expect(r.stderr).not.toContain(value.slice(0, 4));
  });

  it('a base URL carrying credentials is refused without echoing them', async () => {
    const r = await cli.run(['dynamic-password', '--device-id', D], { env: { TUYA_BASE_URL: 'https://admin:Zq9xSECRET@example.com' } });
    expectOneLineFailure(r);
    expect(r.stderr).toContain('TUYA_BASE_URL');
    expect(r.stderr).not.toContain('Zq9x');
  });

  it("Tuya's own kinds reach the user with their advice: 28841101 not subscribed", async () => {
    const other = await startMockTuyaCloud({ subscribed: false });
    try {
      const env = { TUYA_ACCESS_ID: other.accessId, TUYA_ACCESS_SECRET: other.accessSecret, TUYA_BASE_URL: other.baseUrl };
      const r = await cli.run(['temp-password', 'list', '--device-id', D], { env });
      expectOneLineFailure(r);
      expect(r.stderr).toMatch(/28841101.*subscribe/);
      expect(r.stderr).not.toContain(other.accessSecret);
    } finally {
      await other.close();
    }
  });
});
