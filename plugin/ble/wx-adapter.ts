/**
 * The only code that calls wx Bluetooth functions. Each call goes out in callback style (so wx never
 * returns a promise that could reject unhandled), is bounded by its own timeout, and settles once.
 * Events come through the plugin's one listener per event (wx-events.ts); subscriptions come back
 * as unsubscribe functions. ArrayBuffer <-> Uint8Array conversion happens here and nowhere else.
 */
import type { Clock } from '../core/clock';
import { Code, LockError } from '../core/errors';
import { withTimeout } from '../core/timeouts';
import { WxEvents, ADAPTER_STATE, CONNECTION_STATE, DEVICE_FOUND, VALUE_CHANGE } from './wx-events';
import { BleStep, wxFailureToError, wxTimeoutError } from './wx-errors';
import { isFunction, isNonNullObject, isString } from '../core/assert';

/** The wx functions called from more than one place, each named once (the bundle keeps every spelled-out name whole). */
export const OPEN_ADAPTER = 'openBluetoothAdapter';
export const CLOSE_ADAPTER = 'closeBluetoothAdapter';
export const GET_ADAPTER_STATE = 'getBluetoothAdapterState';
export const START_DISCOVERY = 'startBluetoothDevicesDiscovery';
export const STOP_DISCOVERY = 'stopBluetoothDevicesDiscovery';
export const CREATE_CONNECTION = 'createBLEConnection';
export const CLOSE_CONNECTION = 'closeBLEConnection';
export const GET_SERVICES = 'getBLEDeviceServices';
export const GET_CHARACTERISTICS = 'getBLEDeviceCharacteristics';
export const NOTIFY_VALUE_CHANGE = 'notifyBLECharacteristicValueChange';
export const WRITE_VALUE = 'writeBLECharacteristicValue';

/**
 * Every wx function an operation needs. The listener functions and offBLEConnectionStateChange
 * need base library 2.9.1 inside a plugin; without one of these the plugin answers 11002 at once.
 */
export const REQUIRED_WX = [
  OPEN_ADAPTER, CLOSE_ADAPTER, GET_ADAPTER_STATE, START_DISCOVERY, STOP_DISCOVERY,
  CREATE_CONNECTION, CLOSE_CONNECTION, GET_SERVICES, GET_CHARACTERISTICS, NOTIFY_VALUE_CHANGE, WRITE_VALUE,
  'onBluetoothDeviceFound', 'onBLECharacteristicValueChange', 'onBLEConnectionStateChange',
  'onBluetoothAdapterStateChange', 'offBLEConnectionStateChange',
] as const;

/** writeBLECharacteristicValue takes `writeType` from this base library on (older ones ignore it anyway). */
const WRITE_TYPE_SINCE = [2, 22, 0];

/** "2.21.4" >= [2, 22, 0]? An unreadable version counts as new enough. */
export function versionAtLeast(version: unknown, min: number[]): boolean {
  if (!isString(version) || !/^\d+(\.\d+)*$/.test(version)) return true;
  const parts = version.split('.').map(Number);
  for (let i = 0; i < min.length; i++) {
    const p = parts[i] || 0;
    if (p !== min[i]) return p > min[i];
  }
  return true;
}

type WxFunction = (options?: Record<string, unknown>) => unknown;
export type WxLike = Record<string, unknown>;

export interface FoundDevice {
  deviceId: string;
  advertisData: Uint8Array;
}

export interface ValueChange {
  deviceId: string;
  characteristicId: string;
  value: Uint8Array;
}

function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  const copy = new Uint8Array(bytes.length);
  copy.set(bytes);
  return copy.buffer;
}

/** By tag, not instanceof: the ArrayBuffer may come from another realm (the host's or wx's). */
export function toBytes(value: unknown): Uint8Array {
  if (Object.prototype.toString.call(value) === '[object ArrayBuffer]') return new Uint8Array((value as ArrayBuffer).slice(0));
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer.slice(value.byteOffset, value.byteOffset + value.byteLength));
  return new Uint8Array(0);
}

/** Some base libraries return a promise even when given callbacks; never leave it unhandled. */
function ignoreRejection(returned: unknown): void {
  if (returned && isFunction((returned as Promise<unknown>).catch)) {
    (returned as Promise<unknown>).catch(() => undefined);
  }
}

export class WxAdapter {
  readonly events: WxEvents;
  private _sdkVersion: string | undefined;

  constructor(private readonly _wx: WxLike, private readonly _clock: Clock) {
    this.events = new WxEvents(_wx);
  }

  has(name: string): boolean {
    return isFunction(this._wx[name]);
  }

  /** The first wx Bluetooth function this base library lacks, if any. */
  missing(): string | undefined {
    return REQUIRED_WX.find((name) => !this.has(name));
  }

  /**
   * Calls wx[name] with callbacks; resolves with its success result, rejects with a LockError.
   * `onLateSuccess` runs if wx reports success after this call already gave up (timed out), so the
   * caller can undo what wx did after all.
   */
  call<T = Record<string, unknown>>(name: string, args: Record<string, unknown>, step: BleStep, timeoutMs: number, onLateSuccess?: () => void, onAnswered?: () => void): Promise<T> {
    const fn = this._wx[name] as WxFunction | undefined;
    if (!isFunction(fn)) {
      return Promise.reject(new LockError(Code.BLE_UNSUPPORTED, `no wx.${name} on this platform`));
    }
    let gaveUp = false;
    const answered = new Promise<T>((resolve, reject) => {
      const returned = fn.call(this._wx, Object.assign({}, args, {
        success: (res: T) => {
          if (gaveUp && onLateSuccess) onLateSuccess();
          if (onAnswered) onAnswered();
          resolve(res);
        },
        fail: (err: unknown) => {
          if (onAnswered) onAnswered();
          reject(wxFailureToError(step, err));
        },
      }));
      ignoreRejection(returned);
    });
    const bounded = withTimeout(this._clock, answered, timeoutMs, () => wxTimeoutError(step, timeoutMs));
    // wx settles once: a success after `bounded` rejected can only follow a timeout
    bounded.catch(() => {
      gaveUp = true;
    });
    return bounded;
  }

  /** Cleanup calls (stop scan, close): never reject; resolve true only if wx said it was done. */
  release(name: string, args: Record<string, unknown>, timeoutMs: number): Promise<boolean> {
    const fn = this._wx[name] as WxFunction | undefined;
    if (!isFunction(fn)) return Promise.resolve(false);
    return new Promise<boolean>((resolve) => {
      const timer = this._clock.setTimeout(() => resolve(false), timeoutMs);
      const done = (ok: boolean) => () => {
        this._clock.clearTimeout(timer);
        resolve(ok);
      };
      try {
        ignoreRejection(fn.call(this._wx, Object.assign({}, args, { success: done(true), fail: done(false) })));
      } catch {
        done(false)();
      }
    });
  }

  /**
   * Writes one chunk. `acknowledged`: ask for a write with response (writeType 'write') where the
   * base library knows writeType, so that on Android too a success means the lock has the chunk.
   */
  write(deviceId: string, serviceId: string, characteristicId: string, bytes: Uint8Array, timeoutMs: number, acknowledged = true): Promise<unknown> {
    const value = toArrayBuffer(bytes);
    const args: Record<string, unknown> = { deviceId, serviceId, characteristicId, value };
    if (acknowledged && versionAtLeast(this.sdkVersion(), WRITE_TYPE_SINCE)) args.writeType = 'write';
    return this.call(WRITE_VALUE, args, 'write', timeoutMs);
  }

  onDeviceFound(listener: (device: FoundDevice) => void): () => void {
    return this.events.subscribe(DEVICE_FOUND, (res: { devices?: Array<{ deviceId?: string; advertisData?: unknown }> }) => {
      for (const d of res?.devices ?? []) {
        if (isString(d.deviceId)) listener({ deviceId: d.deviceId, advertisData: toBytes(d.advertisData) });
      }
    });
  }

  onValueChange(listener: (change: ValueChange) => void): () => void {
    return this.events.subscribe(VALUE_CHANGE, (res: { deviceId?: string; characteristicId?: string; value?: unknown }) => {
      if (!isString(res?.deviceId)) return;
      listener({ deviceId: res.deviceId, characteristicId: String(res.characteristicId ?? ''), value: toBytes(res.value) });
    });
  }

  onConnectionState(listener: (deviceId: string, connected: boolean) => void): () => void {
    return this.events.subscribe(CONNECTION_STATE, (res: { deviceId?: string; connected?: boolean }) => {
      if (isString(res?.deviceId)) listener(res.deviceId, res.connected === true);
    });
  }

  onAdapterState(listener: (available: boolean) => void): () => void {
    return this.events.subscribe(ADAPTER_STATE, (res: { available?: boolean }) => {
      if (typeof res?.available === 'boolean') listener(res.available);
    });
  }

  /** The base library version, from whichever API this one has; '' if none says. */
  sdkVersion(): string {
    if (this._sdkVersion === undefined) this._sdkVersion = String(this._info(['getAppBaseInfo', 'getSystemInfoSync']).SDKVersion ?? '');
    return this._sdkVersion;
  }

  /** 'android' | 'ios' | ... from whichever platform API this base library has; '' if none. */
  platform(): string {
    const { platform } = this._info(['getDeviceInfo', 'getSystemInfoSync']);
    return isString(platform) ? platform.toLowerCase() : '';
  }

  private _info(names: string[]): { platform?: unknown; SDKVersion?: unknown } {
    for (const name of names) {
      const fn = this._wx[name] as WxFunction | undefined;
      if (!isFunction(fn)) continue;
      try {
        const info = fn.call(this._wx) as { platform?: unknown; SDKVersion?: unknown } | undefined;
        if (isNonNullObject(info)) return info;
      } catch {
        // fall through to the next API
      }
    }
    return {};
  }
}
