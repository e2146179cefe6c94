/**
 * One Bluetooth link to one lock, as an explicit state machine:
 *   idle -> connecting -> discovering -> ready -> closing -> closed   (any state -> closed on a drop)
 * `inflight` is the link's one registry of wx calls and waits in flight: a drop, an adapter that
 * went away or an operation that is cancelled fails the link once (`fail`), which rejects every one
 * of them with that reason at once. Events come from the plugin's long-lived listeners (the link
 * subscribes for its lifetime; the link manager routes connection and adapter state to it).
 * Real phones: a first service discovery that answers 10004 or nothing is retried once, as is a
 * write that fails 10008 right after notifications were enabled; writes ask for a response.
 */
import { CancelScope } from '../core/cancel';
import type { Clock } from '../core/clock';
import { Code, hasCode, isLockError, LockError } from '../core/errors';
import { log } from '../core/log';
import { sleep, waitAtMost } from '../core/timeouts';
import type { Reply } from '../protocol';
import { DEVICE_INFO_UUID, NOTIFY_UUID, SERVICE_UUID, WRITE_UUID, sameUuid } from './gatt';
import { ReplyWaiter } from './reply-waiter';
import type { BleStep } from './wx-errors';
import { isString } from '../core/assert';
import { type WxAdapter, CLOSE_CONNECTION, CREATE_CONNECTION, GET_CHARACTERISTICS, GET_SERVICES, NOTIFY_VALUE_CHANGE } from './wx-adapter';
import { VALUE_CHANGE } from './wx-events';

export type LinkState = 'idle' | 'connecting' | 'discovering' | 'ready' | 'closing' | 'closed';

export interface StepLimits {
  connectMs: number;
  gattMs: number;
}

/** The wait before the one retry of a discovery or write that a phone refused too early. */
export const SETTLE_RETRY_MS = 300;

export interface ExchangeStepLimits {
  writeMs: number;
  replyMs: number;
  /** Time left for checking our listener after a silent reply timeout (0: no time). */
  probeMs?: () => number;
  /** The command changes nothing on the lock: if we turn out to have been deaf, send it once more. */
  resendIfDeaf?: boolean;
}

export interface ConnectHooks {
  /** wx made a new connection for this link (not "already connected"). */
  connected: () => void;
  /** wx answered the connect at all (success or failure), even after we gave up on it. */
  answered: () => void;
  /** wx connected after we gave up on it: nobody owns that connection. */
  lateSuccess: () => void;
}

export class LockLink {
  state: LinkState = 'idle';
  readonly inflight = new CancelScope();
  /** False when the connection is the host's ("already connected"): lockwire must not close it. */
  ownsConnection = true;
  /** The connection may be gone (wx said 10006, or the link failed): its connected:false may be on its way. */
  connectionLost = false;
  /** Someone connected to the device while this link was up: ours was lost, and a close may hit theirs. */
  replaced = false;
  /** Notifications heard on this link (a silent link may mean a removed listener). */
  heard = 0;
  /** Value events of any characteristic of this device. */
  private _heardAny = 0;
  private _onHeard: (() => void) | null = null;
  private readonly _unsubscribe: Array<() => void> = [];
  private readonly _replies: ReplyWaiter;
  private _serviceId = SERVICE_UUID;
  private _writeId = WRITE_UUID;
  private _notifyId = NOTIFY_UUID;
  private _writesSinceNotify = 0;

  constructor(private readonly _ble: WxAdapter, private readonly _clock: Clock, readonly deviceId: string, readonly mac: string) {
    this._replies = new ReplyWaiter(_clock);
  }

  /** Closing or closed: nothing more starts on this link. */
  private _ending(): boolean {
    return this.state === 'closed' || this.state === 'closing';
  }

  private _transition(to: LinkState, reason: string): void {
    log(`link ${this.state} -> ${to}: ${reason}`);
    this.state = to;
  }

  /** Connect, discover 1910/FFF2/FFF4 and enable notifications. Throws a LockError on any failure. */
  async open(limits: StepLimits, hooks: ConnectHooks): Promise<void> {
    this._unsubscribe.push(
      this._ble.onValueChange((change) => {
        if (change.deviceId !== this.deviceId) return;
        this._heardAny++;
        if (this._onHeard) this._onHeard();
        if (!sameUuid(change.characteristicId, NOTIFY_UUID)) return;
        this.heard++;
        this._replies.takeChunk(change.value);
      }),
    );
    this._transition('connecting', CREATE_CONNECTION);
    try {
      const connecting = this._ble.call(CREATE_CONNECTION, { deviceId: this.deviceId, timeout: limits.connectMs }, 'connect', limits.connectMs + 500, hooks.lateSuccess, hooks.answered);
      // given up before wx answered (cancelled, adapter gone): a success that still comes is nobody's, so close it
      connecting.then(() => this._ending() && hooks.lateSuccess(), () => undefined);
      await this._guard(connecting);
      hooks.connected();
    } catch (err) {
      // "already connected" (-1 / errno 1509007): the host, or an attempt of ours wx finished late
      if (!isLockError(err) || err.wxErrCode !== -1) throw err;
      this.ownsConnection = false;
    }
    this._transition('discovering', 'connected');
    const service = await this._discoverService(limits.gattMs);
    this._serviceId = String(service.uuid);
    const { characteristics } = await this._call<{ characteristics?: Array<{ uuid?: string }> }>(GET_CHARACTERISTICS, { serviceId: this._serviceId }, 'characteristics', limits.gattMs);
    const offered = characteristics ?? [];
    const write = offered.find((c) => sameUuid(c.uuid, WRITE_UUID));
    const notify = offered.find((c) => sameUuid(c.uuid, NOTIFY_UUID));
    if (!write || !notify) throw new LockError(Code.BLE_CHARACTERISTIC_MISSING, `no characteristic ${write ? 'FFF4' : 'FFF2'}`);
    this._writeId = String(write.uuid);
    this._notifyId = String(notify.uuid);
    await this._call(NOTIFY_VALUE_CHANGE, { serviceId: this._serviceId, characteristicId: this._notifyId, state: true }, 'notify', limits.gattMs);
    this._writesSinceNotify = 0;
    this._transition('ready', 'notifying');
  }

  /** Some phones answer 10004 or an empty list right after connecting: wait a little and ask once more. */
  private async _discoverService(gattMs: number): Promise<{ uuid?: string }> {
    for (let attempt = 0; ; attempt++) {
      let services: Array<{ uuid?: string }> = [];
      try {
        services = (await this._call<{ services?: Array<{ uuid?: string }> }>(GET_SERVICES, {}, 'services', gattMs)).services ?? [];
      } catch (err) {
        if (attempt > 0 || !isLockError(err) || err.wxErrCode !== 10004) throw err;
      }
      const service = services.find((s) => sameUuid(s.uuid, SERVICE_UUID));
      if (service) return service;
      if (attempt > 0 || services.length > 0) throw new LockError(Code.BLE_SERVICE_MISSING, 'no TTLock service 1910');
      await this._guard(sleep(this._clock, SETTLE_RETRY_MS));
    }
  }

  /**
   * Writes the pieces one at a time (each under its own limit) and waits for the reply that echoes
   * `command`. Frames echoing another command are stale answers and are skipped.
   * `onLastPiece` runs just before the final piece goes out: from then on the lock may act on it.
   */
  async exchange(pieces: Uint8Array[], command: number, aesKey: Uint8Array, limits: ExchangeStepLimits, onLastPiece?: () => void): Promise<Reply> {
    if (this.state !== 'ready') throw this.inflight.reason || new LockError(Code.BLE_DISCONNECTED, `link is ${this.state}, not ready`);
    const heardBefore = this.heard;
    let deaf = false;
    const reply = this._replies.expectReply(command, aesKey);
    try {
      for (let i = 0; i < pieces.length; i++) {
        if (i === pieces.length - 1 && onLastPiece) onLastPiece();
        await this._write(pieces[i], limits.writeMs);
      }
      try {
        return await this._guard(reply(limits.replyMs));
      } catch (err) {
        if (hasCode(err, Code.TIMEOUT) && this.heard === heardBefore && limits.probeMs) {
          // not one notification: a lost reply, or the host removed our listener (its off…() removes all)
          deaf = (await this._listening(limits.probeMs())) === false;
          if (deaf) this._ble.events.renew(VALUE_CHANGE);
        }
        if (!deaf || !limits.resendIfDeaf) throw err;
      }
    } finally {
      this._replies.stopWaiting();
    }
    // We were deaf, and the command changes nothing on the lock: listening again, send it once more.
    const left = limits.probeMs ? limits.probeMs() : 0;
    return this.exchange(pieces, command, aesKey, { writeMs: Math.min(limits.writeMs, left), replyMs: Math.min(limits.replyMs, left) }, onLastPiece);
  }

  /**
   * Is our value listener still registered? A read's value comes through onBLECharacteristicValueChange,
   * so read a Device Information characteristic and see whether we hear it. Undefined: cannot tell.
   */
  private async _listening(ms: number): Promise<boolean | undefined> {
    if (ms <= 0 || this.state !== 'ready') return undefined;
    try {
      const { characteristics } = await this._call<{ characteristics?: Array<{ uuid?: string; properties?: { read?: boolean } }> }>(GET_CHARACTERISTICS, { serviceId: DEVICE_INFO_UUID }, 'characteristics', ms);
      const readable = (characteristics ?? []).find((c) => c.properties && c.properties.read === true && isString(c.uuid));
      if (!readable) return undefined;
      const before = this._heardAny;
      const heard = new Promise<void>((resolve) => (this._onHeard = resolve));
      await this._call('readBLECharacteristicValue', { serviceId: DEVICE_INFO_UUID, characteristicId: readable.uuid }, 'characteristics', ms);
      await this._guard(waitAtMost(this._clock, heard, Math.min(ms, SETTLE_RETRY_MS)));
      return this._heardAny > before;
    } catch {
      return undefined;
    } finally {
      this._onHeard = null;
    }
  }

  /** Some Android phones refuse the first write right after notify enabling with 10008: once more, shortly. */
  private async _write(piece: Uint8Array, writeMs: number): Promise<void> {
    const first = this._writesSinceNotify++ === 0;
    try {
      await this._guard(this._ble.write(this.deviceId, this._serviceId, this._writeId, piece, writeMs));
    } catch (err) {
      if (!first || !isLockError(err) || err.wxErrCode !== 10008) throw err;
      await this._guard(sleep(this._clock, SETTLE_RETRY_MS));
      await this._guard(this._ble.write(this.deviceId, this._serviceId, this._writeId, piece, writeMs));
    }
  }

  /**
   * Ends the link with `reason`: every call and wait in flight rejects with it now, listeners go,
   * and the connection is closed if lockwire made it. Safe to call more than once.
   */
  async close(reason: string, releaseMs: number, failWith?: LockError): Promise<boolean> {
    if (this._ending()) return false;
    const wasConnected = this.state !== 'idle';
    this._transition('closing', reason);
    this._end(failWith || new LockError(Code.BLE_DISCONNECTED, 'link closed'));
    const closing = wasConnected && this.ownsConnection;
    if (closing) await this._ble.release(CLOSE_CONNECTION, { deviceId: this.deviceId }, releaseMs);
    this._transition('closed', closing ? 'closed' : 'left to its owner');
    return closing;
  }

  /** The link is gone without us (connected:false, adapter closed or off): nothing to close. */
  dropped(reason: string, code: Code.BLE_DISCONNECTED | Code.BLE_ADAPTER_OFF = Code.BLE_DISCONNECTED): void {
    if (this._ending()) return;
    this._transition('closed', reason);
    this._end(new LockError(code, code === Code.BLE_ADAPTER_OFF ? `Bluetooth off (${reason})` : `link dropped (${reason})`));
  }

  private _end(reason: LockError): void {
    for (const off of this._unsubscribe.splice(0)) off();
    this.inflight.cancel(reason);
  }

  /** A wx call about this device (its deviceId first in the options), failing with the link. */
  private _call<T = Record<string, unknown>>(name: string, args: Record<string, unknown>, step: BleStep, ms: number): Promise<T> {
    return this._guard(this._ble.call<T>(name, Object.assign({ deviceId: this.deviceId }, args), step, ms));
  }

  private _guard<T>(p: Promise<T>): Promise<T> {
    return this.inflight.race(
      p.catch((err: unknown) => {
        if (isLockError(err) && err.wxErrCode === 10006) this.connectionLost = true;
        throw err;
      }),
    );
  }
}
