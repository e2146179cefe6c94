/**
 * The only code that calls wx Bluetooth functions. Each call goes out in callback style (so wx never
 * returns a promise that could reject unhandled), is bounded by its own timeout, and settles once.
 * Listeners come back as unsubscribe functions. ArrayBuffer <-> Uint8Array conversion happens here
 * and nowhere else.
 */
import type { Clock } from '../core/clock';
import { LockError } from '../core/errors';
import { withTimeout } from '../core/timeouts';
import { BleStep, wxFailureToError, wxTimeoutError } from './wx-errors';

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
function toBytes(value: unknown): Uint8Array {
  if (Object.prototype.toString.call(value) === '[object ArrayBuffer]') return new Uint8Array((value as ArrayBuffer).slice(0));
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer.slice(value.byteOffset, value.byteOffset + value.byteLength));
  return new Uint8Array(0);
}

/** Some base libraries return a promise even when given callbacks; never leave it unhandled. */
function ignoreRejection(returned: unknown): void {
  if (returned && typeof (returned as Promise<unknown>).catch === 'function') {
    (returned as Promise<unknown>).catch(() => undefined);
  }
}

export class WxAdapter {
  constructor(private readonly _wx: WxLike, private readonly _clock: Clock) {}

  has(name: string): boolean {
    return typeof this._wx[name] === 'function';
  }

  /**
   * Calls wx[name] with callbacks; resolves with its success result, rejects with a LockError.
   * `onLateSuccess` runs if wx reports success after this call already gave up (timed out), so the
   * caller can undo what wx did after all.
   */
  call<T = Record<string, unknown>>(name: string, args: Record<string, unknown>, step: BleStep, timeoutMs: number, onLateSuccess?: () => void): Promise<T> {
    const fn = this._wx[name] as WxFunction | undefined;
    if (typeof fn !== 'function') {
      return Promise.reject(new LockError('BLE_UNSUPPORTED', `wx.${name} is not available on this platform`));
    }
    let gaveUp = false;
    const answered = new Promise<T>((resolve, reject) => {
      const returned = fn.call(this._wx, Object.assign({}, args, {
        success: (res: T) => {
          if (gaveUp) onLateSuccess?.();
          resolve(res);
        },
        fail: (err: unknown) => reject(wxFailureToError(step, err)),
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

  /** Fire-and-forget calls used in cleanup (stop scan, close): failures are expected and ignored. */
  release(name: string, args: Record<string, unknown>, timeoutMs: number): Promise<void> {
    const fn = this._wx[name] as WxFunction | undefined;
    if (typeof fn !== 'function') return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = this._clock.setTimeout(resolve, timeoutMs);
      const done = () => {
        this._clock.clearTimeout(timer);
        resolve();
      };
      try {
        ignoreRejection(fn.call(this._wx, Object.assign({}, args, { success: done, fail: done })));
      } catch {
        done();
      }
    });
  }

  write(deviceId: string, serviceId: string, characteristicId: string, bytes: Uint8Array, timeoutMs: number): Promise<unknown> {
    const value = toArrayBuffer(bytes);
    return this.call('writeBLECharacteristicValue', { deviceId, serviceId, characteristicId, value }, 'write', timeoutMs);
  }

  onDeviceFound(listener: (device: FoundDevice) => void): () => void {
    return this._listen('BluetoothDeviceFound', (res: { devices?: Array<{ deviceId?: string; advertisData?: unknown }> }) => {
      for (const d of res?.devices ?? []) {
        if (typeof d.deviceId === 'string') listener({ deviceId: d.deviceId, advertisData: toBytes(d.advertisData) });
      }
    });
  }

  onValueChange(listener: (change: ValueChange) => void): () => void {
    return this._listen('BLECharacteristicValueChange', (res: { deviceId?: string; characteristicId?: string; value?: unknown }) => {
      if (typeof res?.deviceId !== 'string') return;
      listener({ deviceId: res.deviceId, characteristicId: String(res.characteristicId ?? ''), value: toBytes(res.value) });
    });
  }

  onConnectionState(listener: (deviceId: string, connected: boolean) => void): () => void {
    return this._listen('BLEConnectionStateChange', (res: { deviceId?: string; connected?: boolean }) => {
      if (typeof res?.deviceId === 'string') listener(res.deviceId, res.connected === true);
    });
  }

  /** 'android' | 'ios' | ... from whichever platform API this base library has; '' if none. */
  platform(): string {
    for (const name of ['getDeviceInfo', 'getSystemInfoSync']) {
      const fn = this._wx[name] as WxFunction | undefined;
      if (typeof fn !== 'function') continue;
      try {
        const info = fn.call(this._wx) as { platform?: unknown } | undefined;
        if (info && typeof info.platform === 'string') return info.platform.toLowerCase();
      } catch {
        // fall through to the next API
      }
    }
    return '';
  }

  /** Registers `on<event>` and returns the matching `off<event>`; each listener is removed exactly once. */
  private _listen<T>(event: string, handler: (res: T) => void): () => void {
    const on = this._wx[`on${event}`] as ((fn: (res: T) => void) => void) | undefined;
    const off = this._wx[`off${event}`] as ((fn: (res: T) => void) => void) | undefined;
    if (typeof on !== 'function') return () => undefined;
    const safe = (res: T) => {
      try {
        handler(res);
      } catch {
        // a listener must never throw into wx
      }
    };
    on.call(this._wx, safe);
    let removed = false;
    return () => {
      if (removed) return;
      removed = true;
      if (typeof off === 'function') off.call(this._wx, safe);
    };
  }
}
