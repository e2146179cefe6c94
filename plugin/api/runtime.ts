/**
 * The plugin's process-wide state (one per mini-program, like the official plugin's): the config,
 * the FIFO of operations, the operation running now, and the Bluetooth link manager. The manager is
 * bound to the `wx` object it was built with; if `wx` is replaced a fresh one is made. WeChat never
 * replaces it, but the public testing story does: a host's jest suite installs a new fake wx per test
 * (lockwire/simulator installFakeWx) around the shipped bundle, which a reset seam in another bundle
 * could not reach (examples/host-app's tests fail without this).
 */
import { CancelScope } from '../core/cancel';
import { systemClock, type Clock } from '../core/clock';
import { Code, LockError } from '../core/errors';
import { SerialQueue } from '../core/queue';
import { LinkManager } from '../ble/link-manager';
import { WxAdapter, type WxLike } from '../ble/wx-adapter';
import { DEFAULT_CONFIG, mergeConfig } from './config';
import type { LockwireConfig } from './types';
import { isFunction } from '../core/assert';

function currentWx(): WxLike | undefined {
  return typeof wx !== 'undefined' && wx !== null ? (wx as unknown as WxLike) : undefined;
}

class Runtime {
  config: LockwireConfig = Object.assign({}, DEFAULT_CONFIG);
  readonly queue = new SerialQueue();
  readonly clock: Clock = systemClock;
  current: CancelScope | null = null;
  private _bound: { wx: WxLike; ble: WxAdapter; links: LinkManager } | null = null;

  configure(changes: unknown): LockwireConfig {
    this.config = mergeConfig(this.config, changes);
    return Object.assign({}, this.config);
  }

  /** The adapter and link manager for the current wx; throws BLE_UNSUPPORTED without wx Bluetooth. */
  bluetooth(): { ble: WxAdapter; links: LinkManager } {
    const w = currentWx();
    if (!w || !isFunction(w.openBluetoothAdapter) || !isFunction(w.createBLEConnection)) {
      throw new LockError(Code.BLE_UNSUPPORTED, 'no wx Bluetooth on this platform');
    }
    if (!this._bound || this._bound.wx !== w) {
      const ble = new WxAdapter(w, this.clock);
      this._bound = { wx: w, ble, links: new LinkManager(ble, this.clock, () => this.config) };
    }
    return this._bound;
  }

  /** Links of the current wx, if one was ever bound (for cleanup calls that must not create state). */
  existingLinks(): LinkManager | undefined {
    return this._bound && this._bound.wx === currentWx() ? this._bound.links : undefined;
  }
}

export const runtime = new Runtime();
