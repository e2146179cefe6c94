/**
 * wx-adapter: the one place that calls wx Bluetooth functions and converts bytes. What a caller can
 * rely on: a call settles once (success, wx's failure as our error, or our timeout), a success that
 * comes after the timeout is reported so the caller can undo it, cleanup calls never reject, event
 * payloads are read defensively, the base library version decides writeType numerically, and bytes
 * are copied from an ArrayBuffer of any realm. The wx stand-in answers in the documented callback
 * style (success/fail in the options object), nothing more.
 */
import { runInNewContext } from 'node:vm';
import { systemClock } from '../../../plugin/core/clock';
import { LockError } from '../../../plugin/core/errors';
import { toBytes, versionAtLeast, WxAdapter, type WxLike } from '../../../plugin/ble/wx-adapter';

type Options = Record<string, any>;

/** A wx whose `name` answers as `answer` says, keeping the options of every call. */
function wxWith(functions: Record<string, (options: Options) => unknown>): { wx: WxLike; calls: Options[] } {
  const calls: Options[] = [];
  const wx: WxLike = {};
  for (const [name, fn] of Object.entries(functions)) {
    wx[name] = (options: Options) => {
      calls.push(options);
      return fn(options);
    };
  }
  return { wx, calls };
}

afterEach(() => {
  jest.useRealTimers();
});

describe('versionAtLeast: base library versions compared as numbers', () => {
  it.each([
    ['2.22.0', true],
    ['2.22.1', true],
    ['2.23', true],
    ['3.0.0', true],
    ['10.0.0', true],
    ['2.22', true], // a missing part is 0
    ['2.21.4', false],
    ['2.21.99', false],
    ['2.9.1', false], // as text "2.9" > "2.22"; as numbers it is older
    ['1.99.99', false],
    ['2', false],
  ])('%s against 2.22.0: %s', (version, expected) => {
    expect(versionAtLeast(version, [2, 22, 0])).toBe(expected);
  });

  it('reads parts of more than one digit', () => {
    expect(versionAtLeast('10.0.0', [11, 0, 0])).toBe(false);
    expect(versionAtLeast('2.100', [2, 22])).toBe(true);
  });

  it.each([undefined, 2.22, '', 'abc', '2.x.1', '2..1', ' 2.22.0', 'v2.22.0'])('an unreadable version (%p) counts as new enough', (version) => {
    expect(versionAtLeast(version, [2, 22, 0])).toBe(true);
  });
});

describe('toBytes: a copy of whatever bytes wx gave', () => {
  it('reads an ArrayBuffer made in another realm (the host\'s or wx\'s)', () => {
    const foreign = runInNewContext('const b = new ArrayBuffer(3); new Uint8Array(b).set([1, 2, 255]); b');
    expect(foreign instanceof ArrayBuffer).toBe(false);
    expect(Array.from(toBytes(foreign))).toEqual([1, 2, 255]);
  });

  it('copies: changing the source afterwards changes nothing', () => {
    const source = Uint8Array.of(7, 8, 9);
    const bytes = toBytes(source.buffer);
    source[0] = 0;
    expect(Array.from(bytes)).toEqual([7, 8, 9]);
  });

  it('takes only the bytes a view shows, not its whole buffer', () => {
    const buffer = Uint8Array.of(1, 2, 3, 4, 5, 6).buffer;
    expect(Array.from(toBytes(new Uint8Array(buffer, 2, 3)))).toEqual([3, 4, 5]);
    expect(Array.from(toBytes(new DataView(buffer, 1, 2)))).toEqual([2, 3]);
  });

  it.each([undefined, null, 'AQID', [1, 2, 3], 42, {}])('anything else (%p) is no bytes', (value) => {
    expect(toBytes(value)).toEqual(new Uint8Array(0));
  });
});

describe('call: one wx call, settled once', () => {
  it('resolves with what wx passed to success, and hands wx the arguments', async () => {
    const { wx, calls } = wxWith({ getBLEDeviceServices: (o) => o.success({ services: ['s'] }) });
    const ble = new WxAdapter(wx, systemClock);
    await expect(ble.call('getBLEDeviceServices', { deviceId: 'D' }, 'services', 1000)).resolves.toEqual({ services: ['s'] });
    expect(calls[0].deviceId).toBe('D');
  });

  it("rejects with the step's error when wx fails", async () => {
    const { wx } = wxWith({ getBLEDeviceServices: (o) => o.fail({ errCode: 10004, errMsg: 'no service' }) });
    const err = await new WxAdapter(wx, systemClock).call('getBLEDeviceServices', {}, 'services', 1000).catch((e) => e);
    expect(err).toBeInstanceOf(LockError);
    expect(err.code).toBe('BLE_SERVICES_FAILED');
  });

  it('rejects at once, naming the function, when this platform lacks it', async () => {
    const err = await new WxAdapter({}, systemClock).call('createBLEConnection', {}, 'connect', 1000).catch((e) => e);
    expect(err.code).toBe('BLE_UNSUPPORTED');
    expect(err.message).toContain('createBLEConnection');
  });

  it('a rejected promise that wx returns as well is not left unhandled', async () => {
    const { wx } = wxWith({
      getBLEDeviceServices: (o) => {
        o.success({});
        return Promise.reject(new Error('base library returned a promise too'));
      },
    });
    await expect(new WxAdapter(wx, systemClock).call('getBLEDeviceServices', {}, 'services', 1000)).resolves.toEqual({});
    await new Promise((resolve) => setImmediate(resolve)); // the unhandled-rejection check runs after the test
  });

  it('times out when wx never answers; a success after that is reported as late, an answer before is not', async () => {
    jest.useFakeTimers();
    let answer: Options = {};
    const { wx } = wxWith({ createBLEConnection: (o) => void (answer = o) });
    const ble = new WxAdapter(wx, systemClock);
    const late = jest.fn();
    const answered = jest.fn();
    const pending = ble.call('createBLEConnection', {}, 'connect', 500, late, answered).catch((e) => e);
    jest.advanceTimersByTime(499);
    expect(late).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    const err = await pending;
    expect(err.code).toBe('BLE_CONNECT_TIMEOUT');
    expect(err.message).toContain('500');
    answer.success({});
    expect(late).toHaveBeenCalledTimes(1);
    expect(answered).toHaveBeenCalledTimes(1);

    const onTime = jest.fn();
    const { wx: prompt } = wxWith({ createBLEConnection: (o) => o.success({}) });
    await new WxAdapter(prompt, systemClock).call('createBLEConnection', {}, 'connect', 500, onTime);
    expect(onTime).not.toHaveBeenCalled();
  });

  it('a failure is an answer too', async () => {
    const answered = jest.fn();
    const { wx } = wxWith({ createBLEConnection: (o) => o.fail({ errCode: 10003 }) });
    await new WxAdapter(wx, systemClock).call('createBLEConnection', {}, 'connect', 500, undefined, answered).catch(() => undefined);
    expect(answered).toHaveBeenCalledTimes(1);
  });
});

describe('release: cleanup calls never reject', () => {
  it('true only when wx says it is done', async () => {
    const ok = wxWith({ closeBLEConnection: (o) => o.success({}) }).wx;
    const refused = wxWith({ closeBLEConnection: (o) => o.fail({ errCode: 10006 }) }).wx;
    const throws = wxWith({ closeBLEConnection: () => { throw new Error('not now'); } }).wx;
    await expect(new WxAdapter(ok, systemClock).release('closeBLEConnection', {}, 100)).resolves.toBe(true);
    await expect(new WxAdapter(refused, systemClock).release('closeBLEConnection', {}, 100)).resolves.toBe(false);
    await expect(new WxAdapter(throws, systemClock).release('closeBLEConnection', {}, 100)).resolves.toBe(false);
    await expect(new WxAdapter({}, systemClock).release('closeBLEConnection', {}, 100)).resolves.toBe(false);
  });

  it('false when wx does not answer within the limit, and a later answer changes nothing', async () => {
    jest.useFakeTimers();
    let answer: Options = {};
    const { wx } = wxWith({ closeBLEConnection: (o) => void (answer = o) });
    const released = new WxAdapter(wx, systemClock).release('closeBLEConnection', { deviceId: 'D' }, 300);
    jest.advanceTimersByTime(300);
    answer.success({});
    await expect(released).resolves.toBe(false);
  });
});

describe('write: writeType where the base library knows it', () => {
  const written = async (info: Options | undefined, acknowledged?: boolean): Promise<Options> => {
    const functions: Record<string, (o: Options) => unknown> = { writeBLECharacteristicValue: (o) => o.success({}) };
    if (info) functions.getAppBaseInfo = () => info;
    const { wx, calls } = wxWith(functions);
    await new WxAdapter(wx, systemClock).write('D', 'S', 'C', Uint8Array.of(1, 2), 1000, acknowledged);
    return calls[calls.length - 1];
  };

  it("asks for a write with response from 2.22.0 on, and not before", async () => {
    expect((await written({ SDKVersion: '2.22.0' })).writeType).toBe('write');
    expect((await written({ SDKVersion: '3.4.1' })).writeType).toBe('write');
    expect(await written({ SDKVersion: '2.21.4' })).not.toHaveProperty('writeType');
    expect(await written({ SDKVersion: '2.9.1' })).not.toHaveProperty('writeType');
  });

  it('not for an unacknowledged write', async () => {
    expect(await written({ SDKVersion: '3.4.1' }, false)).not.toHaveProperty('writeType');
  });

  it('sends the bytes as an ArrayBuffer of exactly their length', async () => {
    const { value } = await written({ SDKVersion: '3.4.1' });
    expect(Object.prototype.toString.call(value)).toBe('[object ArrayBuffer]');
    expect(Array.from(new Uint8Array(value))).toEqual([1, 2]);
  });
});

describe('base library information', () => {
  it('the version from getAppBaseInfo, else getSystemInfoSync; "" when neither says', () => {
    const both = { getAppBaseInfo: () => ({ SDKVersion: '3.1.0' }), getSystemInfoSync: () => ({ SDKVersion: '2.0.0' }) };
    expect(new WxAdapter(both, systemClock).sdkVersion()).toBe('3.1.0');
    const throwing = { getAppBaseInfo: () => { throw new Error('no'); }, getSystemInfoSync: () => ({ SDKVersion: '2.30.0' }) };
    expect(new WxAdapter(throwing, systemClock).sdkVersion()).toBe('2.30.0');
    const empty = { getAppBaseInfo: () => undefined, getSystemInfoSync: () => ({ SDKVersion: '2.31.0' }) };
    expect(new WxAdapter(empty, systemClock).sdkVersion()).toBe('2.31.0');
    expect(new WxAdapter({}, systemClock).sdkVersion()).toBe('');
  });

  it('the platform in lower case from getDeviceInfo, else getSystemInfoSync; "" when it is not text', () => {
    expect(new WxAdapter({ getDeviceInfo: () => ({ platform: 'iOS' }) }, systemClock).platform()).toBe('ios');
    expect(new WxAdapter({ getSystemInfoSync: () => ({ platform: 'Android' }) }, systemClock).platform()).toBe('android');
    expect(new WxAdapter({ getDeviceInfo: () => ({ platform: 7 }) }, systemClock).platform()).toBe('');
  });

  it('missing(): the first required function this base library lacks', () => {
    const wx: WxLike = {};
    for (const name of ['openBluetoothAdapter', 'closeBluetoothAdapter']) wx[name] = () => undefined;
    expect(new WxAdapter(wx, systemClock).missing()).toBe('getBluetoothAdapterState');
  });
});

describe('events: payloads read defensively', () => {
  /** A wx that keeps the listener registered for each event, to play the events. */
  function eventWx(): { wx: WxLike; emit: (event: string, res: unknown) => void } {
    const listeners = new Map<string, (res: unknown) => void>();
    const wx: WxLike = {};
    for (const event of ['BluetoothDeviceFound', 'BLECharacteristicValueChange', 'BLEConnectionStateChange', 'BluetoothAdapterStateChange']) {
      wx[`on${event}`] = (fn: (res: unknown) => void) => listeners.set(event, fn);
    }
    return { wx, emit: (event, res) => listeners.get(event)?.(res) };
  }

  it('found devices: those with a text deviceId, each with its advertising bytes', () => {
    const { wx, emit } = eventWx();
    const ble = new WxAdapter(wx, systemClock);
    ble.events.attach();
    const found: unknown[] = [];
    ble.onDeviceFound((d) => found.push({ id: d.deviceId, bytes: Array.from(d.advertisData) }));
    emit('BluetoothDeviceFound', { devices: [{ deviceId: 'A', advertisData: Uint8Array.of(5).buffer }, { advertisData: new ArrayBuffer(1) }, { deviceId: 7 }, { deviceId: 'B' }] });
    emit('BluetoothDeviceFound', {});
    emit('BluetoothDeviceFound', undefined);
    expect(found).toEqual([{ id: 'A', bytes: [5] }, { id: 'B', bytes: [] }]);
  });

  it('value changes: only with a text deviceId; a missing characteristicId reads as ""', () => {
    const { wx, emit } = eventWx();
    const ble = new WxAdapter(wx, systemClock);
    ble.events.attach();
    const seen: unknown[] = [];
    ble.onValueChange((c) => seen.push({ ...c, value: Array.from(c.value) }));
    emit('BLECharacteristicValueChange', { deviceId: 'A', value: Uint8Array.of(1).buffer });
    emit('BLECharacteristicValueChange', { characteristicId: 'C', value: Uint8Array.of(2).buffer });
    emit('BLECharacteristicValueChange', null);
    expect(seen).toEqual([{ deviceId: 'A', characteristicId: '', value: [1] }]);
  });

  it('connection state: connected only when wx says true; adapter state only when it is a boolean', () => {
    const { wx, emit } = eventWx();
    const ble = new WxAdapter(wx, systemClock);
    ble.events.attach();
    const links: unknown[] = [];
    const adapter: boolean[] = [];
    ble.onConnectionState((id, connected) => links.push([id, connected]));
    ble.onAdapterState((available) => adapter.push(available));
    emit('BLEConnectionStateChange', { deviceId: 'A', connected: 'true' });
    emit('BLEConnectionStateChange', { deviceId: 'A', connected: true });
    emit('BLEConnectionStateChange', { connected: true });
    emit('BluetoothAdapterStateChange', { available: 'false' });
    emit('BluetoothAdapterStateChange', { available: false });
    emit('BluetoothAdapterStateChange', undefined);
    expect(links).toEqual([['A', false], ['A', true]]);
    expect(adapter).toEqual([false]);
  });
});
