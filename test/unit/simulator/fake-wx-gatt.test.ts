import { CMD_CHECK_ADMIN, encodeCheckAdmin, encodeFrame, splitForWrite } from '../../../plugin/protocol';
import {
  createFakeWx,
  createVirtualLock,
  DEVICE_INFO_SERVICE_UUID,
  TTLOCK_NOTIFY_UUID,
  TTLOCK_SERVICE_UUID,
  TTLOCK_WRITE_UUID,
  type FakeWxOptions,
} from '../../../simulator';
import { drive, outcome } from './scripted-client';

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

async function opened(options: Partial<FakeWxOptions> = {}) {
  const lock = createVirtualLock();
  const fake = createFakeWx({ locks: [lock], ...options });
  await drive(fake.wx.openBluetoothAdapter());
  const deviceId = lock.mac;
  const ids = { deviceId, serviceId: TTLOCK_SERVICE_UUID };
  return { lock, fake, wx: fake.wx, deviceId, ids };
}

async function discovered(options: Partial<FakeWxOptions> = {}) {
  const env = await opened(options);
  await drive(env.wx.createBLEConnection({ deviceId: env.deviceId }));
  await drive(env.wx.getBLEDeviceServices({ deviceId: env.deviceId }));
  await drive(env.wx.getBLEDeviceCharacteristics(env.ids));
  return env;
}

const errCodeOf = async (p: Promise<unknown>) => {
  const r = await drive(outcome(p));
  return r.ok ? 0 : r.error.errCode;
};

describe('fake wx: connections', () => {
  it('connects to an Android MAC directly in connectMs and reports connected:true', async () => {
    const { fake, wx, deviceId } = await opened();
    const events: unknown[] = [];
    wx.onBLEConnectionStateChange((e: unknown) => events.push(e));
    const start = Date.now();
    const done = wx.createBLEConnection({ deviceId }).then(() => Date.now() - start);
    expect(await drive(done)).toBe(60);
    expect(events).toEqual([{ deviceId, connected: true }]);
    expect(fake.openConnections()).toBe(1);
    expect(await errCodeOf(wx.createBLEConnection({ deviceId }))).toBe(-1);
  });

  it('fails a second attempt while the first is in flight with -1 already connect', async () => {
    const { wx, deviceId } = await opened();
    const first = wx.createBLEConnection({ deviceId });
    const second = await drive(outcome(wx.createBLEConnection({ deviceId })));
    expect(second).toEqual({ ok: false, error: { errCode: -1, errno: 1509007, errMsg: 'createBLEConnection:fail already connect' } });
    expect(await drive(outcome(first))).toMatchObject({ ok: true });
  });

  it.each([
    ['a timeout shorter than the connect', { timeout: 25 }, 10012, 25],
    ['a lock out of range, with a timeout', { timeout: 3_000 }, 10012, 3_000],
    ['a lock out of range, without a timeout', {}, 10003, 10_000],
  ])('fails %s', async (name, extra, errCode, atMs) => {
    const { lock, wx, deviceId } = await opened();
    lock.inRange = !name.includes('out of range');
    const start = Date.now();
    const result = await drive(outcome(wx.createBLEConnection({ deviceId, ...extra })).then((r) => ({ r, at: Date.now() - start })));
    expect([result.r.ok ? 0 : result.r.error.errCode, result.at]).toEqual([errCode, atMs]);
  });

  it('fails 10002 at once for a deviceId that is not an upper-case MAC on Android', async () => {
    const { wx, deviceId } = await opened();
    expect(await errCodeOf(wx.createBLEConnection({ deviceId: deviceId.toLowerCase() }))).toBe(10002);
  });

  it.each([true, false])('closeBLEConnection (closeFiresStateChange %s) closes the link', async (fires) => {
    const { fake, wx, deviceId } = await opened({ closeFiresStateChange: fires });
    await drive(wx.createBLEConnection({ deviceId }));
    const events: boolean[] = [];
    wx.onBLEConnectionStateChange((e: { connected: boolean }) => events.push(e.connected));
    await drive(wx.closeBLEConnection({ deviceId }));
    expect(events).toEqual(fires ? [false] : []);
    expect(fake.openConnections()).toBe(0);
    expect(await errCodeOf(wx.getBLEDeviceServices({ deviceId }))).toBe(10006);
    expect(await errCodeOf(wx.closeBLEConnection({ deviceId }))).toBe(10006);
  });
});

describe('fake wx: GATT', () => {
  it('returns the TTLock GATT, one connection interval per discovery step', async () => {
    const { wx, deviceId, ids } = await opened();
    await drive(wx.createBLEConnection({ deviceId }));
    const start = Date.now();
    const services: any = await drive(wx.getBLEDeviceServices({ deviceId }));
    expect(Date.now() - start).toBe(30);
    expect(services.services.map((s: { uuid: string }) => s.uuid).sort()).toEqual([TTLOCK_SERVICE_UUID, DEVICE_INFO_SERVICE_UUID].sort());
    const chars: any = await drive(wx.getBLEDeviceCharacteristics({ ...ids, serviceId: ids.serviceId.toLowerCase() }));
    expect(Date.now() - start).toBe(60);
    expect(chars.characteristics).toEqual([
      { uuid: TTLOCK_WRITE_UUID, properties: { read: false, write: true, writeNoResponse: true, notify: false, indicate: false } },
      { uuid: TTLOCK_NOTIFY_UUID, properties: { read: false, write: false, writeNoResponse: false, notify: true, indicate: false } },
    ]);
  });

  it('keeps the discovery order: characteristics need services (10004), notify and write need characteristics (10005)', async () => {
    const { wx, deviceId, ids } = await opened();
    await drive(wx.createBLEConnection({ deviceId }));
    expect(await errCodeOf(wx.getBLEDeviceCharacteristics(ids))).toBe(10004);
    await drive(wx.getBLEDeviceServices({ deviceId }));
    expect(await errCodeOf(wx.notifyBLECharacteristicValueChange({ ...ids, characteristicId: TTLOCK_NOTIFY_UUID, state: true }))).toBe(10005);
    expect(await errCodeOf(wx.writeBLECharacteristicValue({ ...ids, characteristicId: TTLOCK_WRITE_UUID, value: new ArrayBuffer(1) }))).toBe(10005);
  });

  it.each([
    ['notify on the write characteristic', 'notifyBLECharacteristicValueChange', { characteristicId: TTLOCK_WRITE_UUID, state: true }, 10007],
    ['write to the notify characteristic', 'writeBLECharacteristicValue', { characteristicId: TTLOCK_NOTIFY_UUID, value: new ArrayBuffer(2) }, 10007],
    ['write to an unknown characteristic', 'writeBLECharacteristicValue', { characteristicId: '0000FFF9-0000-1000-8000-00805F9B34FB', value: new ArrayBuffer(2) }, 10005],
    ['write to an unknown service', 'writeBLECharacteristicValue', { serviceId: '0000FFF0-0000-1000-8000-00805F9B34FB', characteristicId: TTLOCK_WRITE_UUID, value: new ArrayBuffer(2) }, 10004],
    ['write a Uint8Array instead of an ArrayBuffer', 'writeBLECharacteristicValue', { characteristicId: TTLOCK_WRITE_UUID, value: new Uint8Array(2) }, 10013],
    ['write 21 bytes on Android', 'writeBLECharacteristicValue', { characteristicId: TTLOCK_WRITE_UUID, value: new ArrayBuffer(21) }, 10008],
  ])('fails to %s', async (_name, api, extra, errCode) => {
    const { wx, ids } = await discovered();
    expect(await errCodeOf(wx[api]({ ...ids, ...extra }))).toBe(errCode);
  });

  it('never calls back on an over-long write on iOS, and the lock gets nothing', async () => {
    const lock = createVirtualLock();
    const fake = createFakeWx({ platform: 'ios', locks: [lock] });
    const { wx } = fake;
    const deviceId = fake.deviceIdOf(lock);
    const ids = { deviceId, serviceId: TTLOCK_SERVICE_UUID, characteristicId: TTLOCK_WRITE_UUID };
    await drive(wx.openBluetoothAdapter());
    await drive(wx.startBluetoothDevicesDiscovery());
    await jest.advanceTimersByTimeAsync(100);
    await drive(wx.createBLEConnection({ deviceId }));
    await drive(wx.getBLEDeviceServices({ deviceId }));
    await drive(wx.getBLEDeviceCharacteristics(ids));
    const frame = encodeFrame(CMD_CHECK_ADMIN, encodeCheckAdmin({ adminPs: lock.adminPs, lockFlagPos: 0, uid: 0 }), lock.aesKey);
    const settled = jest.fn();
    wx.writeBLECharacteristicValue({ ...ids, value: frame.slice().buffer, complete: settled });
    await jest.advanceTimersByTimeAsync(10_000);
    expect(settled).not.toHaveBeenCalled();
    expect(lock.received()).toHaveLength(0);
  });

  it('delivers notifications to every listener only once notifications are enabled', async () => {
    const { lock, wx, ids } = await discovered();
    const got: Array<{ listener: string; event: any }> = [];
    wx.onBLECharacteristicValueChange((event: unknown) => got.push({ listener: 'a', event }));
    wx.onBLECharacteristicValueChange((event: unknown) => got.push({ listener: 'b', event }));
    const frame = encodeFrame(CMD_CHECK_ADMIN, encodeCheckAdmin({ adminPs: lock.adminPs, lockFlagPos: 0, uid: 0 }), lock.aesKey);
    const writeAll = async () => {
      for (const piece of splitForWrite(frame)) {
        await wx.writeBLECharacteristicValue({ ...ids, characteristicId: TTLOCK_WRITE_UUID, value: piece.slice().buffer });
      }
    };
    await drive(writeAll());
    await jest.advanceTimersByTimeAsync(500);
    expect([lock.received().length, got.length]).toEqual([1, 0]);

    await drive(wx.notifyBLECharacteristicValueChange({ ...ids, characteristicId: TTLOCK_NOTIFY_UUID, state: true }));
    await drive(writeAll());
    await jest.advanceTimersByTimeAsync(500);
    expect(got.map((g) => g.listener)).toEqual(['a', 'b', 'a', 'b']);
    expect(got[0].event).toMatchObject({ deviceId: ids.deviceId, serviceId: TTLOCK_SERVICE_UUID, characteristicId: TTLOCK_NOTIFY_UUID });
    expect(got[0].event.value).toBeInstanceOf(ArrayBuffer);
    expect([got[0].event.value.byteLength, got[2].event.value.byteLength]).toEqual([20, 11]);
    expect(got[0].event.value).not.toBe(got[1].event.value);
  });
});
