import { parseAdvertisement } from '../../../plugin/protocol';
import { createFakeWx, createVirtualLock, TTLOCK_SERVICE_UUID, type FakeBle } from '../../../simulator';
import { drive, outcome } from './scripted-client';

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

type Found = { deviceId: string; name: string; localName: string; RSSI: number; advertisData: ArrayBuffer; advertisServiceUUIDs: string[] };

async function scanning(fake: FakeBle, options: object = {}) {
  const reports: Array<{ at: number; device: Found }> = [];
  let start = 0;
  fake.wx.onBluetoothDeviceFound((e: { devices: Found[] }) => {
    for (const device of e.devices) reports.push({ at: Date.now() - start, device });
  });
  await drive(fake.wx.openBluetoothAdapter());
  start = Date.now();
  await fake.wx.startBluetoothDevicesDiscovery(options); // answers without virtual time passing
  return reports;
}

describe('fake wx: scanning', () => {
  it('reports a lock one advertising interval after the scan starts, once without allowDuplicatesKey', async () => {
    const lock = createVirtualLock({ mac: 'D8:C4:D3:66:E8:B6', battery: 64, rssi: -71 });
    const fake = createFakeWx({ locks: [lock] });
    const reports = await scanning(fake);
    await jest.advanceTimersByTimeAsync(99);
    expect(reports).toHaveLength(0);
    await jest.advanceTimersByTimeAsync(401);
    expect(reports.map((r) => r.at)).toEqual([100]);
    const device = reports[0].device;
    expect(device).toMatchObject({ deviceId: lock.mac, name: 'S31_b6e866', localName: 'S31_b6e866', RSSI: -71, advertisServiceUUIDs: [] });
    expect(parseAdvertisement(new Uint8Array(device.advertisData))).toMatchObject({ mac: lock.mac, battery: 64 });
  });

  it('reports every interval with allowDuplicatesKey, and stops with the scan', async () => {
    const fake = createFakeWx({ locks: [createVirtualLock()], timing: { advertisingIntervalMs: 40 } });
    const reports = await scanning(fake, { allowDuplicatesKey: true });
    await jest.advanceTimersByTimeAsync(130);
    expect(reports.map((r) => r.at)).toEqual([40, 80, 120]);
    await drive(fake.wx.stopBluetoothDevicesDiscovery());
    await jest.advanceTimersByTimeAsync(500);
    expect([reports.length, fake.isScanning()]).toEqual([3, false]);
  });

  it('hides a lock that does not advertise 1910 from a scan filtered on 1910', async () => {
    const hidden = createVirtualLock();
    const shown = createVirtualLock({ advertisesServiceUuid: true });
    const fake = createFakeWx({ locks: [hidden, shown] });
    const reports = await scanning(fake, { services: [TTLOCK_SERVICE_UUID.toLowerCase()] });
    await jest.advanceTimersByTimeAsync(300);
    expect(reports.map((r) => r.device.deviceId)).toEqual([shown.mac]);
    expect(reports[0].device.advertisServiceUUIDs).toEqual([TTLOCK_SERVICE_UUID]);
  });

  it('does not report a lock out of range, or one already connected', async () => {
    const away = createVirtualLock();
    const connected = createVirtualLock();
    away.inRange = false;
    const fake = createFakeWx({ locks: [away, connected] });
    const reports = await scanning(fake, { allowDuplicatesKey: true });
    await drive(fake.wx.createBLEConnection({ deviceId: connected.mac }));
    reports.length = 0;
    await jest.advanceTimersByTimeAsync(300);
    expect(reports).toHaveLength(0);
  });

  it('on iOS gives each lock a stable UUID deviceId and connects only after it was seen', async () => {
    const lock = createVirtualLock();
    const fake = createFakeWx({ platform: 'ios', locks: [lock] });
    const id = fake.deviceIdOf(lock);
    expect(id).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/);
    expect(createFakeWx({ platform: 'ios', locks: [lock] }).deviceIdOf(lock)).toBe(id);
    expect(fake.deviceIdOf(createVirtualLock())).not.toBe(id);
    const reports = await scanning(fake);
    expect(await drive(outcome(fake.wx.createBLEConnection({ deviceId: id })))).toMatchObject({ ok: false, error: { errCode: 10002 } });
    await jest.advanceTimersByTimeAsync(100);
    expect(reports[0].device.deviceId).toBe(id);
    expect(await drive(outcome(fake.wx.createBLEConnection({ deviceId: id })))).toMatchObject({ ok: true });
  });
});
