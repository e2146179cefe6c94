import {
  createFakeWx,
  createVirtualLock,
  FAULT_STEPS,
  FaultInjector,
  SUPPORTED_ACTIONS,
  TTLOCK_NOTIFY_UUID,
  TTLOCK_SERVICE_UUID,
  WX_CALL_STEPS,
  type FaultAction,
  type FaultKind,
} from '../../../simulator';
import { drive, outcome, ScriptedClient } from './scripted-client';

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

const EXAMPLE_ACTION: Record<FaultKind, FaultAction> = {
  fail: { kind: 'fail', errCode: 10008 },
  noCallback: { kind: 'noCallback' },
  delay: { kind: 'delay', ms: 10 },
  drop: { kind: 'drop' },
  dropAfter: { kind: 'dropAfter' },
  lose: { kind: 'lose' },
  corruptCrc: { kind: 'corruptCrc' },
  split: { kind: 'split', sizes: [1] },
  duplicate: { kind: 'duplicate' },
  unsolicited: { kind: 'unsolicited' },
  wrongKey: { kind: 'wrongKey' },
  outOfRange: { kind: 'outOfRange' },
  missingService: { kind: 'missingService' },
  missingCharacteristic: { kind: 'missingCharacteristic' },
  adapterClosed: { kind: 'adapterClosed' },
};

/** Settles `p` in virtual time; returns when (ms from now) and how, or 'pending' if it never did. */
async function timed(p: Promise<unknown>, waitMs = 20_000) {
  const start = Date.now();
  let result: any = 'pending';
  void outcome(p).then((r: any) => (result = { at: Date.now() - start, errCode: r.ok ? 0 : r.error.errCode, errMsg: r.ok ? r.value.errMsg : r.error.errMsg }));
  for (let i = 0; i < waitMs && result === 'pending'; i++) await jest.advanceTimersByTimeAsync(1);
  return result;
}

describe('fault injector', () => {
  const matrix = FAULT_STEPS.flatMap((step) => (Object.keys(EXAMPLE_ACTION) as FaultKind[]).map((kind) => [step, kind] as const));
  it.each(matrix)('add(%s, %s) is accepted exactly when SUPPORTED_ACTIONS lists it', (step, kind) => {
    const add = () => new FaultInjector().add({ on: step, action: EXAMPLE_ACTION[kind] });
    if (SUPPORTED_ACTIONS[step].includes(kind)) expect(add).not.toThrow();
    else expect(add).toThrow(RangeError);
  });

  it('counts nth from when the fault is added, hits `times` occurrences, then is gone', () => {
    const faults = new FaultInjector();
    faults.take('reply');
    faults.add({ on: 'reply', nth: 2, times: 2, action: { kind: 'lose' } });
    expect(faults.pending()).toEqual([{ on: 'reply', action: { kind: 'lose' }, remaining: 2 }]);
    expect([faults.take('reply'), faults.take('reply'), faults.take('reply'), faults.take('reply')].map((a) => a?.kind))
      .toEqual([undefined, 'lose', 'lose', undefined]);
    expect(faults.pending()).toEqual([]);
  });

  it('refuses two faults on the same occurrence, and clear() disarms everything', () => {
    const faults = new FaultInjector().add({ on: 'advert', action: { kind: 'lose' } });
    expect(() => faults.add({ on: 'advert', action: { kind: 'lose' } })).toThrow(RangeError);
    faults.add({ on: 'notification', nth: 3, action: { kind: 'lose' } });
    faults.clear();
    expect(faults.pending()).toEqual([]);
    expect(faults.take('advert')).toBeUndefined();
  });
});

describe('faults on wx calls', () => {
  it.each(WX_CALL_STEPS)('%s: fail gives the injected errCode (custom errMsg kept)', async (step) => {
    const fake = createFakeWx({ locks: [] });
    fake.faults.add({ on: step, action: { kind: 'fail', errCode: 10008 } });
    fake.faults.add({ on: step, nth: 2, action: { kind: 'fail', errCode: 10012, errMsg: `${step}:fail custom` } });
    expect(await timed(fake.wx[step]({}))).toEqual({ at: 0, errCode: 10008, errMsg: `${step}:fail system error` });
    expect(await timed(fake.wx[step]({}))).toEqual({ at: 0, errCode: 10012, errMsg: `${step}:fail custom` });
  });

  it.each(WX_CALL_STEPS)('%s: noCallback never settles, in either style', async (step) => {
    const fake = createFakeWx({ locks: [] });
    fake.faults.add({ on: step, times: 2, action: { kind: 'noCallback' } });
    expect(await timed(fake.wx[step]({}), 15_000)).toBe('pending');
    const complete = jest.fn();
    fake.wx[step]({ complete });
    await jest.advanceTimersByTimeAsync(15_000);
    expect(complete).not.toHaveBeenCalled();
  });

  it.each(WX_CALL_STEPS)('%s: delay answers that much later', async (step) => {
    const fake = createFakeWx({ locks: [] });
    const plain = await timed(fake.wx[step]({}));
    fake.faults.add({ on: step, action: { kind: 'delay', ms: 700 } });
    expect(await timed(fake.wx[step]({}))).toEqual({ ...plain, at: plain.at + 700 });
  });

  it.each(['getBLEDeviceServices', 'getBLEDeviceCharacteristics', 'notifyBLECharacteristicValueChange', 'writeBLECharacteristicValue'] as const)(
    '%s: drop fails it 10006, fires connected:false and closes the link', async (step) => {
      const lock = createVirtualLock();
      const fake = createFakeWx({ locks: [lock] });
      const client = new ScriptedClient(fake, lock);
      const events: boolean[] = [];
      fake.wx.onBLEConnectionStateChange((e: { connected: boolean }) => events.push(e.connected));
      await drive(client.open());
      fake.faults.add({ on: step, action: { kind: 'drop' } });
      const connecting = await drive(outcome(client.connect().then(() => client.send(new Uint8Array(5)))));
      expect(connecting).toMatchObject({ ok: false, error: { errCode: 10006, errMsg: `${step}:fail no connection` } });
      expect([events, fake.openConnections()]).toEqual([[true, false], 0]);
    },
  );

  it('writeBLECharacteristicValue: dropAfter lets the write (and the lock) finish, then drops the link', async () => {
    const lock = createVirtualLock();
    const fake = createFakeWx({ locks: [lock] });
    const client = new ScriptedClient(fake, lock);
    await drive(client.open());
    await drive(client.connect());
    fake.faults.add({ on: 'writeBLECharacteristicValue', nth: 2, action: { kind: 'dropAfter' } });
    const reply = drive(outcome(client.checkAdmin()), 3_000);
    await expect(reply).rejects.toThrow(/still pending/);
    expect([lock.received().length, client.frames.length, fake.openConnections()]).toEqual([1, 0, 0]);
  });

  it('createBLEConnection: dropAfter connects, then the link drops', async () => {
    const lock = createVirtualLock();
    const fake = createFakeWx({ locks: [lock] });
    const events: boolean[] = [];
    fake.wx.onBLEConnectionStateChange((e: { connected: boolean }) => events.push(e.connected));
    await drive(fake.wx.openBluetoothAdapter());
    fake.faults.add({ on: 'createBLEConnection', action: { kind: 'dropAfter' } });
    expect(await timed(fake.wx.createBLEConnection({ deviceId: lock.mac }))).toMatchObject({ errCode: 0, at: 60 });
    await jest.advanceTimersByTimeAsync(0);
    expect([events, fake.openConnections()]).toEqual([[true, false], 0]);
  });

  it('outOfRange: a scan hears nothing, a connection attempt fails 10003', async () => {
    const lock = createVirtualLock();
    const fake = createFakeWx({ locks: [lock] });
    const found = jest.fn();
    fake.wx.onBluetoothDeviceFound(found);
    await drive(fake.wx.openBluetoothAdapter());
    fake.faults.add({ on: 'startBluetoothDevicesDiscovery', action: { kind: 'outOfRange' } });
    await drive(fake.wx.startBluetoothDevicesDiscovery());
    await jest.advanceTimersByTimeAsync(1_000);
    expect(found).not.toHaveBeenCalled();
    await drive(fake.wx.startBluetoothDevicesDiscovery());
    await jest.advanceTimersByTimeAsync(100);
    expect(found).toHaveBeenCalledTimes(1);
    fake.faults.add({ on: 'createBLEConnection', action: { kind: 'outOfRange' } });
    expect(await timed(fake.wx.createBLEConnection({ deviceId: lock.mac }))).toMatchObject({ errCode: 10003, at: 10_000 });
  });

  it('missingService / missingCharacteristic take 1910 / FFF4 away for that connection', async () => {
    const lock = createVirtualLock();
    const fake = createFakeWx({ locks: [lock] });
    const { wx } = fake;
    const deviceId = lock.mac;
    await drive(wx.openBluetoothAdapter());
    await drive(wx.createBLEConnection({ deviceId }));
    fake.faults.add({ on: 'getBLEDeviceServices', action: { kind: 'missingService' } });
    const services: any = await drive(wx.getBLEDeviceServices({ deviceId }));
    expect(services.services.map((s: { uuid: string }) => s.uuid)).not.toContain(TTLOCK_SERVICE_UUID);
    expect(await timed(wx.getBLEDeviceCharacteristics({ deviceId, serviceId: TTLOCK_SERVICE_UUID }))).toMatchObject({ errCode: 10004 });

    await drive(wx.closeBLEConnection({ deviceId }));
    await drive(wx.createBLEConnection({ deviceId }));
    await drive(wx.getBLEDeviceServices({ deviceId }));
    fake.faults.add({ on: 'getBLEDeviceCharacteristics', action: { kind: 'missingCharacteristic' } });
    const chars: any = await drive(wx.getBLEDeviceCharacteristics({ deviceId, serviceId: TTLOCK_SERVICE_UUID }));
    expect(chars.characteristics.map((c: { uuid: string }) => c.uuid)).not.toContain(TTLOCK_NOTIFY_UUID);
    const notify = wx.notifyBLECharacteristicValueChange({ deviceId, serviceId: TTLOCK_SERVICE_UUID, characteristicId: TTLOCK_NOTIFY_UUID, state: true });
    expect(await timed(notify)).toMatchObject({ errCode: 10005 });
  });
});
