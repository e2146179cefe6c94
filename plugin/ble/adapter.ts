/**
 * The Bluetooth adapter is shared with the host app: lockwire opens it only when nobody has, and
 * closes it only if it opened it, `releaseAdapter` is 'auto', and the host is not seen using it
 * (its own connection or scan). It asks getBluetoothAdapterState first: every call but
 * openBluetoothAdapter fails 10000 before an open (and after anyone's close).
 * openBluetoothAdapter shows the permission and privacy popups on first use and waits for the
 * user, so it has its own long limit (adapterTimeoutMs) outside the operation budget: once per
 * operation in all, however often the adapter is reopened under it (OpenAllowance).
 */
import type { Clock } from '../core/clock';
import { Code, hasCode, isLockError, LockError } from '../core/errors';
import type { CancelScope } from '../core/cancel';
import type { LockwireConfig } from '../core/settings';
import type { Deadline } from '../core/timeouts';
import type { WxAdapter } from './wx-adapter';
import { CLOSE_ADAPTER, GET_ADAPTER_STATE, OPEN_ADAPTER } from './wx-adapter';

/** Cleanup calls (stop scan, close) wait at most this long for wx. */
export const RELEASE_MS = 1000;

export interface AdapterState {
  /** The host (or anyone but lockwire) is scanning. */
  discovering: boolean;
  /** The adapter was (re)opened now: links from before are gone. */
  reopened: boolean;
}

/** An operation's budget, and the adapter-open time it already spent outside it. */
export interface OpenAllowance {
  deadline: Deadline;
  adapterMs?: number;
}

export class SharedAdapter {
  /** lockwire opened the adapter and nobody has closed it since, as far as lockwire knows. */
  private _ours = false;

  constructor(private readonly _ble: WxAdapter, private readonly _clock: Clock, private readonly _config: () => LockwireConfig) {}

  get ours(): boolean {
    return this._ours;
  }

  /**
   * Makes sure the adapter is open and on. An open's time is added to the operation's deadline, up to
   * adapterTimeoutMs in all for the operation; a second open (the host closed the adapter) may use
   * what is left of that and of the budget, so the operation still ends within budget + adapterTimeoutMs.
   */
  async ensure(scope: CancelScope, stateMs: number, allowance: OpenAllowance): Promise<AdapterState> {
    let notOpen: boolean;
    try {
      const state = await scope.race(this._ble.call<{ available?: boolean; discovering?: boolean }>(GET_ADAPTER_STATE, {}, 'adapterState', stateMs));
      if (state.available === false) throw new LockError(Code.BLE_ADAPTER_OFF, 'Bluetooth off');
      return { discovering: state.discovering === true, reopened: false };
    } catch (err) {
      if (!hasCode(err, Code.BLE_NOT_INIT, Code.BLE_ADAPTER_FAILED)) throw err;
      // Only "not init" says nobody has it open; after any other answer it may be the host's: use it, never close it.
      notOpen = hasCode(err, Code.BLE_NOT_INIT);
      this._ours = false;
    }
    const limit = this._config().adapterTimeoutMs;
    const outside = Math.max(0, limit - (allowance.adapterMs || 0));
    const started = this._clock.now();
    try {
      await this._open(scope, notOpen, Math.min(limit, outside + allowance.deadline.remaining()));
    } finally {
      const spent = Math.min(this._clock.now() - started, outside);
      allowance.adapterMs = (allowance.adapterMs || 0) + spent;
      allowance.deadline.extend(spent);
    }
    return { discovering: false, reopened: notOpen };
  }

  private async _open(scope: CancelScope, claim: boolean, ms: number): Promise<void> {
    // An answer after we gave up still initialised the module: close it, unless it is ours by now.
    const closeLate = () => {
      if (!this._ours) void this._ble.release(CLOSE_ADAPTER, {}, RELEASE_MS);
    };
    try {
      await scope.race(this._ble.call(OPEN_ADAPTER, {}, 'openAdapter', ms, claim ? closeLate : undefined));
      this._ours = claim;
    } catch (err) {
      // wx initialises the module even when Bluetooth is off: it is ours to release.
      if (claim && hasCode(err, Code.BLE_ADAPTER_OFF, Code.BLE_NO_SYSTEM_PERMISSION)) {
        this._ours = true;
        await this.release(false);
      }
      throw err;
    }
  }

  /** Closes the adapter if lockwire opened it, the config allows it, and the host is not using it. */
  async release(hostUsing: boolean): Promise<void> {
    if (!this._ours || hostUsing || this._config().releaseAdapter !== 'auto') return;
    // still ours if wx refused: the next release tries again
    if (await this._ble.release(CLOSE_ADAPTER, {}, RELEASE_MS)) this._ours = false;
  }

  /** Whether anyone but lockwire is scanning now (asked of wx; false if it cannot tell, or if a scan of ours may still run). */
  async othersScanning(ourScanLeft: boolean): Promise<boolean> {
    return !ourScanLeft && (await this.state()).discovering === true;
  }

  /** The adapter as wx sees it now, or the code of wx's refusal to say (10000: nobody has it open). */
  async state(): Promise<{ available?: boolean; discovering?: boolean; refused?: string }> {
    try {
      return await this._ble.call(GET_ADAPTER_STATE, {}, 'adapterState', RELEASE_MS);
    } catch (err) {
      return { refused: isLockError(err) ? err.code : '' };
    }
  }
}
