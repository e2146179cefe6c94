/**
 * The plugin's Tuya operations end to end: plugin -> wx.request over loopback -> relay -> client ->
 * mock Tuya cloud. Each resolves the TTLockError shape with the delivery state; a delete on a sleeping
 * lock is `revoking` (the PIN still opens the door) until the lock wakes; an unanswered change says the
 * outcome is unknown; bad options stop in the plugin with 11003 and never echo a PIN.
 */
import * as plugin from '../../plugin/index';
import { createLoopbackRequest } from '../../simulator/loopback-request';
import { DEVICE_A, DEVICE_B, RelayHarness, SESSION_A, startRelayHarness } from '../helpers/relay-harness';

let h: RelayHarness;
let calls = 0;
beforeAll(async () => {
  h = await startRelayHarness();
  const loop = createLoopbackRequest();
  (globalThis as any).wx = { request: (o: any) => (calls++, loop(o)) };
});
afterAll(async () => {
  delete (globalThis as any).wx;
  await h.close();
});

const hour = 3600_000;
const start = Math.floor(Date.now() / hour) * hour + hour;
const via = () => ({ relayUrl: `${h.base}/temp-passwords`, header: { authorization: SESSION_A } });

describe('the plugin\'s Tuya password operations', () => {
  it('create, list with state, modify, freeze, unfreeze: each answers errorCode 0 with the state', async () => {
    const created = await plugin.requestTempPassword({ ...via(), deviceId: DEVICE_A, password: '4455667', effectiveTime: start, invalidTime: start + 24 * hour });
    expect(created).toMatchObject({ errorCode: 0, state: 'pending' });
    const id = created.id!;
    const listed = await plugin.listTempPasswords({ ...via(), deviceId: DEVICE_A });
    expect(listed.errorCode).toBe(0);
    expect(listed.passwords?.find((p) => p.id === id)).toMatchObject({ id, state: 'active', effectiveTime: start, invalidTime: start + 24 * hour });

    const modified = await plugin.modifyTempPassword({ ...via(), deviceId: DEVICE_A, passwordId: id, password: '4455668', effectiveTime: start, invalidTime: start + 48 * hour });
    expect(modified).toMatchObject({ errorCode: 0, id });
    expect(h.mock.passwords(DEVICE_A).find((p) => p.id === id)?.pin).toBe('4455668');
    expect(await plugin.freezeTempPassword({ ...via(), deviceId: DEVICE_A, passwordId: id })).toMatchObject({ errorCode: 0, id });
    expect(await plugin.unfreezeTempPassword({ ...via(), deviceId: DEVICE_A, passwordId: id })).toMatchObject({ errorCode: 0, id });
  });

  it('a delete on a sleeping lock is revoking, and the PIN still opens the door until the lock wakes', async () => {
    const created = await plugin.requestTempPassword({ ...via(), deviceId: DEVICE_A, password: '9081726', effectiveTime: Date.now() - 1000, invalidTime: start + 24 * hour });
    h.mock.wake(DEVICE_A); // the lock has the PIN
    expect(h.mock.tryPin(DEVICE_A, '9081726')).toBe(true);
    h.mock.devices[DEVICE_A].asleep = true;
    try {
      const deleted = await plugin.deleteTempPassword({ ...via(), deviceId: DEVICE_A, passwordId: created.id! });
      expect(deleted).toMatchObject({ errorCode: 0, state: 'revoking' });
      expect(h.mock.tryPin(DEVICE_A, '9081726')).toBe(true);
      const listed = await plugin.listTempPasswords({ ...via(), deviceId: DEVICE_A });
      expect(listed.passwords?.find((p) => p.id === created.id)?.state).toBe('revoking');
    } finally {
      h.mock.devices[DEVICE_A].asleep = false;
    }
    h.mock.wake(DEVICE_A);
    expect(h.mock.tryPin(DEVICE_A, '9081726')).toBe(false);
    const after = await plugin.listTempPasswords({ ...via(), deviceId: DEVICE_A, valid: false });
    expect(after.passwords?.find((p) => p.id === created.id)?.state ?? 'revoked').toBe('revoked');
  });

  it('an offline code comes back with the rounded window and what the guest will experience', async () => {
    const res = await plugin.createOfflinePassword({ ...via(), deviceId: DEVICE_A, kind: 'multiple', effectiveTime: start + 17 * 60_000, invalidTime: start + 5 * hour + 1 });
    expect(res.errorCode).toBe(0);
    expect(res).toMatchObject({ kind: 'multiple', effectiveTime: start, invalidTime: start + 5 * hour });
    expect(res.code).toMatch(/^\d+$/);
    expect(res.guestNotes?.length).toBeGreaterThan(0);
    expect(h.logs.join('\n')).not.toContain(res.code!);
  });

  it('the dynamic code is the lock\'s current one', async () => {
    const res = await plugin.getDynamicPassword({ ...via(), deviceId: DEVICE_A });
    expect(res).toMatchObject({ errorCode: 0, code: h.mock.dynamicPassword(DEVICE_A).code });
  });

  it('someone else\'s device is refused by the relay: 10307 with FORBIDDEN, nothing changed', async () => {
    const before = h.mock.stats.requests;
    const res = await plugin.deleteTempPassword({ ...via(), deviceId: DEVICE_B, passwordId: '1' });
    expect(res).toMatchObject({ errorCode: 10307, description: expect.stringContaining('FORBIDDEN') });
    expect(res.outcome).toBeUndefined();
    expect(h.mock.stats.requests).toBe(before);
  });

  it('an idempotencyKey makes a repeated create return the same password', async () => {
    const option = { ...via(), idempotencyKey: 'stay-778-guest-1', deviceId: DEVICE_A, password: '1357924', effectiveTime: start, invalidTime: start + hour };
    const first = await plugin.requestTempPassword(option);
    const again = await plugin.requestTempPassword(option);
    expect(again.id).toBe(first.id);
    expect(h.mock.passwords(DEVICE_A).filter((p) => p.pin === '1357924')).toHaveLength(1);
  });

  it('the relay\'s OUTCOME_UNKNOWN reaches the app as outcome "unknown" with advice to list', async () => {
    h.mock.inject({ kind: 'drop', on: 'freeze', after: true });
    const created = await plugin.requestTempPassword({ ...via(), deviceId: DEVICE_A, password: '2468013', effectiveTime: start, invalidTime: start + hour });
    const res = await plugin.freezeTempPassword({ ...via(), deviceId: DEVICE_A, passwordId: created.id! });
    expect(res).toMatchObject({ errorCode: 10307, outcome: 'unknown', description: expect.stringContaining('list the device') });
  });

  it.each([
    ['a PIN as a number', () => plugin.modifyTempPassword({ ...via(), deviceId: DEVICE_A, passwordId: '1', password: 4455669 as any, effectiveTime: start, invalidTime: start + hour }), 'password'],
    ['a passwordId with a slash', () => plugin.deleteTempPassword({ ...via(), deviceId: DEVICE_A, passwordId: '1/../2' }), 'passwordId'],
    ['an offline kind that does not exist', () => plugin.createOfflinePassword({ ...via(), deviceId: DEVICE_A, kind: 'forever' as any }), 'kind'],
    ['valid as a string', () => plugin.listTempPasswords({ ...via(), deviceId: DEVICE_A, valid: 'yes' as any }), 'valid'],
    ['a bad idempotencyKey', () => plugin.getDynamicPassword({ ...via(), deviceId: DEVICE_A, idempotencyKey: 'has space' }), 'idempotencyKey'],
  ])('%s stops in the plugin with 11003 naming the field, nothing sent', async (_label, run, field) => {
    const before = calls;
    const res = await run();
    expect(res.errorCode).toBe(11003);
    expect(res.description).toContain(`"${field}"`);
    expect(res.description).not.toContain('4455669');
    expect(calls).toBe(before);
  });
});

describe('the plugin\'s own timeout', () => {
  it('for a change says the outcome is unknown; for a read it does not', async () => {
    jest.useFakeTimers();
    const saved = (globalThis as any).wx;
    (globalThis as any).wx = { request: () => undefined }; // wx never calls back
    try {
      const change = plugin.deleteTempPassword({ relayUrl: 'https://relay.example.com/temp-passwords', deviceId: DEVICE_A, passwordId: '9', timeoutMs: 1000 });
      const read = plugin.listTempPasswords({ relayUrl: 'https://relay.example.com/temp-passwords', deviceId: DEVICE_A, timeoutMs: 1000 });
      jest.advanceTimersByTime(3001);
      expect(await change).toMatchObject({ errorCode: 10302, outcome: 'unknown', description: expect.stringContaining('outcome unknown') });
      const r = await read;
      expect(r.errorCode).toBe(10302);
      expect((r as { outcome?: string }).outcome).toBeUndefined();
    } finally {
      (globalThis as any).wx = saved;
      jest.useRealTimers();
    }
  });
});
