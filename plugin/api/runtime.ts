/**
 * The plugin's process-wide state (one per mini-program, like the official plugin's): the config,
 * the FIFO of operations, the operation running now, and the Bluetooth link manager. The Bluetooth side
 * is bound to the `wx` the first operation finds and kept for the plugin's life: WeChat never replaces
 * `wx`. A test that installs another fake wx says so with resetRuntime() (an explicit seam, instead of
 * the plugin watching the global for changes).
 */
import { CancelScope } from '../core/cancel';
import { systemClock, type Clock } from '../core/clock';
import { LockError } from '../core/errors';
import { SerialQueue } from '../core/queue';
import { LinkManager } from '../ble/link-manager';
import { WxAdapter, type WxLike } from '../ble/wx-adapter';
import { DEFAULT_CONFIG, mergeConfig } from './config';
import type { LockwireConfig } from './types';

function currentWx(): WxLike | undefined {
  return typeof wx !== 'undefined' && wx !== null ? (wx as unknown as WxLike) : undefined;
}

class Runtime {
  config: LockwireConfig = Object.assign({}, DEFAULT_CONFIG);
  readonly queue = new SerialQueue();
  readonly clock: Clock = systemClock;
  current: CancelScope | null = null;
  private _bound: { ble: WxAdapter; links: LinkManager } | null = null;

  configure(changes: unknown): LockwireConfig {
    this.config = mergeConfig(this.config, changes);
    return Object.assign({}, this.config);
  }

  /** The adapter and link manager, bound on first use; throws BLE_UNSUPPORTED without wx Bluetooth. */
  bluetooth(): { ble: WxAdapter; links: LinkManager } {
    if (this._bound) return this._bound;
    const w = currentWx();
    if (!w || typeof w.openBluetoothAdapter !== 'function' || typeof w.createBLEConnection !== 'function') {
      throw new LockError('BLE_UNSUPPORTED', 'wx Bluetooth is not available on this platform');
    }
    const ble = new WxAdapter(w, this.clock);
    return (this._bound = { ble, links: new LinkManager(ble, this.clock, () => this.config) });
  }

  /** The link manager, if Bluetooth was ever bound (for cleanup calls that must not create state). */
  existingLinks(): LinkManager | undefined {
    return this._bound?.links;
  }

  /** Test seam: forget the Bluetooth binding, so the next operation binds to the `wx` installed now. */
  unbind(): void {
    this._bound = null;
  }
}

export const runtime = new Runtime();

/**
 * For tests and the simulator-driven demo only (not part of plugin/index.ts): call after installing a
 * different `wx`, with no operation running. The old binding's listeners stay on the old wx object.
 */
export function resetRuntime(): void {
  runtime.unbind();
}
