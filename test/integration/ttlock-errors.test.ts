/**
 * The TTLock client's failure paths against the mock cloud: each errcode family becomes its kind with
 * advice; validation stops bad input before any request; the clock is corrected from the server's
 * answer; nothing secret reaches an error or a log line.
 */
import { createTTLockClient } from '../../cloud/ttlock/client';
import { HOUR, closeTTLockHarnesses, expectNothingSensitive, failure, nextHour, ttlockHarness } from '../helpers/ttlock-harness';

closeTTLockHarnesses();

const window = () => ({ startDate: nextHour(), endDate: nextHour() + 24 * HOUR });

describe('TTLock errcodes become typed errors with advice', () => {
  it('30008: an application of another region is told so', async () => {
    const h = await ttlockHarness({ appRegion: 'cn' });
    const err = await failure(h.client.listLocks());
    expect(err).toMatchObject({ name: 'TTLockError', kind: 'region', code: 30008 });
    expect(err.message).toContain('wrong region');
  });

  it('30007: the monthly cap is a quota error, not retried', async () => {
    const h = await ttlockHarness({ monthlyCap: 3 });
    await h.client.listLocks(); // token + list
    await h.client.getLock(h.lockId);
    const err = await failure(h.client.listLocks());
    expect(err).toMatchObject({ kind: 'quota', code: 30007 });
    expect(err.advice).toContain('monthly');
    expect(h.mock.stats.requests).toBe(4);
  });

  it('10007 wrong password and 10001 wrong secret are auth errors; neither secret is echoed', async () => {
    const h = await ttlockHarness();
    const wrongPassword = h.newClient({ password: 'not-the-password' });
    const a = await failure(wrongPassword.listLocks());
    expect(a).toMatchObject({ kind: 'auth', code: 10007 });
    const wrongSecret = h.newClient({ clientSecret: 'not-the-secret-0000' });
    const b = await failure(wrongSecret.listLocks());
    expect(b).toMatchObject({ kind: 'auth', code: 10001 });
    expectNothingSensitive(h, ['not-the-password', 'not-the-secret-0000'], [a, b]);
  });

  it('-2018: a write by an ordinary eKey holder is a permission error', async () => {
    const h = await ttlockHarness({
      users: [{ username: 'owner@example.com', password: 'pw-owner-1' }, { username: 'guest@example.com', password: 'pw-guest-2' }],
      locks: [{ ekeys: { 'guest@example.com': { userType: '110302' } } }],
    });
    const guest = h.newClient({ username: 'guest@example.com', password: 'pw-guest-2' });
    expect(await failure(guest.recordPasscode({ lockId: h.lockId, passcode: '402913', ...window() }))).toMatchObject({ kind: 'permission', code: -2018 });
  });

  it('-3002 offline gateway, and -2012 for a lock without gateway, with advice', async () => {
    const h = await ttlockHarness({ locks: [{}, { gatewayId: null }] });
    h.mock.setGatewayOnline(501, false);
    expect(await failure(h.client.addPasscodeViaGateway({ lockId: h.lockId, passcode: '402913', ...window() }))).toMatchObject({ kind: 'gateway-offline', code: -3002 });
    const none = await failure(h.client.addPasscodeViaGateway({ lockId: h.mock.lockIds[1], passcode: '402913', ...window() }));
    expect(none).toMatchObject({ kind: 'gateway-offline' });
    expect(none).toMatchObject({ code: -2012 });
    expect(none.advice).toContain('random code');
    expect(h.hits('/v3/keyboardPwd/add')).toBe(2); // each sent once: the cloud's refusal is definite
    expect(await h.client.listPasscodes(h.mock.lockIds[1])).toMatchObject({ list: [] });
  });

  it('-3003 from someone else using the gateway: retried with back-off, then done once', async () => {
    const h = await ttlockHarness();
    h.mock.inject({ kind: 'errcode', errcode: -3003, on: '/v3/keyboardPwd/add', times: 2 });
    const r = await h.client.addPasscodeViaGateway({ lockId: h.lockId, passcode: '571920', ...window() });
    expect(r.state).toBe('active');
    expect(h.hits('/v3/keyboardPwd/add')).toBe(3);
    expect(h.mock.passcodes(h.lockId)).toHaveLength(1);
    expect(h.logs.some((l) => /ttlock passcode add \(gateway\): attempt 1 of 3 failed/.test(l))).toBe(true);
  });

  it.each([
    ['-3007 duplicate', '603716', -3007, 'already exists'],
    ['-2032 too simple', '123456', -2032, 'too simple'],
  ])('%s is rejected with advice', async (_label, code, errcode, words) => {
    const h = await ttlockHarness();
    if (errcode === -3007) await h.client.recordPasscode({ lockId: h.lockId, passcode: code, ...window() });
    const err = await failure(h.client.recordPasscode({ lockId: h.lockId, passcode: code, ...window() }));
    expect(err).toMatchObject({ kind: 'rejected', code: errcode });
    expect(err.advice).toContain(words);
    expectNothingSensitive(h, [code], [err]);
  });

  it('-3009: the 251st custom code is refused', async () => {
    const h = await ttlockHarness();
    for (let i = 0; i < 250; i++) h.mock.state.addPasscode({ lockId: h.lockId, keyboardPwd: String(700000 + i * 7), keyboardPwdType: 2, startDate: 0, endDate: 0, isCustom: 1, status: 1, addType: 1, sendDate: 0, senderUsername: 'x', onLock: false });
    expect(await failure(h.client.recordPasscode({ lockId: h.lockId, passcode: '93017', ...window() }))).toMatchObject({ kind: 'rejected', code: -3009 });
  });

  it('80000: a server clock 10 minutes ahead is learned from the answer; one retry, then no more refusals', async () => {
    const h = await ttlockHarness({ clockSkewMs: 10 * 60_000 });
    await h.client.listLocks();
    expect(h.hits('/v3/lock/list')).toBe(1); // the token answer's Date header already corrected the clock
    const fresh = await ttlockHarness({ clockSkewMs: -10 * 60_000 });
    const client = fresh.newClient({ now: () => Date.now() }); // same
    await client.getLock(fresh.lockId);
    await client.listPasscodes(fresh.lockId);
    expect(fresh.hits('/v3/lock/detail') + fresh.hits('/v3/lock/listKeyboardPwd')).toBe(2);
  });

  it('80000 answered (clock unknown before the call): retried once on the corrected clock', async () => {
    const h = await ttlockHarness();
    await h.client.listLocks();
    h.mock.inject({ kind: 'errcode', errcode: 80000, on: '/v3/lock/detail' });
    await h.client.getLock(h.lockId);
    expect(h.hits('/v3/lock/detail')).toBe(2);
    expect(h.logs.some((l) => l.includes('date refused (80000)'))).toBe(true);
  });
});

describe('validation before any request', () => {
  it.each([
    ['lockId', { lockId: 0 }],
    ['lockId', { lockId: 1.5 }],
    ['passcode', { passcode: 123456 }],
    ['passcode', { passcode: '123' }],
    ['passcode', { passcode: '1234567890' }],
    ['passcode', { passcode: '12a456' }],
    ['startDate', { startDate: 'tomorrow' }],
    ['endDate', { endDate: nextHour() - 2 * HOUR, startDate: nextHour() }],
    ['endDate', { startDate: Date.now() - 48 * HOUR, endDate: Date.now() - 24 * HOUR }],
    ['name', { name: 'a\nb' }],
  ])('a bad %s is refused, naming the field, echoing nothing', async (field, bad) => {
    const h = await ttlockHarness();
    const input = { lockId: h.lockId, passcode: '846201', ...window(), ...bad } as any;
    const err = await failure(h.client.addPasscodeViaGateway(input));
    expect(err).toMatchObject({ kind: 'validation', field });
    expect(h.mock.stats.requests).toBe(0);
    expectNothingSensitive(h, ['846201', '1234567890', '12a456'], [err]);
  });

  it.each([
    ['type', { type: 'weekly' }],
    ['startDate', { startDate: nextHour() + 20 * 60_000 }],
    ['endDate', { type: 'one-time', endDate: nextHour() + HOUR }],
    ['startDate', { type: 'one-time', startDate: nextHour() - 8 * HOUR, endDate: undefined }],
    ['startDate', { type: 'timed', startDate: nextHour() - 26 * HOUR, endDate: nextHour() + HOUR }],
    ['endDate', { type: 'timed', endDate: nextHour() + 400 * 24 * HOUR + HOUR }],
    ['endDate', { type: 'daily', endDate: nextHour() + 25 * HOUR }],
  ])('random code rule on %s checked before the call', async (field, bad) => {
    const h = await ttlockHarness();
    const err = await failure(h.client.getRandomPasscode({ lockId: h.lockId, type: 'timed', startDate: nextHour(), endDate: nextHour() + 5 * HOUR, ...bad } as any));
    expect(err).toMatchObject({ kind: 'validation', field });
    expect(h.mock.stats.requests).toBe(0);
  });

  it('a permanent code started 7 h ago is still fine; a timed code over a year is allowed month-granular', async () => {
    const h = await ttlockHarness();
    const start = nextHour() - 7 * HOUR;
    await h.client.getRandomPasscode({ lockId: h.lockId, type: 'permanent', startDate: start });
    await h.client.getRandomPasscode({ lockId: h.lockId, type: 'timed', startDate: Date.UTC(2030, 0, 15, 10), endDate: Date.UTC(2032, 0, 15, 10) });
    expect(h.mock.passcodes(h.lockId).map((p) => p.keyboardPwdType)).toEqual([2, 3]);
  });

  it('configuration errors name the field', () => {
    expect(() => createTTLockClient({ host: 'http://127.0.0.1:1', clientId: 'a', clientSecret: 'b', username: 'u', password: 'p' })).toThrow(
      expect.objectContaining({ kind: 'config', field: 'host' }),
    );
    expect(() => createTTLockClient({ region: 'mars' as any, clientId: 'a', clientSecret: 'b', username: 'u', password: 'p' })).toThrow(
      expect.objectContaining({ kind: 'config', field: 'region' }),
    );
    expect(() => createTTLockClient({ clientId: 'a', clientSecret: 'b', username: 'u', passwordMd5: 'zz' })).toThrow(
      expect.objectContaining({ kind: 'config', field: 'passwordMd5' }),
    );
    expect(() => createTTLockClient({ clientId: 'a', clientSecret: 'b', username: 'u' })).toThrow(expect.objectContaining({ field: 'password' }));
  });
});
