/**
 * Retry discipline and error kinds of the lifecycle operations against the mock Tuya cloud: reads are
 * retried with back-off, writes are never re-sent once they may have reached Tuya, and the quota and
 * "not subscribed" codes get their own kinds with advice.
 */
import { isTuyaError } from '../../cloud/errors';
import { MOCK_DEVICE_ID } from '../../simulator/tuya-cloud';
import { closeTuyaHarnessesAfterEach, expectNothingSensitive, failureOf, startTuyaHarness } from '../helpers/tuya-mock';

closeTuyaHarnessesAfterEach();

const HOUR = 3600_000;
const now = Math.floor(Date.now() / 1000) * 1000;
const window = { effectiveTime: now, invalidTime: now + 6 * HOUR };
const D = MOCK_DEVICE_ID;

async function withPassword(mockOptions = {}) {
  const h = await startTuyaHarness({ deliveryDelayMs: 0, ...mockOptions });
  const { id } = await h.client.createTempPassword({ deviceId: D, password: '1234567', ...window });
  h.mock.resetStats();
  return { h, id };
}

describe('reads are retried with back-off', () => {
  it.each([
    ['HTTP 500', { kind: 'http-500' as const, times: 2 }],
    ['1199 too frequent', { kind: 'code' as const, code: 1199, times: 2 }],
    ['a dropped connection', { kind: 'drop' as const, times: 2 }],
  ])('list and detail survive %s', async (_label, fault) => {
    const { h, id } = await withPassword();
    h.mock.inject({ ...fault, on: 'list' });
    expect(await h.client.listTempPasswords(D)).toHaveLength(1);
    h.mock.inject({ ...fault, on: 'detail' });
    expect(await h.client.getTempPassword(D, id)).toMatchObject({ id });
    expect(h.mock.stats.byEndpoint).toMatchObject({ list: 3, detail: 3 });
  });
});

describe('writes are never re-sent blindly', () => {
  it('a modify whose answer is lost is outcome-unknown, sent once, and Tuya did apply it', async () => {
    const { h, id } = await withPassword();
    h.mock.inject({ kind: 'drop', on: 'modify', after: true });
    const error = await failureOf(h.client.modifyTempPassword(D, id, { password: '7654321', ...window }));
    expect(error).toMatchObject({ kind: 'outcome-unknown' });
    expect((error as Error).message).toMatch(/read the password list before retrying/);
    expect(h.mock.stats.byEndpoint.modify).toBe(1);
    expect(h.mock.passwords(D)[0].pin).toBe('7654321');
    expectNothingSensitive(h, ['1234567', '7654321'], [error]);
  });

  it('an offline code whose answer is garbled is outcome-unknown and not issued twice', async () => {
    const h = await startTuyaHarness();
    h.mock.inject({ kind: 'malformed-json', on: 'offline', after: true });
    expect(await failureOf(h.client.createOfflinePassword(D, { kind: 'once' }))).toMatchObject({ kind: 'outcome-unknown' });
    expect(h.mock.stats.byEndpoint.offline).toBe(1);
    expect(h.mock.offlineCodes(D)).toHaveLength(1);
  });

  it.each(['freeze', 'unfreeze', 'delete', 'clear'] as const)('%s: HTTP 500 is outcome-unknown after one request', async (op) => {
    const { h, id } = await withPassword();
    h.mock.inject({ kind: 'http-500', on: op });
    const runs: Record<typeof op, () => Promise<unknown>> = {
      freeze: () => h.client.freezeTempPassword(D, id),
      unfreeze: () => h.client.unfreezeTempPassword(D, id),
      delete: () => h.client.deleteTempPassword(D, id),
      clear: () => h.client.clearTempPasswords(D),
    };
    expect(await failureOf(runs[op]())).toMatchObject({ kind: 'outcome-unknown', httpStatus: 500 });
    expect(h.mock.stats.byEndpoint[op]).toBe(1);
  });

  it('a refused token is renewed and the write sent once more, with a fresh ticket for modify', async () => {
    const { h, id } = await withPassword();
    h.mock.inject({ kind: 'expire-token', on: 'modify' });
    expect(await h.client.modifyTempPassword(D, id, { password: '7654321', ...window })).toEqual({ id, state: 'pending' });
    expect(h.mock.stats.byEndpoint).toMatchObject({ token: 1, ticket: 2, modify: 2 });
    expect(new Set(h.mock.stats.ticketsUsed).size).toBe(1);
    h.mock.inject({ kind: 'expire-token', on: 'delete' });
    expect(await h.client.deleteTempPassword(D, id)).toEqual({ id, state: 'revoking' });
    expect(h.mock.stats.byEndpoint).toMatchObject({ token: 2, delete: 2 });
  });
});

describe('a cloud clock that jumps ahead', () => {
  it('costs one 1013 (the client learns the offset) and one new token once the old one has expired by that clock', async () => {
    const { h, id } = await withPassword({ tokenTtlSec: 3600 });
    h.mock.advance(2 * HOUR);
    expect(await h.client.getTempPassword(D, id)).toMatchObject({ id, state: 'active' });
    expect(h.mock.stats.byEndpoint).toMatchObject({ token: 1, detail: 3 });
    h.mock.resetStats();
    await h.client.getTempPassword(D, id);
    expect(h.mock.stats.requests).toBe(1);
  });
});

describe('error kinds with advice', () => {
  it('28841004: quota used up, its own kind, not retried', async () => {
    const h = await startTuyaHarness({ monthlyQuota: 3 });
    await h.client.createTempPassword({ deviceId: D, password: '1234567', ...window }); // token, ticket, create
    const error = await failureOf(h.client.listTempPasswords(D));
    expect(error).toMatchObject({ kind: 'quota', code: 28841004 });
    expect((error as Error).message).toMatch(/quota/);
    expect(h.mock.stats.byEndpoint.list).toBe(1);
  });

  it('28841101: the lock API is not subscribed, its own kind, with what to do', async () => {
    const h = await startTuyaHarness({ subscribed: false });
    const error = await failureOf(h.client.createTempPassword({ deviceId: D, password: '1234567', ...window }));
    expect(error).toMatchObject({ kind: 'not-subscribed', code: 28841101 });
    expect((error as Error).message).toMatch(/subscribe/);
    expect(h.mock.stats.byEndpoint).toMatchObject({ ticket: 1, create: 0 });
    expectNothingSensitive(h, ['1234567'], [error]);
  });

  it("the mock's rate limit answers 1199 past N calls in its window", async () => {
    // A one-minute window: the two calls fall in it however slow the machine is.
    const h = await startTuyaHarness({ rateLimit: { calls: 1, windowMs: 60_000 } }, { retry: { attempts: 1 } });
    await h.client.getDynamicPassword(D);
    const error = await failureOf(h.client.getDynamicPassword(D));
    expect(isTuyaError(error) && error.code).toBe(1199);
  });

  it('validation happens before any request, names the field, and never echoes the PIN', async () => {
    const h = await startTuyaHarness();
    const cases: Array<[() => Promise<unknown>, string]> = [
      [() => h.client.modifyTempPassword(D, '42', { password: '12ab567', ...window }), 'password'],
      [() => h.client.modifyTempPassword(D, '42', { password: '9876543', effectiveTime: now - 2 * HOUR, invalidTime: now - HOUR }), 'invalidTime'],
      [() => h.client.modifyTempPassword(D, '42', { password: '9876543', ...window, name: 'a\nb' }), 'name'],
      [() => h.client.createTempPassword({ deviceId: D, password: '9876543', effectiveTime: now - 2 * HOUR, invalidTime: now - HOUR }), 'invalidTime'],
      [() => h.client.getTempPassword(D, '../x'), 'id'],
      [() => h.client.deleteTempPassword('a/b', '42'), 'deviceId'],
      [() => h.client.listTempPasswords(D, { valid: 'yes' as never }), 'valid'],
    ];
    for (const [run, field] of cases) {
      const error = await failureOf(run());
      expect(error).toMatchObject({ kind: 'validation', field });
      expect((error as Error).message).not.toMatch(/9876543|12ab567/);
    }
    expect(h.mock.stats.requests).toBe(0);
  });

  it('a window that started in the past is allowed', async () => {
    const h = await startTuyaHarness();
    await expect(h.client.createTempPassword({ deviceId: D, password: '1234567', effectiveTime: now - 5 * HOUR, invalidTime: now + HOUR })).resolves.toMatchObject({ state: 'pending' });
  });
});
