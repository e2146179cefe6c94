/**
 * What reaches the lock and when: sleeping Wi-Fi locks, Zigbee gateways that give up after three pushes in
 * 25 s, BLE locks without a gateway (a phone must come by), and failures the lock reports asynchronously.
 * The client's state is checked against the simulated lock's keypad: "revoking" must mean the PIN may
 * still open the door, and "revoked" that it no longer does.
 */
import { MOCK_DEVICE_ID } from '../../simulator/tuya-cloud';
import { ZIGBEE_WINDOW_MS } from '../../simulator/tuya-cloud-locks';
import { closeTuyaHarnessesAfterEach, startTuyaHarness } from '../helpers/tuya-mock';

closeTuyaHarnessesAfterEach();

const HOUR = 3600_000;
const now = Math.floor(Date.now() / 1000) * 1000;
const window = { effectiveTime: now, invalidTime: now + 6 * HOUR };
const briefly = { intervalMs: 10, timeoutMs: 120 };
const D = MOCK_DEVICE_ID;

describe('a sleeping Wi-Fi lock', () => {
  it('create stays pending until it wakes; a delete is revoking, and the PIN still opens the door until it wakes', async () => {
    const h = await startTuyaHarness({ deliveryDelayMs: 0, devices: { [D]: { protocol: 'wifi', asleep: true } } });
    const { id } = await h.client.createTempPassword({ deviceId: D, password: '1234567', ...window });
    expect(await h.client.waitForDelivery(D, id, briefly)).toMatchObject({ state: 'pending', phase: 1 });
    expect(h.mock.tryPin(D, '1234567')).toBe(false);
    h.mock.wake(D);
    expect(await h.client.getTempPassword(D, id)).toMatchObject({ state: 'active', phase: 2 });

    expect(await h.client.deleteTempPassword(D, id)).toEqual({ id, state: 'revoking' });
    h.mock.advance(HOUR);
    expect(await h.client.waitForDelivery(D, id, briefly)).toMatchObject({ state: 'revoking', phase: 3 });
    expect((await h.client.listTempPasswords(D))[0]).toMatchObject({ id, state: 'revoking' });
    expect(h.mock.tryPin(D, '1234567')).toBe(true);
    h.mock.wake(D);
    expect(await h.client.waitForDelivery(D, id, briefly)).toMatchObject({ state: 'revoked', phase: 0 });
    expect(h.mock.tryPin(D, '1234567')).toBe(false);
  });

  it('a duplicate PIN leaves a Wi-Fi password pending (Wi-Fi has no failure phase), never active', async () => {
    const h = await startTuyaHarness({ deliveryDelayMs: 0, devices: { [D]: { protocol: 'wifi' } } });
    const first = await h.client.createTempPassword({ deviceId: D, password: '1234567', ...window });
    await h.client.waitForDelivery(D, first.id, briefly);
    const dup = await h.client.createTempPassword({ deviceId: D, password: '1234567', ...window });
    expect(await h.client.waitForDelivery(D, dup.id, briefly)).toMatchObject({ state: 'pending', phase: 1 });
  });
});

describe('operations queued for a sleeping lock', () => {
  it.each(['wifi', 'zigbee'] as const)('%s: create, modify and freeze made while it sleeps all arrive, in order, when it wakes', async (protocol) => {
    const h = await startTuyaHarness({ deliveryDelayMs: 0, devices: { [D]: { protocol, asleep: true } } });
    const { id } = await h.client.createTempPassword({ deviceId: D, password: '1234567', ...window });
    await h.client.modifyTempPassword(D, id, { password: '7654321', ...window });
    await h.client.freezeTempPassword(D, id);
    expect(h.mock.passwords(D)[0].queue.map((op) => op.kind)).toEqual(['create', 'modify', 'freeze']);
    h.mock.wake(D);
    expect(await h.client.getTempPassword(D, id)).toMatchObject({ state: protocol === 'zigbee' ? 'frozen' : 'active' });
    expect(h.mock.tryPin(D, '7654321')).toBe(false);
    await h.client.unfreezeTempPassword(D, id);
    h.mock.wake(D);
    expect(h.mock.tryPin(D, '7654321')).toBe(true);
    expect(h.mock.tryPin(D, '1234567')).toBe(false);
  });
});

describe('a Zigbee lock its gateway cannot reach', () => {
  it('the gateway pushes three times within 25 s, then the password is failed (sending failed)', async () => {
    const h = await startTuyaHarness({ devices: { [D]: { protocol: 'zigbee', asleep: true } } });
    const { id } = await h.client.createTempPassword({ deviceId: D, password: '123456', ...window });
    expect(await h.client.getTempPassword(D, id)).toMatchObject({ state: 'pending', phase: 1, deliveryStatus: 1 });
    h.mock.advance(ZIGBEE_WINDOW_MS / 2);
    expect(h.mock.passwords(D)[0].gatewayAttempts).toBe(2);
    expect(await h.client.getTempPassword(D, id)).toMatchObject({ state: 'pending' });
    h.mock.advance(ZIGBEE_WINDOW_MS / 2);
    expect(await h.client.getTempPassword(D, id)).toMatchObject({ state: 'failed', reason: 'sending-failed', phase: 5, deliveryStatus: 3 });
    expect(h.mock.passwords(D)[0].gatewayAttempts).toBe(3);
  });

  it('a delete it cannot deliver is revoking, then failed, and the PIN keeps working', async () => {
    const h = await startTuyaHarness({ deliveryDelayMs: 0, devices: { [D]: { protocol: 'zigbee' } } });
    const { id } = await h.client.createTempPassword({ deviceId: D, password: '123456', ...window });
    await h.client.waitForDelivery(D, id, briefly);
    h.mock.devices[D].asleep = true;
    await h.client.deleteTempPassword(D, id);
    expect(await h.client.getTempPassword(D, id)).toMatchObject({ state: 'revoking', phase: 4, deliveryStatus: 1 });
    h.mock.advance(ZIGBEE_WINDOW_MS);
    expect(await h.client.getTempPassword(D, id)).toMatchObject({ state: 'failed', reason: 'sending-failed', phase: 4, deliveryStatus: 3 });
    expect(h.mock.tryPin(D, '123456')).toBe(true);
    // The delete may be sent again; once the gateway reaches the lock it is revoked.
    h.mock.devices[D].asleep = false;
    await h.client.deleteTempPassword(D, id);
    expect(await h.client.waitForDelivery(D, id, briefly)).toMatchObject({ state: 'revoked' });
    expect(h.mock.tryPin(D, '123456')).toBe(false);
  });

  it.each([
    ['duplicate', 4],
    ['storage-full', 5],
    ['overlap', 6],
  ] as const)('the lock refuses with %s: failed, reported through delivery_status %i', async (reason, status) => {
    const h = await startTuyaHarness({ deliveryDelayMs: 0, devices: { [D]: { protocol: 'zigbee' } } });
    h.mock.failNextOnLock(D, reason);
    const { id } = await h.client.createTempPassword({ deviceId: D, password: '123456', ...window });
    expect(await h.client.waitForDelivery(D, id, briefly)).toMatchObject({ state: 'failed', reason, phase: 5, deliveryStatus: status });
    expect(h.mock.tryPin(D, '123456')).toBe(false);
  });
});

describe('BLE locks', () => {
  it('without a gateway: pending until a phone connects, then active; delete revoking until the next visit', async () => {
    const h = await startTuyaHarness({ deliveryDelayMs: 0, devices: { [D]: { protocol: 'ble' } } }, { lockProtocol: () => 'ble' });
    const { id } = await h.client.createTempPassword({ deviceId: D, password: '123456', ...window });
    h.mock.advance(HOUR);
    expect(await h.client.getTempPassword(D, id)).toMatchObject({ state: 'pending', phase: 1 });
    h.mock.wake(D);
    expect(await h.client.getTempPassword(D, id)).toMatchObject({ state: 'active', phase: 2 });
    await h.client.deleteTempPassword(D, id);
    expect(await h.client.waitForDelivery(D, id, briefly)).toMatchObject({ state: 'revoking', phase: 3 });
    expect(h.mock.tryPin(D, '123456')).toBe(true);
    h.mock.wake(D);
    expect(await h.client.getTempPassword(D, id)).toMatchObject({ state: 'revoked', phase: 0 });
  });

  it('a BLE lock that fails to take a password reports phase 7: failed, sending failed', async () => {
    const h = await startTuyaHarness({ deliveryDelayMs: 0, devices: { [D]: { protocol: 'ble_gateway', capacity: 1 } } });
    const a = await h.client.createTempPassword({ deviceId: D, password: '123456', ...window });
    await h.client.waitForDelivery(D, a.id, briefly);
    const b = await h.client.createTempPassword({ deviceId: D, password: '654321', ...window });
    expect(await h.client.waitForDelivery(D, b.id, briefly)).toMatchObject({ state: 'failed', reason: 'sending-failed', phase: 7 });
  });

  it('behind a gateway, a delete without bluetooth_symbolic only changes the cloud record: the client always asks for the push', async () => {
    const h = await startTuyaHarness({ deliveryDelayMs: 0, devices: { [D]: { protocol: 'ble_gateway' } } });
    const { id } = await h.client.createTempPassword({ deviceId: D, password: '123456', ...window });
    await h.client.waitForDelivery(D, id, briefly);
    await h.client.deleteTempPassword(D, id); // protocol unknown to this client: the push is requested
    expect(await h.client.waitForDelivery(D, id, briefly)).toMatchObject({ state: 'revoked' });
    expect(h.mock.tryPin(D, '123456')).toBe(false);

    // A client told the lock is Wi-Fi sends no body; the mock then reproduces the hazard.
    const wrong = await startTuyaHarness({ deliveryDelayMs: 0, devices: { [D]: { protocol: 'ble_gateway' } } }, { lockProtocol: () => 'wifi' });
    const other = await wrong.client.createTempPassword({ deviceId: D, password: '123456', ...window });
    await wrong.client.waitForDelivery(D, other.id, briefly);
    await wrong.client.deleteTempPassword(D, other.id);
    expect(await wrong.client.getTempPassword(D, other.id)).toMatchObject({ state: 'revoked' });
    expect(wrong.mock.tryPin(D, '123456')).toBe(true);
  });
});
