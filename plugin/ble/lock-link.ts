/**
 * One Bluetooth link to one lock, as an explicit state machine:
 *   idle -> connecting -> discovering -> ready -> closing -> closed   (any state -> closed on a drop)
 * It owns its wx listeners (registered in open(), removed in close() or on a drop), the reply
 * reassembler, and at most one awaited reply. Every wait is raced against `alive`, so a dropped link
 * ends whatever step is in flight with BLE_DISCONNECTED at once.
 */
import { CancelScope } from '../core/cancel';
import type { Clock } from '../core/clock';
import { isLockError, LockError } from '../core/errors';
import { log } from '../core/log';
import { withTimeout } from '../core/timeouts';
import { decodeFrame, decodeReply, FrameReassembler, type Reply } from '../protocol';
import { NOTIFY_UUID, SERVICE_UUID, WRITE_UUID, sameUuid } from './gatt';
import type { WxAdapter } from './wx-adapter';

export type LinkState = 'idle' | 'connecting' | 'discovering' | 'ready' | 'closing' | 'closed';

export interface StepLimits {
  connectMs: number;
  gattMs: number;
}

interface AwaitedReply {
  command: number;
  aesKey: Uint8Array;
  resolve: (reply: Reply) => void;
  reject: (err: LockError) => void;
  sawCorruptFrame: boolean;
}

export class LockLink {
  state: LinkState = 'idle';
  readonly alive = new CancelScope();
  private readonly _unsubscribe: Array<() => void> = [];
  private readonly _reassembler = new FrameReassembler();
  private _awaited: AwaitedReply | null = null;
  private _serviceId = SERVICE_UUID;
  private _writeId = WRITE_UUID;
  private _notifyId = NOTIFY_UUID;

  constructor(private readonly _ble: WxAdapter, private readonly _clock: Clock, readonly deviceId: string, readonly mac: string) {}

  private _transition(to: LinkState, reason: string): void {
    log(`link ${this.state} -> ${to}: ${reason}`);
    this.state = to;
  }

  /** Connect, discover 1910/FFF2/FFF4 and enable notifications. Throws a LockError on any failure. */
  async open(limits: StepLimits): Promise<void> {
    this._unsubscribe.push(
      this._ble.onConnectionState((id, connected) => {
        if (id === this.deviceId && !connected) this._dropped('the lock or the phone closed the link');
      }),
      this._ble.onValueChange((change) => {
        if (change.deviceId === this.deviceId && sameUuid(change.characteristicId, NOTIFY_UUID)) this._received(change.value);
      }),
    );
    this._transition('connecting', 'createBLEConnection');
    await this._guard(this._ble.call('createBLEConnection', { deviceId: this.deviceId, timeout: limits.connectMs }, 'connect', limits.connectMs + 500));
    this._transition('discovering', 'connected');
    const { services } = await this._guard(this._ble.call<{ services?: Array<{ uuid?: string }> }>('getBLEDeviceServices', { deviceId: this.deviceId }, 'services', limits.gattMs));
    const service = (services ?? []).find((s) => sameUuid(s.uuid, SERVICE_UUID));
    if (!service) throw new LockError('BLE_SERVICE_MISSING', 'the lock does not offer the TTLock service 1910');
    this._serviceId = String(service.uuid);
    const { characteristics } = await this._guard(this._ble.call<{ characteristics?: Array<{ uuid?: string }> }>('getBLEDeviceCharacteristics', { deviceId: this.deviceId, serviceId: this._serviceId }, 'characteristics', limits.gattMs));
    const offered = characteristics ?? [];
    const write = offered.find((c) => sameUuid(c.uuid, WRITE_UUID));
    const notify = offered.find((c) => sameUuid(c.uuid, NOTIFY_UUID));
    if (!write || !notify) throw new LockError('BLE_CHARACTERISTIC_MISSING', `the lock lacks characteristic ${write ? 'FFF4' : 'FFF2'}`);
    this._writeId = String(write.uuid);
    this._notifyId = String(notify.uuid);
    await this._guard(this._ble.call('notifyBLECharacteristicValueChange', { deviceId: this.deviceId, serviceId: this._serviceId, characteristicId: this._notifyId, state: true }, 'notify', limits.gattMs));
    this._transition('ready', 'notifications enabled');
  }

  /**
   * Writes the pieces one at a time (each under its own limit) and waits for the reply that echoes
   * `command`. Frames echoing another command are pushes from the lock and are skipped.
   * `onLastPiece` runs just before the final piece goes out: from then on the lock may act on it.
   */
  async exchange(pieces: Uint8Array[], command: number, aesKey: Uint8Array, limits: { writeMs: number; replyMs: number }, onLastPiece?: () => void): Promise<Reply> {
    if (this.state !== 'ready') throw new LockError('BLE_DISCONNECTED', `link is ${this.state}, not ready`);
    const reply = new Promise<Reply>((resolve, reject) => {
      this._awaited = { command, aesKey, resolve, reject, sawCorruptFrame: false };
    });
    reply.catch(() => undefined);
    try {
      for (let i = 0; i < pieces.length; i++) {
        if (i === pieces.length - 1 && onLastPiece) onLastPiece();
        await this._guard(this._ble.write(this.deviceId, this._serviceId, this._writeId, pieces[i], limits.writeMs));
      }
      const awaited = this._awaited;
      try {
        return await this._guard(
          withTimeout(this._clock, reply, limits.replyMs, () =>
            new LockError('TIMEOUT', `no reply to command 0x${command.toString(16)} within ${limits.replyMs} ms`),
          ),
        );
      } catch (err) {
        // withTimeout builds its error up front, so whether a corrupt frame came is decided here
        if (awaited?.sawCorruptFrame && isLockError(err) && err.code === 'TIMEOUT') {
          throw new LockError('PROTO_CRC', `the reply to command 0x${command.toString(16)} failed its CRC check`, { cause: err });
        }
        throw err;
      }
    } finally {
      // Settle the reply on every path (drop, write failure, cancel) so its timer is cleared now.
      this._awaited?.reject(new LockError('BLE_DISCONNECTED', 'exchange ended'));
      this._awaited = null;
    }
  }

  /** Closes the link and removes every listener. Safe to call more than once. */
  async close(reason: string, releaseMs: number): Promise<void> {
    if (this.state === 'closed' || this.state === 'closing') return;
    const wasConnected = this.state !== 'idle';
    this._transition('closing', reason);
    this._removeListeners();
    if (wasConnected) await this._ble.release('closeBLEConnection', { deviceId: this.deviceId }, releaseMs);
    this._transition('closed', 'closeBLEConnection answered');
    this.alive.cancel(new LockError('BLE_DISCONNECTED', 'link closed'));
  }

  private _guard<T>(p: Promise<T>): Promise<T> {
    return this.alive.race(p);
  }

  private _dropped(reason: string): void {
    if (this.state === 'closed' || this.state === 'closing') return;
    this._transition('closed', reason);
    this._removeListeners();
    this.alive.cancel(new LockError('BLE_DISCONNECTED', `the Bluetooth link dropped (${reason})`));
  }

  private _removeListeners(): void {
    for (const off of this._unsubscribe.splice(0)) off();
  }

  private _received(chunk: Uint8Array): void {
    for (const frame of this._reassembler.push(chunk)) {
      const awaited = this._awaited;
      if (!awaited) continue; // a push while idle: nothing is waiting for it
      try {
        const reply = decodeReply(decodeFrame(frame, awaited.aesKey).plaintext);
        if (reply.command === awaited.command) awaited.resolve(reply);
        else log(`skipped an unsolicited frame echoing 0x${reply.command.toString(16)}`);
      } catch (err) {
        if (isLockError(err) && err.code === 'PROTO_DECRYPT') {
          awaited.reject(new LockError('PROTO_DECRYPT', 'the reply does not decrypt with this lockData key: the lock may have been reset'));
        } else {
          awaited.sawCorruptFrame = true; // wait on: the real reply may still come
        }
      }
    }
  }
}
