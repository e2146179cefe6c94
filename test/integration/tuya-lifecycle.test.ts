/**
 * Every online-password operation against the mock Tuya cloud over HTTPS, for each lock protocol, judged
 * both by the client's delivery state and by the simulated lock itself (does the PIN open the door?).
 */
import { LockProtocol } from '../../cloud/delivery';
import { MOCK_DEVICE_ID } from '../../simulator/tuya-cloud';
import { TuyaHarness, closeTuyaHarnessesAfterEach, expectNothingSensitive, startTuyaHarness } from '../helpers/tuya-mock';

closeTuyaHarnessesAfterEach();

const HOUR = 3600_000;
const now = Math.floor(Date.now() / 1000) * 1000;
const window = { effectiveTime: now - HOUR, invalidTime: now + 4 * HOUR };
const wait = { intervalMs: 5, timeoutMs: 2000 };
const D = MOCK_DEVICE_ID;

const PROTOCOLS: LockProtocol[] = ['wifi', 'zigbee', 'ble_gateway', 'ble'];

describe.each(PROTOCOLS)('the whole life of a password on a %s lock', (protocol) => {
  const setup = () =>
    startTuyaHarness({ deliveryDelayMs: 0, devices: { [D]: { protocol } } }, { lockProtocol: () => protocol });
  /** A BLE lock without a gateway takes changes only when a phone connects; the others need nothing. */
  const reach = (h: TuyaHarness) => {
    if (protocol === 'ble') h.mock.wake(D);
  };

  it('create -> active; list and detail agree; the PIN opens the lock', async () => {
    const h = await setup();
    const created = await h.client.createTempPassword({ deviceId: D, password: '1234567', ...window, type: 0 });
    expect(created.state).toBe('pending');
    reach(h);
    expect(await h.client.waitForDelivery(D, created.id, wait)).toMatchObject({ state: 'active', phase: 2 });
    const [listed] = await h.client.listTempPasswords(D);
    const detail = await h.client.getTempPassword(D, created.id);
    expect(listed).toEqual(detail);
    expect(detail).toMatchObject({ id: created.id, state: 'active', effectiveTime: window.effectiveTime, invalidTime: window.invalidTime, expired: false });
    expect(h.mock.tryPin(D, '1234567')).toBe(true);
    expect(h.mock.tryPin(D, '7654321')).toBe(false);
    expectNothingSensitive(h, ['1234567'], [created, detail]);
  });

  it('modify sends the new PIN under a fresh ticket; the lock swaps PINs once it has it', async () => {
    const h = await setup();
    const { id } = await h.client.createTempPassword({ deviceId: D, password: '1234567', ...window });
    reach(h);
    await h.client.waitForDelivery(D, id, wait);
    h.mock.resetStats();
    const changed = await h.client.modifyTempPassword(D, id, { password: '7654321', ...window, invalidTime: window.invalidTime + HOUR, name: 'Room 12' });
    expect(changed).toEqual({ id, state: 'pending' });
    expect(h.mock.stats.byEndpoint).toMatchObject({ ticket: 1, modify: 1 });
    expect(h.mock.passwords(D)[0].body).toMatchObject({ name: 'Room 12', password_type: 'ticket', invalid_time: (window.invalidTime + HOUR) / 1000 });
    // No `type` given, none sent: the client cannot know it (the list has none) and must not reset it.
    expect(h.mock.passwords(D)[0].body).not.toHaveProperty('type');
    reach(h);
    expect(await h.client.waitForDelivery(D, id, wait)).toMatchObject({ state: 'active' });
    expect(await h.client.getTempPassword(D, id)).toMatchObject({ name: 'Room 12', invalidTime: window.invalidTime + HOUR });
    expect(h.mock.tryPin(D, '1234567')).toBe(false);
    expect(h.mock.tryPin(D, '7654321')).toBe(true);
    expectNothingSensitive(h, ['1234567', '7654321'], [changed]);
  });

  it('a one-time password stays one-time through a modify that does not repeat its type', async () => {
    const h = await setup();
    const { id } = await h.client.createTempPassword({ deviceId: D, password: '1234567', ...window, type: 1 });
    reach(h);
    await h.client.waitForDelivery(D, id, wait);
    await h.client.modifyTempPassword(D, id, { password: '7654321', ...window });
    reach(h);
    await h.client.waitForDelivery(D, id, wait);
    expect(h.mock.tryPin(D, '7654321')).toBe(true);
    expect(h.mock.tryPin(D, '7654321')).toBe(false);
  });

  it('freeze stops the PIN at the lock, unfreeze brings it back', async () => {
    const h = await setup();
    const { id } = await h.client.createTempPassword({ deviceId: D, password: '1234567', ...window });
    reach(h);
    await h.client.waitForDelivery(D, id, wait);
    expect(await h.client.freezeTempPassword(D, id)).toEqual({ id, state: 'frozen' });
    reach(h);
    const frozen = await h.client.waitForDelivery(D, id, wait);
    // Only Zigbee has a frozen phase; Wi-Fi and BLE report the password as active (Tuya's tables).
    expect(frozen.state).toBe(protocol === 'zigbee' ? 'frozen' : 'active');
    expect(h.mock.tryPin(D, '1234567')).toBe(false);
    expect(await h.client.unfreezeTempPassword(D, id)).toEqual({ id, state: 'pending' });
    reach(h);
    expect(await h.client.waitForDelivery(D, id, wait)).toMatchObject({ state: 'active' });
    expect(h.mock.tryPin(D, '1234567')).toBe(true);
  });

  it('delete -> revoking, then revoked once the lock has it; the list moves it to the invalid ones', async () => {
    const h = await setup();
    const { id } = await h.client.createTempPassword({ deviceId: D, password: '1234567', ...window });
    reach(h);
    await h.client.waitForDelivery(D, id, wait);
    expect(await h.client.deleteTempPassword(D, id)).toEqual({ id, state: 'revoking' });
    reach(h);
    expect(await h.client.waitForDelivery(D, id, wait)).toMatchObject({ state: 'revoked', phase: protocol === 'zigbee' ? 4 : 0 });
    expect(h.mock.tryPin(D, '1234567')).toBe(false);
    expect(await h.client.listTempPasswords(D, { valid: true })).toEqual([]);
    expect(await h.client.listTempPasswords(D, { valid: false })).toMatchObject([{ id, state: 'revoked' }]);
  });

  it('clear revokes every password of the lock', async () => {
    const h = await setup();
    const a = await h.client.createTempPassword({ deviceId: D, password: '1234567', ...window });
    const b = await h.client.createTempPassword({ deviceId: D, password: '2345678', ...window });
    reach(h);
    await h.client.waitForDelivery(D, b.id, wait);
    expect(await h.client.clearTempPasswords(D)).toEqual({ state: 'revoking' });
    reach(h);
    for (const id of [a.id, b.id]) expect(await h.client.waitForDelivery(D, id, wait)).toMatchObject({ state: 'revoked' });
    expect(h.mock.tryPin(D, '1234567') || h.mock.tryPin(D, '2345678')).toBe(false);
  });

  it('offline and dynamic codes need no lock contact', async () => {
    const h = await setup();
    const code = await h.client.createOfflinePassword(D, { kind: 'once' });
    expect(h.mock.tryPin(D, code.code)).toBe(true);
    const before = h.mock.dynamicPassword(D).code;
    const { code: dynamic } = await h.client.getDynamicPassword(D);
    expect([before, h.mock.dynamicPassword(D).code]).toContain(dynamic);
  });
});

describe('requests per operation, warm (the token is cached): the minimum the API allows', () => {
  it('create and modify 2 (a ticket each), every other operation 1', async () => {
    const h = await startTuyaHarness({ deliveryDelayMs: 0 });
    await h.client.getDynamicPassword(D); // warms the token
    const cost = async (run: () => Promise<unknown>) => {
      h.mock.resetStats();
      await run();
      return h.mock.stats.requests;
    };
    const { id } = await h.client.createTempPassword({ deviceId: D, password: '1234567', ...window });
    const costs = {
      create: await cost(() => h.client.createTempPassword({ deviceId: D, password: '2345678', ...window })),
      list: await cost(() => h.client.listTempPasswords(D)),
      detail: await cost(() => h.client.getTempPassword(D, id)),
      modify: await cost(() => h.client.modifyTempPassword(D, id, { password: '3456789', ...window })),
      freeze: await cost(() => h.client.freezeTempPassword(D, id)),
      unfreeze: await cost(() => h.client.unfreezeTempPassword(D, id)),
      delete: await cost(() => h.client.deleteTempPassword(D, id)),
      clear: await cost(() => h.client.clearTempPasswords(D)),
      offline: await cost(() => h.client.createOfflinePassword(D, { kind: 'once' })),
      dynamic: await cost(() => h.client.getDynamicPassword(D)),
    };
    expect(costs).toEqual({ create: 2, list: 1, detail: 1, modify: 2, freeze: 1, unfreeze: 1, delete: 1, clear: 1, offline: 1, dynamic: 1 });
    expect(h.mock.stats.connections).toBe(0);
  });

  it('a revoked password cannot be modified or frozen (the mock refuses like a missing one)', async () => {
    const h = await startTuyaHarness({ deliveryDelayMs: 0 });
    const { id } = await h.client.createTempPassword({ deviceId: D, password: '1234567', ...window });
    await h.client.deleteTempPassword(D, id);
    await expect(h.client.modifyTempPassword(D, id, { password: '7654321', ...window })).rejects.toMatchObject({ kind: 'api', code: 1109 });
    await expect(h.client.freezeTempPassword(D, id)).rejects.toMatchObject({ kind: 'api', code: 1109 });
  });
});
