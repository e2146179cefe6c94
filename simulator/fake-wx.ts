/**
 * A fake `wx` Bluetooth stack over virtual locks: the wx BLE functions with their callback and
 * Promise styles, a link-timing model, fault injection and counters a test can assert on.
 * Every wx call answers after it has returned; with jest fake timers everything runs in virtual time.
 */
import {
  closeBluetoothAdapter,
  getBluetoothAdapterState,
  openBluetoothAdapter,
  setAdapterPower,
} from './fake-wx-adapter';
import { closeBLEConnection, createBLEConnection } from './fake-wx-connection';
import { deviceIdFor, settleSoon, type AdapterSetting, type CallHandler, type FakeBleContext, type Platform } from './fake-wx-context';
import { EventHub, EVENT_CHANNELS, type EventChannel } from './fake-wx-events';
import {
  getBLEDeviceCharacteristics,
  getBLEDeviceServices,
  notifyBLECharacteristicValueChange,
  writeBLECharacteristicValue,
} from './fake-wx-gatt';
import { startBluetoothDevicesDiscovery, stopBluetoothDevicesDiscovery } from './fake-wx-scan';
import { FaultInjector, type WxCallStep } from './faults';
import type { RadioLock } from './gatt-profile';
import { after, DEFAULT_LINK_TIMING, floorMs, type LinkTiming, type SessionPlan } from './link-model';
import { openCall, wxFail } from './wx-result';

export interface FakeWxOptions {
  /** android: deviceId = MAC; ios: deviceId = a stable UUID per lock, known only once scanned. */
  platform?: Platform;
  locks: RadioLock[];
  timing?: Partial<LinkTiming>;
  adapter?: { state?: AdapterSetting };
  /** Whether closeBLEConnection also fires onBLEConnectionStateChange {connected:false}. Default true. */
  closeFiresStateChange?: boolean;
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
};

export type FakeWxApi = Record<string, (arg?: any) => any>;

export interface FakeBle {
  wx: FakeWxApi;
  calls: Record<string, number>;
  totalCalls(): number;
  callLog(): string[];
  resetCounters(): void;
  /** on* listeners currently registered, on one channel or all. */
  listenerCount(channel?: EventChannel): number;
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
    events: new EventHub(),
    closeFiresStateChange: options.closeFiresStateChange ?? true,
    adapter: { setting, initialized: false },
    scan: null,
    connections: new Map(),
    connecting: new Map(),
    seenIds: new Set(),
  };

  const calls: Record<string, number> = {};
  let log: string[] = [];
  const record = (name: string) => {
    calls[name] = (calls[name] ?? 0) + 1;
    log.push(name);
  };

  const wx: FakeWxApi = {};
  if (setting !== 'unsupported') {
    for (const [name, handler] of Object.entries(CALLS) as Array<[WxCallStep, CallHandler]>) {
      wx[name] = (arg?: unknown) => {
        record(name);
        const opts = typeof arg === 'object' && arg !== null ? (arg as Record<string, any>) : {};
        const { call, returned } = openCall(name, opts);
        const fault = ctx.faults.take(name);
        if (fault?.kind === 'fail') {
          const failure = wxFail(name, fault.errCode);
          if (fault.errMsg !== undefined && !failure.ok) failure.error.errMsg = fault.errMsg;
          settleSoon(call, failure);
        } else if (fault?.kind === 'delay') {
          after(fault.ms, () => handler(ctx, opts, call, undefined));
        } else if (fault?.kind !== 'noCallback') {
          handler(ctx, opts, call, fault);
        }
        return returned;
      };
    }
    for (const channel of EVENT_CHANNELS) {
      wx[`on${channel}`] = (listener: unknown) => {
        record(`on${channel}`);
        ctx.events.on(channel, listener);
      };
      wx[`off${channel}`] = (listener?: unknown) => {
        record(`off${channel}`);
        ctx.events.off(channel, listener);
      };
    }
  }

  // Platform look-ups exist even where Bluetooth does not; the plugin uses them to decide whether
  // deviceId is the MAC (Android), so they are counted like any other wx call.
  const platformInfo = () => ({ platform: ctx.platform, system: ctx.platform === 'ios' ? 'iOS 17.0' : 'Android 14' });
  wx.getDeviceInfo = () => {
    record('getDeviceInfo');
    return platformInfo();
  };
  wx.getSystemInfoSync = () => {
    record('getSystemInfoSync');
    return platformInfo();
  };

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
