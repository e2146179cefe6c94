/**
 * The `ttlock` CLI as a user runs it: a separate Node process, credentials in the environment, the
 * mock's test-only CA in NODE_EXTRA_CA_CERTS. The entry is bundled once with esbuild; one run goes
 * through scripts/run-ts.js (what `npm run ttlock` does). Both streams are scanned for secrets.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildSync } from 'esbuild';
import { md5Hex } from '../../cloud/ttlock/token';
import { MockTTLockCloud, startMockTTLockCloud } from '../../simulator/ttlock-cloud';

const ROOT = path.resolve(__dirname, '..', '..');
let outDir: string;
let bundle: string;
let mock: MockTTLockCloud;
let lockId: string;

beforeAll(async () => {
  outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lockwire-ttlock-cli-'));
  bundle = path.join(outDir, 'cli.js');
  buildSync({ entryPoints: [path.join(ROOT, 'cloud', 'ttlock', 'cli.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: bundle, logLevel: 'error' });
  mock = await startMockTTLockCloud({ gatewayLatencyMs: 30, locks: [{}, { gatewayId: null }] });
  lockId = String(mock.lockIds[0]);
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
    TTLOCK_CLIENT_ID: mock.clientId,
    TTLOCK_CLIENT_SECRET: mock.clientSecret,
    TTLOCK_USERNAME: mock.users[0].username,
    TTLOCK_PASSWORD: mock.users[0].password,
    TTLOCK_BASE_URL: mock.baseUrl,
    NODE_EXTRA_CA_CERTS: mock.caPath,
    ...env,
  };
  for (const key of Object.keys(fullEnv)) if (fullEnv[key] === undefined) delete fullEnv[key];
  const argv = viaRunTs ? [path.join(ROOT, 'scripts', 'run-ts.js'), 'cloud/ttlock/cli.ts', ...args] : [bundle, ...args];
  return new Promise((resolve) => {
    execFile(process.execPath, argv, { env: fullEnv, cwd: ROOT, timeout: 20000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

function expectClean(r: Run, passcodes: string[] = []): void {
  for (const stream of [r.stdout, r.stderr]) {
    for (const secret of [mock.clientSecret, mock.users[0].password, md5Hex(mock.users[0].password)]) expect(stream).not.toContain(secret);
  }
  for (const p of passcodes) expect(r.stderr).not.toContain(p);
}

function ok(r: Run): any {
  expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
  expect(r.stdout.trim().split('\n')).toHaveLength(1);
  expectClean(r);
  return JSON.parse(r.stdout);
}

const start = '2031-03-01T08:00:00+08:00';
const end = '2031-03-02T08:00:00+08:00';

describe('ttlock CLI against the mock cloud', () => {
  it('locks: one JSON line, no lockData (through scripts/run-ts.js, as npm run ttlock)', async () => {
    const out = ok(await run(['locks'], {}, true));
    expect(out.locks.map((l: any) => String(l.lockId))).toEqual(mock.lockIds.map(String));
    expect(JSON.stringify(out)).not.toContain('lockData');
  });

  it('lock-data prints the admin lockData the virtual lock accepts', async () => {
    expect(ok(await run(['lock-data', '--lock-id', lockId])).lockData).toBe(mock.lock(Number(lockId)).lock.lockData());
  });

  it('passcode add via gateway, change, list, delete; the lock follows', async () => {
    const added = ok(await run(['passcode', 'add', '--lock-id', lockId, '--passcode', '6029371', '--start', start, '--end', end, '--via', 'gateway']));
    expect(added).toMatchObject({ state: 'active', keyboardPwdId: expect.any(Number) });
    const id = String(added.keyboardPwdId);
    expect(mock.lock(Number(lockId)).lock.passcodes().map((p) => p.passcode)).toContain('6029371');
    ok(await run(['passcode', 'change', '--lock-id', lockId, '--id', id, '--passcode', '6029372', '--via', 'gateway']));
    const listed = ok(await run(['passcode', 'list', '--lock-id', lockId]));
    expect(listed.passcodes).toEqual([expect.objectContaining({ keyboardPwdId: added.keyboardPwdId, passcode: '6029372', startDate: Date.parse(start), endDate: Date.parse(end) })]);
    expect(ok(await run(['passcode', 'delete', '--lock-id', lockId, '--id', id, '--via', 'gateway']))).toEqual({ deleted: true });
    expect(mock.lock(Number(lockId)).lock.passcodes().map((p) => p.passcode)).not.toContain('6029372');
  });

  it('passcode add --via record with TTLOCK_PASSWORD_MD5; no --end is permanent', async () => {
    const r = await run(['passcode', 'add', '--lock-id', lockId, '--passcode', '0481', '--start', start, '--via', 'record'], {
      TTLOCK_PASSWORD: undefined,
      TTLOCK_PASSWORD_MD5: md5Hex(mock.users[0].password),
    });
    ok(r);
    expect(mock.passcodes(Number(lockId)).find((p) => p.keyboardPwd === '0481')).toMatchObject({ keyboardPwdType: 2, addType: 1 });
  });

  it('passcode delete --passcode (deleteByCode) via gateway: gone from the cloud and the lock', async () => {
    ok(await run(['passcode', 'add', '--lock-id', lockId, '--passcode', '7140382', '--start', start, '--end', end, '--via', 'gateway']));
    expect(ok(await run(['passcode', 'delete', '--lock-id', lockId, '--passcode', '7140382', '--via', 'gateway']))).toEqual({ deleted: true });
    expect(mock.passcodes(Number(lockId)).map((p) => p.keyboardPwd)).not.toContain('7140382');
    expect(mock.lock(Number(lockId)).lock.passcodes().map((p) => p.passcode)).not.toContain('7140382');
  });

  it('random-passcode prints the code and its rule', async () => {
    const out = ok(await run(['random-passcode', '--lock-id', lockId, '--type', 'one-time']));
    expect(out).toMatchObject({ passcode: expect.stringMatching(/^\d{6,9}$/), type: 'one-time', rule: expect.stringContaining('usable once') });
  });

  it.each([
    [['passcode', 'add', '--lock-id', 'x', '--passcode', '5830271', '--start', start, '--via', 'gateway'], 'invalid --lock-id'],
    [['passcode', 'add', '--lock-id', '1', '--passcode', '58a0271', '--start', start, '--via', 'gateway'], 'invalid --passcode'],
    [['passcode', 'add', '--lock-id', '1', '--passcode', '5830271', '--start', 'soon', '--via', 'gateway'], '--start expected'],
    [['passcode', 'add', '--lock-id', '1', '--passcode', '5830271', '--start', start, '--via', 'fax'], 'invalid --via'],
    [['passcode', 'delete', '--lock-id', '1', '--id', '2'], '--via is required'],
    [['passcode', 'delete', '--lock-id', '1', '--id', '2', '--passcode', '5830271', '--via', 'record'], '--id or --passcode (exactly one)'],
    [['passcode', 'delete', '--lock-id', '1', '--via', 'record'], '--id or --passcode (exactly one)'],
    [['passcode', 'delete', '--lock-id', '1', '--passcode', '58a0271', '--via', 'record'], 'invalid --passcode'],
    [['passcode', 'list', '--lock-id', '1', '--passcode', '5830271'], '--passcode does not apply'],
    [['random-passcode', '--lock-id', '1', '--type', 'weekly'], 'invalid --type'],
    [['unlock', '--lock-id', '1'], 'expected one command'],
    [['locks', '--secret', 'x'], 'unknown option --secret'],
  ])('%j fails with one line on stderr, exit 1, nothing sent', async (args, words) => {
    const before = mock.stats.requests;
    const r = await run(args);
    expect(r).toMatchObject({ code: 1, stdout: '' });
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(words);
    expectClean(r, ['5830271', '58a0271']);
    expect(mock.stats.requests).toBe(before);
  });

  it('TTLock refusals: one line with the kind, code and advice', async () => {
    const noGateway = await run(['passcode', 'add', '--lock-id', String(mock.lockIds[1]), '--passcode', '7391046', '--start', start, '--end', end, '--via', 'gateway']);
    expect(noGateway.code).toBe(1);
    expect(noGateway.stderr).toMatch(/^ttlock: gateway-offline: .*random code/);
    const badPassword = await run(['locks'], { TTLOCK_PASSWORD: 'wrong-password' });
    expect(badPassword.stderr).toMatch(/^ttlock: auth: TTLock error 10007/);
    expectClean(noGateway, ['7391046']);
    expect(badPassword.stderr).not.toContain('wrong-password');
  });

  it('missing credentials are named, never guessed', async () => {
    const r = await run(['locks'], { TTLOCK_CLIENT_SECRET: undefined, TTLOCK_PASSWORD: undefined });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('TTLOCK_CLIENT_SECRET, TTLOCK_PASSWORD or TTLOCK_PASSWORD_MD5 must be set');
  });
});
