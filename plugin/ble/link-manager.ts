/**
 * Gets a ready link to a lock and keeps it briefly afterwards, sharing Bluetooth with the host app.
 * - The adapter: the host's if it has one open, else lockwire's (adapter.ts). A kept link whose
 *   adapter went away is dropped, not used; 10000 during an operation (connecting here, exchanging
 *   in the pipeline, through adapterClosed) reopens it and retries once.
 * - deviceId: from a scan earlier in this app run (cached), or on Android the MAC itself (a short
 *   direct connect, as the official Android SDK does, then a scan: a sleeping or unseen lock must
 *   not burn the whole connect timeout), or a scan.
 * - Connection attempts (connect + discovery + notify) are retried up to `connectRetries` times within
 *   the operation's budget, a second after Android's GATT 133 (10003 again when retried at once);
 *   adapter, permission and not-found failures are not retried.
 * - Never two connects to one device in flight, late successes closed, late connected:false events
 *   of closed links not taken for the next link's (connect-guard.ts).
 * - After an operation the link stays open for keepAliveMs, so the next operation on the same lock
 *   skips scan, connect and discovery. Then the link (if lockwire made it) and the adapter (if
 *   lockwire opened it and the host is not using it) are closed.
 */
import type { Clock, TimerHandle } from '../core/clock';
import { Code, hasCode, isLockError, LockError } from '../core/errors';
import { sleep } from '../core/timeouts';
import { ConnectGuard } from './connect-guard';
import type { LockwireConfig } from '../core/settings';
import { RELEASE_MS, SharedAdapter, type OpenAllowance } from './adapter';
import { LockLink } from './lock-link';
import { LockScanner, type ScanContext } from './scanner';
import type { WxAdapter } from './wx-adapter';
import { ADAPTER_STATE } from './wx-events';

export { RELEASE_MS };
export { CONNECT_ANSWER_MS, STALE_DISCONNECT_WAIT_MS } from './connect-guard';

const RETRYABLE = [
  Code.BLE_CONNECT_FAILED, Code.BLE_CONNECT_TIMEOUT, Code.BLE_DISCONNECTED,
  Code.BLE_SERVICES_FAILED, Code.BLE_CHARACTERISTICS_FAILED, Code.BLE_NOTIFY_FAILED,
];
/** A direct (unscanned) Android connect gets at most this long before lockwire scans instead. */
export const DIRECT_CONNECT_MS = 4000;

export interface AcquireContext extends ScanContext, OpenAllowance {
  /** The one reopen of an adapter closed under the operation (connecting or exchanging) is used. */
  reopened?: boolean;
}

export class LinkManager {
  private readonly _adapter: SharedAdapter;
  private _kept: { link: LockLink; timer: TimerHandle } | null = null;
  /** The link of the running operation. */
  private _current: LockLink | null = null;
  /** Links that are open (running, kept) and get their connection and adapter events routed. */
  private readonly _links = new Set<LockLink>();
  private readonly _deviceIds = new Map<string, string>();
  private readonly _guard: ConnectGuard;
  private readonly _scanner: LockScanner;

  constructor(private readonly _ble: WxAdapter, private readonly _clock: Clock, private readonly _config: () => LockwireConfig) {
    this._adapter = new SharedAdapter(_ble, _clock, _config);
    this._guard = new ConnectGuard(_ble, _clock);
    this._scanner = new LockScanner(_ble, _clock, _config);
    _ble.onConnectionState((deviceId, connected) => this._onConnectionState(deviceId, connected));
    _ble.onAdapterState((available) => {
      if (!available) this._dropAll('Bluetooth off', Code.BLE_ADAPTER_OFF);
    });
  }

  async acquire(mac: string, ctx: AcquireContext): Promise<LockLink> {
    const missing = this._ble.missing();
    if (missing) throw new LockError(Code.BLE_UNSUPPORTED, `wx.${missing} is missing (base library too old, or no Bluetooth)`);
    this._ble.events.attach();
    ctx.scope.onCancel(() => {
      const link = this._current;
      if (link) void this._closeLink(link, 'cancelled', ctx.scope.reason);
    });
    try {
      const cfg = this._config();
      const adapter = await this._adapter.ensure(ctx.scope, ctx.deadline.limit(cfg.gattTimeoutMs), ctx);
      const kept = this._takeKept();
      if (kept && adapter.reopened) this._forget(kept, 'adapter closed');
      else if (kept && kept.mac === mac && kept.state === 'ready') return (this._current = kept);
      else if (kept) await this._closeLink(kept, 'next lock');
      return await this._connect(mac, ctx, adapter.discovering);
    } catch (err) {
      // no link to hand back, so nothing else will release the adapter
      await this._releaseAdapter();
      throw err;
    }
  }

  private async _connect(mac: string, ctx: AcquireContext, othersScanning: boolean): Promise<LockLink> {
    const cfg = this._config();
    let lastError: unknown;
    const android = this._ble.platform() === 'android';
    let tryDirect = android;
    let pause = 0;
    for (let attempt = 0; attempt <= cfg.connectRetries && ctx.deadline.remaining() > 0; attempt++) {
      if (pause > 0) await ctx.scope.race(sleep(this._clock, ctx.deadline.limit(pause)));
      ctx.scope.throwIfCancelled();
      const cached = this._deviceIds.get(mac);
      const direct = cached === undefined && tryDirect;
      let link: LockLink | undefined;
      try {
        const deviceId = cached ?? (direct ? mac : await this._scanner.deviceIdOf(mac, ctx, othersScanning, android));
        ctx.progress('connecting');
        await this._guard.settle(deviceId, ctx.scope, ctx.deadline);
        link = new LockLink(this._ble, this._clock, deviceId, mac);
        this._current = link;
        this._links.add(link);
        const connectMs = direct ? Math.min(cfg.connectTimeoutMs, DIRECT_CONNECT_MS) : cfg.connectTimeoutMs;
        await link.open({ connectMs: ctx.deadline.limit(connectMs), gattMs: ctx.deadline.limit(cfg.gattTimeoutMs) }, this._guard.connecting(deviceId));
        this._deviceIds.set(mac, deviceId);
        return link;
      } catch (err) {
        if (link) {
          // wx knew no device by this id (10002; iOS after the adapter was closed): no connection was made,
          // so none is closed and no connected:false is owed (the next connect must not wait for one)
          if (link.state === 'connecting' && isLockError(err) && err.wxErrCode === 10002) link.ownsConnection = false;
          else link.connectionLost = true;
          await this._closeLink(link, 'connect failed');
        }
        if (hasCode(err, Code.BLE_NOT_INIT) && (await this.adapterClosed(err, ctx))) {
          // someone closed the adapter under us: open it again and retry, once
          const adapter = await this._adapter.ensure(ctx.scope, ctx.deadline.limit(cfg.gattTimeoutMs), ctx);
          othersScanning = adapter.discovering;
          attempt--;
          pause = 0;
          continue;
        }
        if (!hasCode(err, ...RETRYABLE)) throw err;
        if (cached !== undefined || direct) {
          // scan next time: the cached id may be stale, and the MAC may not be this phone's deviceId
          this._deviceIds.delete(mac);
          tryDirect = false;
        }
        // Android GATT 133 comes back as 10003 and repeats when retried at once
        pause = hasCode(err, Code.BLE_CONNECT_FAILED) && (err.wxErrCode === 10003 || err.wxErrCode === 133) ? cfg.connectRetryDelayMs : 0;
        lastError = err;
      }
    }
    throw lastError ?? new LockError(Code.BLE_CONNECT_TIMEOUT, 'no budget left to connect');
  }

  /**
   * Whether a failure of the running operation means someone closed the adapter: 10000, or a drop
   * or a silence while wx says "not init". True once per operation (`ctx.reopened`): the caller
   * then retries, and acquire() reopens the adapter. A drop while wx says Bluetooth is off is the
   * switch-off our adapter-state listener did not hear (the host removed it): it is registered
   * again, and the failure becomes 10012.
   */
  async adapterClosed(err: unknown, ctx: AcquireContext): Promise<boolean> {
    if (ctx.reopened || !isLockError(err)) return false;
    let closed = hasCode(err, Code.BLE_NOT_INIT);
    if (hasCode(err, Code.BLE_DISCONNECTED, Code.TIMEOUT)) {
      const state = await this._adapter.state();
      if (state.available === false) {
        this._ble.events.renew(ADAPTER_STATE);
        throw new LockError(Code.BLE_ADAPTER_OFF, 'Bluetooth off');
      }
      closed = state.refused === 'BLE_NOT_INIT';
    }
    return (ctx.reopened = closed);
  }

  /** Keeps a healthy link for keepAliveMs; otherwise closes the link and releases the adapter now. */
  async release(link: LockLink, healthy: boolean): Promise<void> {
    if (this._current === link) this._current = null;
    const keepMs = this._config().keepAliveMs;
    if (!healthy || link.state !== 'ready' || keepMs <= 0) {
      // a failure on a connection we share may be its loss, reported late: the next link must not take that event
      if (!healthy) link.connectionLost = true;
      await this._closeLink(link, healthy ? 'done' : 'failed');
      await this._releaseAdapter();
      return;
    }
    const timer = this._clock.setTimeout(() => void this.finish(), keepMs);
    this._kept = { link, timer };
  }

  /** Closes a kept link and releases the adapter (finishOperations, keep-alive expiry). */
  async finish(): Promise<void> {
    const kept = this._takeKept();
    if (kept) await this._closeLink(kept, 'idle');
    await this._releaseAdapter();
  }

  /**
   * stopAllOperations: end the link the running operation holds (a connect still unanswered, a write in
   * flight: its calls reject with `reason` now, nothing more goes out), close the kept one, and forget the
   * deviceIds seen, so the next operation scans again.
   */
  async reset(reason?: LockError): Promise<void> {
    this._deviceIds.clear();
    if (this._current) await this._closeLink(this._current, 'stopAllOperations()', reason);
    await this.finish();
  }

  private _takeKept(): LockLink | null {
    const kept = this._kept;
    if (!kept) return null;
    this._clock.clearTimeout(kept.timer);
    this._kept = null;
    return kept.link;
  }

  private async _closeLink(link: LockLink, reason: string, failWith?: LockError): Promise<void> {
    this._links.delete(link);
    if (this._current === link) this._current = null;
    const open = link.state !== 'idle' && link.state !== 'closed' && link.state !== 'closing';
    // Closing our connection owes its connected:false; so does a connection the host made that may
    // be gone (wx said 10006, or the link failed) before its event came: Android can deliver that
    // event late, after our next link to the lock is up, and it must not be taken for that link's
    // (which would then never be closed). If it does not come, the next connect waits ~1 s for it.
    if (open && (link.ownsConnection || link.connectionLost)) this._guard.expectDisconnect(link.deviceId);
    // replaced: the lost connection's event and the one of the connection our close hits may both come
    if (open && link.replaced) this._guard.expectDisconnect(link.deviceId);
    await link.close(reason, RELEASE_MS, failWith);
  }

  /** A link that is gone already (adapter closed or off, connection dropped): nothing to close. */
  private _forget(link: LockLink, reason: string, code?: Code.BLE_ADAPTER_OFF): void {
    this._links.delete(link);
    link.dropped(reason, code);
  }

  private _dropAll(reason: string, code?: Code.BLE_ADAPTER_OFF): void {
    for (const link of [...this._links]) this._forget(link, reason, code);
    if (this._kept) void this.finish();
  }

  private _onConnectionState(deviceId: string, connected: boolean): void {
    const ours = [...this._links].filter((l) => l.deviceId === deviceId);
    for (const link of ours) if (connected && link.state === 'ready') link.replaced = true;
    if (!this._guard.onConnectionState(deviceId, connected, ours.length > 0)) return;
    // a link still connecting has no connection yet: the event is an earlier link's (the host's, late), and
    // createBLEConnection answers for the attempt itself
    for (const link of ours) if (link.state !== 'connecting') this._forget(link, 'closed by the lock or phone');
    if (this._kept && this._kept.link.state === 'closed') void this.finish();
  }

  private async _releaseAdapter(): Promise<void> {
    if (this._kept || this._current) return;
    await this._scanner.stopLeft();
    if (!this._adapter.ours) return;
    const hostUsing = this._guard.othersConnected || (await this._adapter.othersScanning(this._scanner.scanLeft));
    await this._adapter.release(hostUsing);
    if (!this._adapter.ours) this._scanner.scanLeft = false; // closing the adapter stopped it
  }
}
