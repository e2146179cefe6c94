/**
 * A fake `wx` Bluetooth stack over virtual locks: the wx BLE functions with their callback and
 * Promise styles, a link-timing model, fault injection and counters a test can assert on.
 * Every wx call answers after it has returned; with jest fake timers everything runs in virtual time.
 */
import {
  closeAdapterNow,
  closeBluetoothAdapter,
  getBluetoothAdapterState,
  openBluetoothAdapter,
  setAdapterPower,
} from './fake-wx-adapter';
import { closeBLEConnection, createBLEConnection } from './fake-wx-connection';
import { deviceIdFor, settleSoon, type AdapterSetting, type CallHandler, type FakeBleContext, type Platform } from './fake-wx-context';
import { EventHub, EVENT_CHANNELS, type EventChannel, type Owner } from './fake-wx-events';
import { reportUuid, type PhoneQuirks } from './phone-quirks';
import { sameUuid } from './gatt-profile';
import {
  getBLEDeviceCharacteristics,
  getBLEDeviceServices,
  notifyBLECharacteristicValueChange,
  readBLECharacteristicValue,
  writeBLECharacteristicValue,
} from './fake-wx-gatt';
import { getBluetoothDevices, startBluetoothDevicesDiscovery, stopBluetoothDevicesDiscovery } from './fake-wx-scan';
import { FaultInjector, type WxCallStep } from './faults';
import type { RadioLock } from './gatt-profile';
import { after, DEFAULT_LINK_TIMING, floorMs, type LinkTiming, type SessionPlan } from './link-model';
import { openCall, styleFailure, wxFail, type PendingCall, type WxOutcome } from './wx-result';

export interface FakeWxOptions {
  /** android: deviceId = MAC; ios: deviceId = a stable UUID per lock, known only once scanned. */
  platform?: Platform;
  locks: RadioLock[];
  timing?: Partial<LinkTiming>;
  adapter?: { state?: AdapterSetting };
  /** Whether closeBLEConnection also fires onBLEConnectionStateChange {connected:false}. Default true. */
  closeFiresStateChange?: boolean;
  /** Whether closeBluetoothAdapter fires {connected:false} for every link it drops. Default true. */
  adapterCloseFiresStateChange?: boolean;
  /** How failures carry their code: errCode and errno (default, newer base libraries), errno only, or errCode only. */
  errorStyle?: 'both' | 'errnoOnly' | 'errCodeOnly';
  /** 'documented' (default): the three argument-less off…() remove every listener. 'byListener': each off removes only the one passed. */
  offMode?: 'documented' | 'byListener';
  /** Some old base libraries keep one listener per event: on…() replaces the previous one. */
  oneListenerPerEvent?: boolean;
  /** Real-phone behaviours beyond the documentation (all off by default). */
  quirks?: PhoneQuirks;
  /** The base library version getAppBaseInfo reports. Default '3.4.0'. */
  sdkVersion?: string;
}

/** What each party holds, counted apart: the plugin's listeners, links and scan, and the host's. */
export interface PartyReport {
  listeners: Record<EventChannel, number>;
  connections: number;
  scanning: boolean;
}

export interface FakeReport {
  plugin: PartyReport;
  host: PartyReport;
  adapterOpen: boolean;
  adapterOpenedBy: Owner | null;
}

const CALLS: Record<WxCallStep, CallHandler> = {
  openBluetoothAdapter,
  closeBluetoothAdapter,
  getBluetoothAdapterState,
  startBluetoothDevicesDiscovery,
  stopBluetoothDevicesDiscovery,
  createBLEConnection,
  closeBLEConnection,
  getBLEDeviceServices,
  getBLEDeviceCharacteristics,
  notifyBLECharacteristicValueChange,
  writeBLECharacteristicValue,
  readBLECharacteristicValue,
  getBluetoothDevices,
};

export type FakeWxApi = Record<string, (arg?: any) => any>;

export interface FakeBle {
  wx: FakeWxApi;
  calls: Record<string, number>;
  totalCalls(): number;
  callLog(): string[];
  resetCounters(): void;
  readonly platform: Platform;
  /** Whether a link to `deviceId` is up (anyone's). */
  isConnected(deviceId: string): boolean;
  /** on* listeners currently registered (anyone's), on one channel or all. */
  listenerCount(channel?: EventChannel): number;
  /** The same stack as seen by the host app: its calls and listeners are counted as the host's. */
  hostWx: FakeWxApi;
  /** The plugin's listeners, links and scan apart from the host's. */
  report(): FakeReport;
  /**
   * A peripheral (not a lock) notifies `bytes` on one of its characteristics: delivered to every
   * onBLECharacteristicValueChange listener if someone is connected to it with notifications on.
   */
  peripheralNotify(peripheral: RadioLock, characteristicUuid: string, bytes: Uint8Array): boolean;
  openConnections(): number;
  isScanning(): boolean;
  /** Initialised by openBluetoothAdapter and not closed since. */
  adapterOpen(): boolean;
  /** Flip the phone's Bluetooth switch (fires onBluetoothAdapterStateChange, drops links when off). */
  setAdapterPower(power: 'on' | 'off'): void;
  timing: LinkTiming;
  floorMs(plan: SessionPlan): number;
  faults: FaultInjector;
  deviceIdOf(lock: RadioLock): string;
}

export function createFakeWx(options: FakeWxOptions): FakeBle {
  const setting = options.adapter?.state ?? 'on';
  const timing: LinkTiming = { ...DEFAULT_LINK_TIMING, ...options.timing };
  const ctx: FakeBleContext = {
    platform: options.platform ?? 'android',
    locks: [...options.locks],
    timing,
    faults: new FaultInjector(),
    events: new EventHub({ offMode: options.offMode, oneListenerPerEvent: options.oneListenerPerEvent }),
    closeFiresStateChange: options.closeFiresStateChange ?? true,
    adapterCloseFiresStateChange: options.adapterCloseFiresStateChange ?? true,
    quirks: { ...options.quirks },
    adapter: { setting, initialized: false, openedBy: null, popupShown: false },
    scan: null,
    scanStarts: [],
    gatt133: { left: options.quirks?.gatt133?.count ?? 0, lastAt: -Infinity },
    leakedInstances: new Map(),
    connections: new Map(),
    connecting: new Map(),
    repeatedConnects: new Map(),
    seenIds: new Set(),
    heardDevices: new Map(),
  };
  const errorStyle = options.errorStyle ?? 'both';
  const styled = (call: PendingCall, owner: Owner): PendingCall => ({
    api: call.api,
    owner,
    get settled() {
      return call.settled;
    },
    settle: (outcome: WxOutcome) => call.settle(styleFailure(outcome, errorStyle)),
  });

  const calls: Record<string, number> = {};
  let log: string[] = [];
  const record = (name: string) => {
    calls[name] = (calls[name] ?? 0) + 1;
    log.push(name);
  };

  const makeWx = (owner: Owner): FakeWxApi => {
    const wx: FakeWxApi = {};
    // The host's own calls are not counted: `calls` and the log are about what the plugin does.
    const count = (name: string) => {
      if (owner === 'plugin') record(name);
    };
    if (setting !== 'unsupported') {
      for (const [name, handler] of Object.entries(CALLS) as Array<[WxCallStep, CallHandler]>) {
        wx[name] = (arg?: unknown) => {
          count(name);
          const opts = typeof arg === 'object' && arg !== null ? (arg as Record<string, any>) : {};
          const opened = openCall(name, opts);
          const call = styled(opened.call, owner);
          // Faults hit the plugin's calls only; the host's habits are scripted in host-app.ts.
          const fault = owner === 'plugin' ? ctx.faults.take(name) : undefined;
          if (fault?.kind === 'fail') {
            const failure = wxFail(name, fault.errCode);
            if (fault.errMsg !== undefined && !failure.ok) failure.error.errMsg = fault.errMsg;
            settleSoon(call, failure);
          } else if (fault?.kind === 'delay') {
            after(fault.ms, () => handler(ctx, opts, call, undefined));
          } else if (fault?.kind === 'adapterClosed') {
            closeAdapterNow(ctx); // by the host, just before this call: which then fails 10000
            handler(ctx, opts, call, undefined);
          } else if (fault?.kind !== 'noCallback') {
            handler(ctx, opts, call, fault);
          }
          return opened.returned;
        };
      }
      for (const channel of EVENT_CHANNELS) {
        wx[`on${channel}`] = (listener: unknown) => {
          count(`on${channel}`);
          ctx.events.on(channel, listener, owner);
        };
        wx[`off${channel}`] = (listener?: unknown) => {
          count(`off${channel}`);
          ctx.events.off(channel, listener);
        };
      }
    }
    // Platform look-ups exist even where Bluetooth does not; the plugin uses them to decide whether
    // deviceId is the MAC (Android), so they are counted like any other wx call.
    const platformInfo = () => ({ platform: ctx.platform, system: ctx.platform === 'ios' ? 'iOS 17.0' : 'Android 14' });
    wx.getDeviceInfo = () => {
      count('getDeviceInfo');
      return platformInfo();
    };
    wx.getSystemInfoSync = () => {
      count('getSystemInfoSync');
      return { ...platformInfo(), SDKVersion: sdkVersion };
    };
    wx.getAppBaseInfo = () => {
      count('getAppBaseInfo');
      return { SDKVersion: sdkVersion };
    };
    return wx;
  };
  const sdkVersion = options.sdkVersion ?? '3.4.0';
  const wx = makeWx('plugin');
  const hostWx = makeWx('host');
  const partyReport = (owner: Owner): PartyReport => ({
    listeners: ctx.events.countsBy(owner),
    connections: [...ctx.connections.values()].filter((c) => c.owner === owner).length,
    scanning: ctx.scan?.owner === owner,
  });

  for (const name of Object.keys(wx)) calls[name] = 0;

  return {
    wx,
    calls,
    totalCalls: () => log.length,
    callLog: () => [...log],
    resetCounters: () => {
      for (const name of Object.keys(calls)) calls[name] = 0;
      log = [];
    },
    listenerCount: (channel) => ctx.events.count(channel),
    hostWx,
    platform: ctx.platform,
    isConnected: (deviceId) => ctx.connections.has(deviceId),
    peripheralNotify: (peripheral, characteristicUuid, bytes) => {
      const deviceId = deviceIdFor(ctx.platform, peripheral);
      const connection = ctx.connections.get(deviceId);
      const notifying = connection && [...connection.notifying].find((u) => sameUuid(u, characteristicUuid));
      if (!connection || !notifying) return false;
      const service = connection.profile.find((s) => s.characteristics.some((c) => c.uuid === notifying))!;
      ctx.events.emit('BLECharacteristicValueChange', () => ({
        deviceId,
        serviceId: reportUuid(ctx.quirks, service.uuid),
        characteristicId: reportUuid(ctx.quirks, notifying),
        value: bytes.slice().buffer,
      }));
      return true;
    },
    report: () => ({
      plugin: partyReport('plugin'),
      host: partyReport('host'),
      adapterOpen: ctx.adapter.initialized,
      adapterOpenedBy: ctx.adapter.initialized ? ctx.adapter.openedBy : null,
    }),
    openConnections: () => ctx.connections.size,
    isScanning: () => ctx.scan !== null,
    adapterOpen: () => ctx.adapter.initialized,
    setAdapterPower: (power) => setAdapterPower(ctx, power),
    timing,
    floorMs: (plan) => floorMs(timing, plan),
    faults: ctx.faults,
    deviceIdOf: (lock) => deviceIdFor(ctx.platform, lock),
  };
}

/** Makes `fake.wx` the global `wx` (as a plugin sees it) and returns the undo. */
export function installFakeWx(fake: FakeBle): () => void {
  const g = globalThis as Record<string, unknown>;
  const had = Object.prototype.hasOwnProperty.call(g, 'wx');
  const previous = g.wx;
  g.wx = fake.wx;
  return () => {
    if (had) g.wx = previous;
    else delete g.wx;
  };
}
