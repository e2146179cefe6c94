/**
 * Tokens (one request for concurrent callers, refresh before expiry, a new token after 10004, one
 * token shared by two clients through the store), the gateway queue (no overlap, no -3003), and
 * lost answers settled by listing, never by re-sending.
 */
import { createMemoryStore } from '../../cloud/stores/memory-store';
import { createRedisStore } from '../../cloud/stores/redis-store';
import { RedisServer, startRedisServer } from '../../scripts/fleet/redis-server';
import { HOUR, closeTTLockHarnesses, expectNothingSensitive, failure, nextHour, ttlockHarness } from '../helpers/ttlock-harness';

closeTTLockHarnesses();

const window = () => ({ startDate: nextHour(), endDate: nextHour() + 24 * HOUR });

describe('tokens', () => {
  it('twenty concurrent callers share one token request', async () => {
    const h = await ttlockHarness();
    const results = await Promise.all(Array.from({ length: 20 }, () => h.client.listLocks()));
    expect(results.every((r) => r.length === 1)).toBe(true);
    expect(h.hits('/oauth2/token')).toBe(1);
    expect(h.hits('/v3/lock/list')).toBe(20);
    expect(h.client.uid()).toBe(2340);
  });

  it('refreshes with the refresh grant before expiry, not with the password', async () => {
    let now = Date.now();
    const h = await ttlockHarness({ tokenTtlSec: 3600 }, { now: () => now, tokenRefreshMarginMs: 600_000 });
    await h.client.listLocks();
    now += 3100_000; // 51 min 40 s: inside the 10-minute margin
    await h.client.listLocks();
    expect(h.hits('/oauth2/token')).toBe(2);
    expect(h.logs.filter((l) => l.startsWith('ttlock token refresh')).length).toBe(1);
    expect(h.logs.filter((l) => l.startsWith('ttlock token (')).length).toBe(1);
    now += 600_000;
    await h.client.listLocks();
    expect(h.hits('/oauth2/token')).toBe(2); // the refreshed token is still fresh
  });

  it('a token TTLock no longer accepts (10004) is replaced once, and the call goes through', async () => {
    const h = await ttlockHarness();
    await h.client.listLocks();
    h.mock.inject({ kind: 'expire-token', on: '/v3/lock/detail' });
    const detail = await h.client.getLock(h.lockId);
    expect(detail.lockId).toBe(h.lockId);
    expect(h.hits('/oauth2/token')).toBe(2);
    expect(h.logs.some((l) => l.includes('token refused (10004)'))).toBe(true);
    expectNothingSensitive(h, []);
  });

  it('a token that keeps being refused fails as auth after one renewal', async () => {
    const h = await ttlockHarness();
    h.mock.inject({ kind: 'errcode', errcode: 10004, on: '/v3/lock/list', times: 2 });
    expect(await failure(h.client.listLocks())).toMatchObject({ kind: 'auth', code: 10004 });
    expect(h.hits('/v3/lock/list')).toBe(2);
  });

  it('two clients (two processes) sharing a store ask for one token', async () => {
    const store = createMemoryStore();
    const h = await ttlockHarness({}, { store });
    await h.client.listLocks();
    const second = h.newClient({ store });
    await second.listLocks();
    expect(h.hits('/oauth2/token')).toBe(1);
    const third = h.newClient({ store: createMemoryStore() }); // a process with its own store
    await third.listLocks();
    expect(h.hits('/oauth2/token')).toBe(2);
  });

  it('a stored token TTLock refused is not taken from the store again', async () => {
    const store = createMemoryStore();
    const h = await ttlockHarness({}, { store });
    await h.client.listLocks();
    h.mock.state.revokeAll();
    const second = h.newClient({ store });
    await second.listLocks();
    expect(h.hits('/oauth2/token')).toBe(2);
    expect(h.hits('/v3/lock/list')).toBe(3);
  });
});

describe('one token for a fleet, through Redis', () => {
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await startRedisServer();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it('three processes (three clients, three Redis connections) starting at once ask TTLock for one token', async () => {
    const h = await ttlockHarness();
    const stores = await Promise.all([1, 2, 3].map(() => createRedisStore({ url: redis.url, prefix: `ttl${process.pid}:` })));
    try {
      const clients = stores.map((store) => h.newClient({ store }));
      const results = await Promise.all(clients.flatMap((c) => [c.listLocks(), c.getLock(h.lockId)]));
      expect(results).toHaveLength(6);
      expect(h.hits('/oauth2/token')).toBe(1);
    } finally {
      for (const s of stores) await s.close();
    }
  });
});

describe('the gateway queue', () => {
  it('adds to one gateway never overlap: no -3003, all land on the lock', async () => {
    const h = await ttlockHarness({ gatewayLatencyMs: [30, 80] });
    const codes = ['301945', '402956', '503967', '604978', '705989'];
    const results = await Promise.all(codes.map((passcode) => h.client.addPasscodeViaGateway({ lockId: h.lockId, passcode, ...window() })));
    expect(results.every((r) => r.state === 'active')).toBe(true);
    expect(h.mock.stats).toMatchObject({ gatewayBusyRefusals: 0, maxGatewayConcurrency: 1 });
    expect(h.hits('/v3/keyboardPwd/add')).toBe(5);
    expect(h.mock.lock(h.lockId).lock.passcodes().map((p) => p.passcode).sort()).toEqual(codes);
    expect(h.hits('/v3/gateway/listByLock')).toBe(1);
    expect(h.client.queuePending('gateway:501')).toBe(0);
  });

  it('two locks behind one gateway share its queue: add, delete, add never overlap', async () => {
    const h = await ttlockHarness({ locks: [{}, {}], gatewayLatencyMs: 60 });
    const [a, b] = h.mock.lockIds;
    await Promise.all([
      h.client.addPasscodeViaGateway({ lockId: a, passcode: '819203', ...window() }),
      h.client.deletePasscode({ lockId: b, keyboardPwdId: (await h.client.recordPasscode({ lockId: b, passcode: '920314', ...window() })).keyboardPwdId, via: 'gateway' }),
      h.client.addPasscodeViaGateway({ lockId: b, passcode: '910425', ...window() }),
    ]);
    expect(h.mock.stats).toMatchObject({ gatewayBusyRefusals: 0, maxGatewayConcurrency: 1 });
  });

  it('the control: two clients (two queues) on one gateway collide, and the second gets -3003', async () => {
    const h = await ttlockHarness({ locks: [{}, {}], gatewayLatencyMs: 500 });
    const [a, b] = h.mock.lockIds;
    const other = h.newClient({ busyRetry: { attempts: 1 } });
    // Both warm (token and gateway known), so both adds leave at once and meet inside the 500 ms.
    await h.client.addPasscodeViaGateway({ lockId: a, passcode: '502718', ...window() });
    await other.addPasscodeViaGateway({ lockId: b, passcode: '603829', ...window() });
    const outcomes = await Promise.allSettled([
      h.client.addPasscodeViaGateway({ lockId: a, passcode: '713526', ...window() }),
      other.addPasscodeViaGateway({ lockId: b, passcode: '614637', ...window() }),
    ]);
    expect(h.mock.stats.gatewayBusyRefusals).toBe(1);
    expect(outcomes.filter((o) => o.status === 'rejected').map((o) => (o as PromiseRejectedResult).reason.kind)).toEqual(['gateway-busy']);
  });

  it('a failed write does not block the next one in the queue', async () => {
    const h = await ttlockHarness();
    await h.client.recordPasscode({ lockId: h.lockId, passcode: '318264', ...window() });
    const [dup, next] = await Promise.allSettled([
      h.client.addPasscodeViaGateway({ lockId: h.lockId, passcode: '318264', ...window() }),
      h.client.addPasscodeViaGateway({ lockId: h.lockId, passcode: '429375', ...window() }),
    ]);
    expect(dup).toMatchObject({ status: 'rejected', reason: expect.objectContaining({ code: -3007 }) });
    expect(next).toMatchObject({ status: 'fulfilled' });
  });
});

describe('lost answers: list, never re-send', () => {
  it('a gateway add whose answer was lost is found in the list; the add was sent once', async () => {
    const h = await ttlockHarness();
    h.mock.inject({ kind: 'lose-answer', on: '/v3/keyboardPwd/add' });
    const r = await h.client.addPasscodeViaGateway({ lockId: h.lockId, passcode: '527391', ...window() });
    expect(r).toEqual({ keyboardPwdId: h.mock.passcodes(h.lockId)[0].keyboardPwdId, state: 'active', settledBy: 'list' });
    expect(h.hits('/v3/keyboardPwd/add')).toBe(1);
    expect(h.mock.lock(h.lockId).lock.passcodes().map((p) => p.passcode)).toEqual(['527391']);
  });

  it('a record whose connection died before processing: not in the list, so outcome-unknown, not re-sent', async () => {
    const h = await ttlockHarness();
    await h.client.listLocks();
    h.mock.inject({ kind: 'drop', on: '/v3/keyboardPwd/add' });
    const err = await failure(h.client.recordPasscode({ lockId: h.lockId, passcode: '638402', ...window() }));
    expect(err).toMatchObject({ kind: 'outcome-unknown' });
    expect(err.advice).toContain('list the passcodes again');
    expect(h.hits('/v3/keyboardPwd/add')).toBe(1);
    expect(h.hits('/v3/lock/listKeyboardPwd')).toBe(1);
    expectNothingSensitive(h, ['638402'], [err]);
  });

  it('a gateway add looks twice (the gateway may still be writing) before giving up', async () => {
    const h = await ttlockHarness();
    h.mock.inject({ kind: 'garbled', on: '/v3/keyboardPwd/add' });
    expect(await failure(h.client.addPasscodeViaGateway({ lockId: h.lockId, passcode: '749513', ...window() }))).toMatchObject({ kind: 'outcome-unknown' });
    expect(h.hits('/v3/lock/listKeyboardPwd')).toBe(2);
    expect(h.hits('/v3/keyboardPwd/add')).toBe(1);
  });

  it('a lost delete answer is settled by the list (gone = deleted)', async () => {
    const h = await ttlockHarness();
    const { keyboardPwdId } = await h.client.recordPasscode({ lockId: h.lockId, passcode: '850624', ...window() });
    h.mock.inject({ kind: 'lose-answer', on: '/v3/keyboardPwd/delete' });
    expect(await h.client.deletePasscode({ lockId: h.lockId, keyboardPwdId, via: 'gateway' })).toEqual({ deleted: true, settledBy: 'list' });
  });

  it('a lost change answer is settled by the list (new code present)', async () => {
    const h = await ttlockHarness();
    const { keyboardPwdId } = await h.client.addPasscodeViaGateway({ lockId: h.lockId, passcode: '961735', ...window() });
    h.mock.inject({ kind: 'lose-answer', on: '/v3/keyboardPwd/change' });
    expect(await h.client.changePasscode({ lockId: h.lockId, keyboardPwdId, passcode: '961736', via: 'gateway' })).toEqual({ state: 'active', settledBy: 'list' });
  });

  it('a lost random-code answer is outcome-unknown: asking again would spend another code', async () => {
    const h = await ttlockHarness();
    h.mock.inject({ kind: 'lose-answer', on: '/v3/keyboardPwd/get' });
    const err = await failure(h.client.getRandomPasscode({ lockId: h.lockId, type: 'one-time', startDate: nextHour() }));
    expect(err).toMatchObject({ kind: 'outcome-unknown' });
    expect(h.hits('/v3/keyboardPwd/get')).toBe(1);
  });

  it('reads are retried after a lost answer or HTTP 500', async () => {
    const h = await ttlockHarness();
    h.mock.inject({ kind: 'lose-answer', on: '/v3/lock/list' });
    h.mock.inject({ kind: 'http-500', on: '/v3/lock/list' });
    expect(await h.client.listLocks()).toHaveLength(1);
    expect(h.hits('/v3/lock/list')).toBe(3);
  });
});
