import { createFakeWx, createVirtualLock, installFakeWx } from '../../../simulator';
import { drive, outcome } from './scripted-client';

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

describe('fake wx: adapter and calling conventions', () => {
  it('answers in promise style when no callback is passed', async () => {
    const fake = createFakeWx({ locks: [] });
    const ok = await drive(fake.wx.openBluetoothAdapter());
    expect(ok).toEqual({ errCode: 0, errMsg: 'openBluetoothAdapter:ok' });
    const state = await drive(fake.wx.getBluetoothAdapterState());
    expect(state).toMatchObject({ available: true, discovering: false });
  });

  it('answers in callback style with success/fail then complete, and returns nothing', async () => {
    const fake = createFakeWx({ locks: [] });
    const seen: string[] = [];
    const returned = fake.wx.startBluetoothDevicesDiscovery({
      success: () => seen.push('success'),
      fail: (e: { errCode: number; errMsg: string }) => seen.push(`fail ${e.errCode} ${e.errMsg}`),
      complete: () => seen.push('complete'),
    });
    expect(returned).toBeUndefined();
    expect(seen).toEqual([]); // never synchronously
    await jest.advanceTimersByTimeAsync(0);
    expect(seen).toEqual(['fail 10000 startBluetoothDevicesDiscovery:fail not init', 'complete']);
  });

  it.each([
    'closeBluetoothAdapter', 'getBluetoothAdapterState', 'startBluetoothDevicesDiscovery', 'stopBluetoothDevicesDiscovery',
    'createBLEConnection', 'closeBLEConnection', 'getBLEDeviceServices', 'getBLEDeviceCharacteristics',
    'notifyBLECharacteristicValueChange', 'writeBLECharacteristicValue',
  ])('%s before openBluetoothAdapter fails 10000', async (name) => {
    const fake = createFakeWx({ locks: [createVirtualLock()] });
    const result = await drive(outcome(fake.wx[name]({ deviceId: 'AA:BB:CC:DD:EE:FF' })));
    expect(result).toEqual({ ok: false, error: { errCode: 10000, errno: 1500101, errMsg: `${name}:fail not init` } });
  });

  it('adapter off: open fails 10001 yet initialises, and switching on is reported', async () => {
    const fake = createFakeWx({ locks: [], adapter: { state: 'off' } });
    const events: unknown[] = [];
    fake.wx.onBluetoothAdapterStateChange((e: unknown) => events.push(e));
    const open = await drive(outcome(fake.wx.openBluetoothAdapter()));
    expect(open).toEqual({ ok: false, error: { errCode: 10001, errno: 1500102, errMsg: 'openBluetoothAdapter:fail not available' } });
    expect(fake.adapterOpen()).toBe(true);
    const scan = await drive(outcome(fake.wx.startBluetoothDevicesDiscovery()));
    expect(scan).toMatchObject({ ok: false, error: { errCode: 10001 } });
    fake.setAdapterPower('on');
    expect(events).toEqual([{ available: true, discovering: false }]);
    expect(await drive(outcome(fake.wx.startBluetoothDevicesDiscovery()))).toMatchObject({ ok: true });
  });

  it('adapter off on iOS carries CoreBluetooth state 4', async () => {
    const fake = createFakeWx({ platform: 'ios', locks: [], adapter: { state: 'off' } });
    const open = await drive(outcome(fake.wx.openBluetoothAdapter()));
    expect(open).toMatchObject({ ok: false, error: { errCode: 10001, state: 4 } });
  });

  it('unauthorized: open fails with errno 103 "auth deny" and no errCode, nothing initialised', async () => {
    const fake = createFakeWx({ locks: [], adapter: { state: 'unauthorized' } });
    const open = await drive(outcome(fake.wx.openBluetoothAdapter()));
    expect(open).toEqual({ ok: false, error: { errno: 103, errMsg: 'openBluetoothAdapter:fail auth deny' } });
    expect(fake.adapterOpen()).toBe(false);
  });

  it('unsupported: the BLE functions are absent from wx', () => {
    const fake = createFakeWx({ locks: [], adapter: { state: 'unsupported' } });
    expect(fake.wx.openBluetoothAdapter).toBeUndefined();
    expect(fake.wx.onBLECharacteristicValueChange).toBeUndefined();
  });

  it('turning Bluetooth off drops links and scans and says so', async () => {
    const lock = createVirtualLock();
    const fake = createFakeWx({ locks: [lock] });
    const events: string[] = [];
    fake.wx.onBLEConnectionStateChange((e: { connected: boolean }) => events.push(`link ${e.connected}`));
    fake.wx.onBluetoothAdapterStateChange((e: { available: boolean }) => events.push(`adapter ${e.available}`));
    await drive(fake.wx.openBluetoothAdapter());
    await drive(fake.wx.startBluetoothDevicesDiscovery());
    await drive(fake.wx.createBLEConnection({ deviceId: lock.mac }));
    fake.setAdapterPower('off');
    expect([fake.openConnections(), fake.isScanning()]).toEqual([0, false]);
    expect(events).toEqual(['link true', 'adapter false', 'link false']);
  });

  it('closeBluetoothAdapter drops links, keeps listeners, and a second close fails 10000', async () => {
    const lock = createVirtualLock();
    const fake = createFakeWx({ locks: [lock] });
    const listener = jest.fn();
    fake.wx.onBLEConnectionStateChange(listener);
    await drive(fake.wx.openBluetoothAdapter());
    await drive(fake.wx.createBLEConnection({ deviceId: lock.mac }));
    await drive(fake.wx.closeBluetoothAdapter());
    expect([fake.openConnections(), fake.adapterOpen(), fake.listenerCount()]).toEqual([0, false, 1]);
    expect(listener).toHaveBeenLastCalledWith({ deviceId: lock.mac, connected: false });
    expect(await drive(outcome(fake.wx.closeBluetoothAdapter()))).toMatchObject({ ok: false, error: { errCode: 10000 } });
  });

  it.each([true, false])('fault adapterClosed (the host closes the adapter at that call; connected:false events %p): the link drops, the call fails 10000', async (events) => {
    const lock = createVirtualLock();
    const fake = createFakeWx({ locks: [lock], adapterCloseFiresStateChange: events });
    const listener = jest.fn();
    fake.wx.onBLEConnectionStateChange(listener);
    await drive(fake.wx.openBluetoothAdapter());
    await drive(fake.wx.createBLEConnection({ deviceId: lock.mac }));
    fake.faults.add({ on: 'getBLEDeviceServices', action: { kind: 'adapterClosed' } });
    expect(await drive(outcome(fake.wx.getBLEDeviceServices({ deviceId: lock.mac })))).toMatchObject({ ok: false, error: { errCode: 10000 } });
    expect([fake.openConnections(), fake.adapterOpen()]).toEqual([0, false]);
    expect(listener.mock.calls.some(([e]) => e.connected === false)).toBe(events);
  });

  it('as documented: the three argument-less off…() remove every listener (the host\'s too), offBLEConnectionStateChange(fn) only fn', () => {
    const fake = createFakeWx({ locks: [] });
    const [a, b] = [() => {}, () => {}];
    fake.wx.onBLECharacteristicValueChange(a);
    fake.hostWx.onBLECharacteristicValueChange(b);
    fake.wx.onBluetoothDeviceFound(a);
    fake.hostWx.onBluetoothAdapterStateChange(b);
    fake.wx.onBLEConnectionStateChange(a);
    fake.hostWx.onBLEConnectionStateChange(b);
    expect(fake.report().host.listeners).toMatchObject({ BLECharacteristicValueChange: 1, BLEConnectionStateChange: 1 });
    fake.wx.offBLECharacteristicValueChange(a); // an argument changes nothing: all go
    expect(fake.listenerCount('BLECharacteristicValueChange')).toBe(0);
    fake.hostWx.offBluetoothDeviceFound();
    fake.wx.offBluetoothAdapterStateChange();
    fake.wx.offBLEConnectionStateChange(a);
    expect(fake.report().plugin.listeners.BLEConnectionStateChange).toBe(0);
    expect(fake.report().host.listeners.BLEConnectionStateChange).toBe(1);
    expect(fake.listenerCount()).toBe(1);
  });

  it('offMode byListener and oneListenerPerEvent imitate older base libraries', () => {
    const fake = createFakeWx({ locks: [], offMode: 'byListener' });
    const [a, b] = [() => {}, () => {}];
    fake.wx.onBLECharacteristicValueChange(a);
    fake.hostWx.onBLECharacteristicValueChange(b);
    fake.wx.offBLECharacteristicValueChange(a);
    expect(fake.report().host.listeners.BLECharacteristicValueChange).toBe(1);
    const old = createFakeWx({ locks: [], oneListenerPerEvent: true });
    old.wx.onBluetoothDeviceFound(a);
    old.hostWx.onBluetoothDeviceFound(b);
    expect([old.report().plugin.listeners.BluetoothDeviceFound, old.report().host.listeners.BluetoothDeviceFound]).toEqual([0, 1]);
  });

  it('errorStyle errnoOnly: failures carry errno and no errCode', async () => {
    const fake = createFakeWx({ locks: [], errorStyle: 'errnoOnly' });
    const result = await drive(outcome(fake.wx.startBluetoothDevicesDiscovery()));
    expect(result).toEqual({ ok: false, error: { errno: 1500101, errMsg: 'startBluetoothDevicesDiscovery:fail not init' } });
  });

  it('iOS without the Bluetooth permission: open fails 10001 with state 3; Android with errno 3', async () => {
    const ios = createFakeWx({ platform: 'ios', locks: [], adapter: { state: 'noSystemPermission' } });
    expect(await drive(outcome(ios.wx.openBluetoothAdapter()))).toMatchObject({ ok: false, error: { errCode: 10001, state: 3 } });
    const android = createFakeWx({ platform: 'android', locks: [], adapter: { state: 'noSystemPermission' } });
    expect(await drive(outcome(android.wx.openBluetoothAdapter()))).toEqual({ ok: false, error: { errno: 3, errMsg: 'openBluetoothAdapter:fail system permission denied' } });
  });

  it('closeBluetoothAdapter by the host drops the plugin\'s link too; with adapterCloseFiresStateChange false, silently', async () => {
    const lock = createVirtualLock();
    const fake = createFakeWx({ locks: [lock], adapterCloseFiresStateChange: false });
    const listener = jest.fn();
    fake.wx.onBLEConnectionStateChange(listener);
    await drive(fake.hostWx.openBluetoothAdapter());
    await drive(fake.wx.createBLEConnection({ deviceId: lock.mac }));
    expect(fake.report()).toMatchObject({ plugin: { connections: 1 }, adapterOpenedBy: 'host' });
    await drive(fake.hostWx.closeBluetoothAdapter());
    expect(listener.mock.calls).toEqual([[{ deviceId: lock.mac, connected: true }]]);
    expect(fake.report()).toMatchObject({ plugin: { connections: 0 }, adapterOpen: false });
    expect(await drive(outcome(fake.wx.getBLEDeviceServices({ deviceId: lock.mac })))).toMatchObject({ ok: false, error: { errCode: 10000 } });
  });

  it('counts calls by name and in order, and resets', async () => {
    const fake = createFakeWx({ locks: [] });
    await drive(fake.wx.openBluetoothAdapter());
    fake.wx.onBluetoothDeviceFound(() => {});
    await drive(fake.wx.getBluetoothAdapterState());
    expect(fake.callLog()).toEqual(['openBluetoothAdapter', 'onBluetoothDeviceFound', 'getBluetoothAdapterState']);
    expect([fake.calls.openBluetoothAdapter, fake.calls.createBLEConnection, fake.totalCalls()]).toEqual([1, 0, 3]);
    fake.resetCounters();
    expect([fake.totalCalls(), fake.calls.openBluetoothAdapter]).toEqual([0, 0]);
  });

  it('installFakeWx sets the global wx and puts the old value back', () => {
    const g = globalThis as { wx?: unknown };
    const before = { previous: true };
    g.wx = before;
    const fake = createFakeWx({ locks: [] });
    const uninstall = installFakeWx(fake);
    expect(g.wx).toBe(fake.wx);
    uninstall();
    expect(g.wx).toBe(before);
    delete g.wx;
  });
});
