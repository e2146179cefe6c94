/**
 * Gets a ready link to a lock and keeps it briefly afterwards.
 * - deviceId: from a scan earlier in this app run (cached), or on Android the MAC itself (direct
 *   connect, as the official Android SDK does), or a scan. A failed cached/direct connect falls back
 *   to a scan on the next attempt.
 * - Connection attempts (connect + discovery + notify) are retried up to `connectRetries` times within
 *   the operation's budget; adapter, permission and not-found failures are not retried.
 * - After an operation the link stays open for keepAliveMs, so the next operation on the same lock
 *   skips scan, connect and discovery. Then the link and the adapter are closed.
 */
import type { CancelScope } from '../core/cancel';
import type { Clock, TimerHandle } from '../core/clock';
import { ErrorCodeName, isLockError, LockError } from '../core/errors';
import type { Deadline } from '../core/timeouts';
import type { LockwireConfig, ProgressStep } from '../api/types';
import { LockLink } from './lock-link';
import { scanForLock } from './scanner';
import type { WxAdapter } from './wx-adapter';

const RETRYABLE: ReadonlySet<ErrorCodeName> = new Set<ErrorCodeName>([
  'BLE_CONNECT_FAILED', 'BLE_CONNECT_TIMEOUT', 'BLE_DISCONNECTED',
  'BLE_SERVICES_FAILED', 'BLE_CHARACTERISTICS_FAILED', 'BLE_NOTIFY_FAILED',
]);
/** Cleanup calls (stop scan, close) wait at most this long for wx. */
export const RELEASE_MS = 1000;

export interface AcquireContext {
  scope: CancelScope;
  deadline: Deadline;
  progress: (step: ProgressStep) => void;
}

export class LinkManager {
  private _kept: { link: LockLink; timer: TimerHandle } | null = null;
  private readonly _deviceIds = new Map<string, string>();
  private _adapterOpen = false;

  constructor(private readonly _ble: WxAdapter, private readonly _clock: Clock, private readonly _config: () => LockwireConfig) {}

  async acquire(mac: string, ctx: AcquireContext): Promise<LockLink> {
    const kept = this._takeKept();
    if (kept && kept.mac === mac && kept.state === 'ready') return kept;
    if (kept) await kept.close('another lock is next', RELEASE_MS);
    await this._openAdapter(ctx);
    try {
      return await this._connect(mac, ctx);
    } catch (err) {
      // no link to hand back, so nothing else will release the adapter
      await this._closeAdapter();
      throw err;
    }
  }

  private async _connect(mac: string, ctx: AcquireContext): Promise<LockLink> {
    const cfg = this._config();
    let lastError: unknown;
    let tryDirect = this._ble.platform() === 'android';
    for (let attempt = 0; attempt <= cfg.connectRetries && ctx.deadline.remaining() > 0; attempt++) {
      ctx.scope.throwIfCancelled();
      const remembered = this._deviceIds.get(mac) ?? (tryDirect ? mac : undefined);
      const deviceId = remembered ?? (await this._scan(mac, ctx));
      ctx.progress('connecting');
      const link = new LockLink(this._ble, this._clock, deviceId, mac);
      ctx.scope.onCancel(() => void link.close('operation cancelled', RELEASE_MS));
      try {
        await ctx.scope.race(link.open({ connectMs: ctx.deadline.limit(cfg.connectTimeoutMs), gattMs: ctx.deadline.limit(cfg.gattTimeoutMs) }));
        this._deviceIds.set(mac, deviceId);
        return link;
      } catch (err) {
        await link.close('connection attempt failed', RELEASE_MS);
        if (!isLockError(err) || !RETRYABLE.has(err.code)) throw err;
        if (remembered) {
          // scan next time: the cached id may be stale, and the MAC may not be this phone's deviceId
          this._deviceIds.delete(mac);
          tryDirect = false;
        }
        lastError = err;
      }
    }
    throw lastError ?? new LockError('BLE_CONNECT_TIMEOUT', 'no time left in the operation budget to connect');
  }

  /** Keeps a healthy link for keepAliveMs; otherwise closes the link and releases the adapter now. */
  async release(link: LockLink, healthy: boolean): Promise<void> {
    const keepMs = this._config().keepAliveMs;
    if (!healthy || link.state !== 'ready' || keepMs <= 0) {
      await link.close(healthy ? 'operation finished' : 'operation failed', RELEASE_MS);
      await this._closeAdapter();
      return;
    }
    const timer = this._clock.setTimeout(() => void this.finish(), keepMs);
    this._kept = { link, timer };
    link.alive.onCancel(() => {
      // the lock dropped the idle link: its listeners are gone already; release the adapter too
      if (this._kept?.link === link) void this.finish();
    });
  }

  /** Closes a kept link and releases the adapter (finishOperations, keep-alive expiry). */
  async finish(): Promise<void> {
    const kept = this._takeKept();
    if (kept) await kept.close('idle', RELEASE_MS);
    await this._closeAdapter();
  }

  /** stopAllOperations: also forget the deviceIds seen, so the next operation scans again. */
  async reset(): Promise<void> {
    this._deviceIds.clear();
    await this._ble.release('stopBluetoothDevicesDiscovery', {}, RELEASE_MS);
    await this.finish();
  }

  private _takeKept(): LockLink | null {
    const kept = this._kept;
    if (!kept) return null;
    this._clock.clearTimeout(kept.timer);
    this._kept = null;
    return kept.link;
  }

  private async _scan(mac: string, ctx: AcquireContext): Promise<string> {
    ctx.progress('scanning');
    const cfg = this._config();
    return scanForLock(this._ble, this._clock, ctx.scope, mac, {
      scanMs: ctx.deadline.limit(cfg.scanTimeoutMs),
      gattMs: ctx.deadline.limit(cfg.gattTimeoutMs),
      releaseMs: RELEASE_MS,
    });
  }

  private async _openAdapter(ctx: AcquireContext): Promise<void> {
    if (this._adapterOpen) return;
    try {
      // An answer after we gave up still initialised the module: close it, unless a later operation owns it now.
      const closeLate = () => {
        if (!this._adapterOpen) void this._ble.release('closeBluetoothAdapter', {}, RELEASE_MS);
      };
      await ctx.scope.race(this._ble.call('openBluetoothAdapter', {}, 'openAdapter', ctx.deadline.limit(this._config().gattTimeoutMs), closeLate));
      this._adapterOpen = true;
    } catch (err) {
      // wx initialises the module even when Bluetooth is off; release it so nothing stays open.
      await this._ble.release('closeBluetoothAdapter', {}, RELEASE_MS);
      throw err;
    }
  }

  private async _closeAdapter(): Promise<void> {
    if (!this._adapterOpen) return;
    this._adapterOpen = false;
    await this._ble.release('closeBluetoothAdapter', {}, RELEASE_MS);
  }
}
