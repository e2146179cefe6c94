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

export class WxAdapter {
  constructor(private readonly wx: WxLike, private readonly clock: Clock) {}

  has(name: string): boolean {
    return typeof this.wx[name] === 'function';
  }

  /**
   * Calls wx[name] with callbacks; resolves with its success result, rejects with a LockError.
   * `onLateSuccess` runs if wx reports success after this call already gave up (timed out), so the
   * caller can undo what wx did after all.
   */
  call<T = Record<string, unknown>>(name: string, args: Record<string, unknown>, step: BleStep, timeoutMs: number, onLateSuccess?: () => void): Promise<T> {
    const fn = this.wx[name] as WxFunction | undefined;
    if (typeof fn !== 'function') {
      return Promise.reject(new LockError('BLE_UNSUPPORTED', `wx.${name} is not available on this platform`));
    }
    let gaveUp = false;
    const answered = new Promise<T>((resolve, reject) => {
      const returned = fn.call(this.wx, {
        ...args,
        success: (res: T) => {
          if (gaveUp) onLateSuccess?.();
          resolve(res);
        },
        fail: (err: unknown) => reject(wxFailureToError(step, err)),
      });
      // Some base libraries return a promise even with callbacks; never leave it unhandled.
      if (returned && typeof (returned as Promise<unknown>).catch === 'function') {
        (returned as Promise<unknown>).catch(() => undefined);
      }
    });
    const bounded = withTimeout(this.clock, answered, timeoutMs, () => wxTimeoutError(step, timeoutMs));
    // wx settles once: a success after `bounded` rejected can only follow a timeout
    bounded.catch(() => {
      gaveUp = true;
    });
    return bounded;
  }

  /** Fire-and-forget calls used in cleanup (stop scan, close): failures are expected and ignored. */
  release(name: string, args: Record<string, unknown>, timeoutMs: number): Promise<void> {
    const fn = this.wx[name] as WxFunction | undefined;
    if (typeof fn !== 'function') return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = this.clock.setTimeout(resolve, timeoutMs);
      const done = () => {
        this.clock.clearTimeout(timer);
        resolve();
      };
      try {
        const returned = fn.call(this.wx, { ...args, success: done, fail: done });
        if (returned && typeof (returned as Promise<unknown>).catch === 'function') {
          (returned as Promise<unknown>).catch(() => undefined);
        }
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
    return this.listen('BluetoothDeviceFound', (res: { devices?: Array<{ deviceId?: string; advertisData?: unknown }> }) => {
      for (const d of res?.devices ?? []) {
        if (typeof d.deviceId === 'string') listener({ deviceId: d.deviceId, advertisData: toBytes(d.advertisData) });
      }
    });
  }

  onValueChange(listener: (change: ValueChange) => void): () => void {
    return this.listen('BLECharacteristicValueChange', (res: { deviceId?: string; characteristicId?: string; value?: unknown }) => {
      if (typeof res?.deviceId !== 'string') return;
      listener({ deviceId: res.deviceId, characteristicId: String(res.characteristicId ?? ''), value: toBytes(res.value) });
    });
  }

  onConnectionState(listener: (deviceId: string, connected: boolean) => void): () => void {
    return this.listen('BLEConnectionStateChange', (res: { deviceId?: string; connected?: boolean }) => {
      if (typeof res?.deviceId === 'string') listener(res.deviceId, res.connected === true);
    });
  }

  /** 'android' | 'ios' | ... from whichever platform API this base library has; '' if none. */
  platform(): string {
    for (const name of ['getDeviceInfo', 'getSystemInfoSync']) {
      const fn = this.wx[name] as WxFunction | undefined;
      if (typeof fn !== 'function') continue;
      try {
        const info = fn.call(this.wx) as { platform?: unknown } | undefined;
        if (info && typeof info.platform === 'string') return info.platform.toLowerCase();
      } catch {
        // fall through to the next API
      }
    }
    return '';
  }

  /** Registers `on<event>` and returns the matching `off<event>`; each listener is removed exactly once. */
  private listen<T>(event: string, handler: (res: T) => void): () => void {
    const on = this.wx[`on${event}`] as ((fn: (res: T) => void) => void) | undefined;
    const off = this.wx[`off${event}`] as ((fn: (res: T) => void) => void) | undefined;
    if (typeof on !== 'function') return () => undefined;
    const safe = (res: T) => {
      try {
        handler(res);
      } catch {
        // a listener must never throw into wx
      }
    };
    on.call(this.wx, safe);
    let removed = false;
    return () => {
      if (removed) return;
      removed = true;
      if (typeof off === 'function') off.call(this.wx, safe);
    };
  }
}
