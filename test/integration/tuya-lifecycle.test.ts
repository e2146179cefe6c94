/**
 * Every online-password operation against the mock Tuya cloud over HTTPS, for each lock protocol, judged
 * both by the client's delivery state and by the simulated lock itself (does the PIN open the door?).
 */
import { LockProtocol } from '../../cloud/delivery';
import { MOCK_DEVICE_ID } from '../../simulator/tuya-cloud';
import { closeTuyaHarnessesAfterEach, expectNothingSensitive, startTuyaHarness } from '../helpers/tuya-mock';

closeTuyaHarnessesAfterEach();

const HOUR = 3600_000;
const now = Math.floor(Date.now() / 1000) * 1000;
const window = { effectiveTime: now - HOUR, invalidTime: now + 4 * HOUR };
const wait = { intervalMs: 5, timeoutMs: 2000 };
const D = MOCK_DEVICE_ID;

const PROTOCOLS: LockProtocol[] = ['wifi', 'zigbee', 'ble_gateway'];

describe.each(PROTOCOLS)('the whole life of a password on a %s lock', (protocol) => {
  const setup = () =>
    startTuyaHarness({ deliveryDelayMs: 0, devices: { [D]: { protocol } } }, { lockProtocol: () => protocol });

  it('create -> active; list and detail agree; the PIN opens the lock', async () => {
    const h = await setup();
    const created = await h.client.createTempPassword({ deviceId: D, password: '1234567', ...window, type: 0 });
    expect(created.state).toBe('pending');
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
    await h.client.waitForDelivery(D, id, wait);
    h.mock.resetStats();
    const changed = await h.client.modifyTempPassword(D, id, { password: '7654321', ...window, invalidTime: window.invalidTime + HOUR, name: 'Room 12' });
    expect(changed).toEqual({ id, state: 'pending' });
    expect(h.mock.stats.byEndpoint).toMatchObject({ ticket: 1, modify: 1 });
    expect(h.mock.passwords(D)[0].body).toMatchObject({ name: 'Room 12', password_type: 'ticket', invalid_time: (window.invalidTime + HOUR) / 1000 });
    expect(await h.client.waitForDelivery(D, id, wait)).toMatchObject({ state: 'active' });
    expect(await h.client.getTempPassword(D, id)).toMatchObject({ name: 'Room 12', invalidTime: window.invalidTime + HOUR });
    expect(h.mock.tryPin(D, '1234567')).toBe(false);
    expect(h.mock.tryPin(D, '7654321')).toBe(true);
    expectNothingSensitive(h, ['1234567', '7654321'], [changed]);
  });

  it('freeze stops the PIN at the lock, unfreeze brings it back', async () => {
    const h = await setup();
    const { id } = await h.client.createTempPassword({ deviceId: D, password: '1234567', ...window });
    await h.client.waitForDelivery(D, id, wait);
    expect(await h.client.freezeTempPassword(D, id)).toEqual({ id, state: 'frozen' });
    const frozen = await h.client.waitForDelivery(D, id, wait);
    // Only Zigbee has a frozen phase; Wi-Fi and BLE report the password as active (Tuya's tables).
    expect(frozen.state).toBe(protocol === 'zigbee' ? 'frozen' : 'active');
    expect(h.mock.tryPin(D, '1234567')).toBe(false);
    expect(await h.client.unfreezeTempPassword(D, id)).toEqual({ id, state: 'pending' });
    expect(await h.client.waitForDelivery(D, id, wait)).toMatchObject({ state: 'active' });
    expect(h.mock.tryPin(D, '1234567')).toBe(true);
  });

  it('delete -> revoking, then revoked once the lock has it; the list moves it to the invalid ones', async () => {
    const h = await setup();
    const { id } = await h.client.createTempPassword({ deviceId: D, password: '1234567', ...window });
    await h.client.waitForDelivery(D, id, wait);
    expect(await h.client.deleteTempPassword(D, id)).toEqual({ id, state: 'revoking' });
    expect(await h.client.waitForDelivery(D, id, wait)).toMatchObject({ state: 'revoked', phase: protocol === 'zigbee' ? 4 : 0 });
    expect(h.mock.tryPin(D, '1234567')).toBe(false);
    expect(await h.client.listTempPasswords(D, { valid: true })).toEqual([]);
    expect(await h.client.listTempPasswords(D, { valid: false })).toMatchObject([{ id, state: 'revoked' }]);
  });

  it('clear revokes every password of the lock', async () => {
    const h = await setup();
    const a = await h.client.createTempPassword({ deviceId: D, password: '1234567', ...window });
    const b = await h.client.createTempPassword({ deviceId: D, password: '2345678', ...window });
    await h.client.waitForDelivery(D, b.id, wait);
    expect(await h.client.clearTempPasswords(D)).toEqual({ state: 'revoking' });
    for (const id of [a.id, b.id]) expect(await h.client.waitForDelivery(D, id, wait)).toMatchObject({ state: 'revoked' });
    expect(h.mock.tryPin(D, '1234567') || h.mock.tryPin(D, '2345678')).toBe(false);
  });
});
