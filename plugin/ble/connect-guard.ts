/**
 * What the link manager must remember about each device between links, because phones differ
 * (wx-ble-real-phones.md §3):
 * - connects wx has not answered yet: a second connect meanwhile would leave two connection instances
 *   on Android, so the next one waits (and a connect that succeeds after it was given up is closed);
 * - connected:false events still owed by links we closed: Android can deliver one late, after the next
 *   link to the device is up, and it must not be taken for that link's;
 * - devices someone else (the host app) connected, so an adapter it depends on is not closed.
 */
import type { CancelScope } from '../core/cancel';
import type { Clock } from '../core/clock';
import { Code, LockError } from '../core/errors';
import { waitAtMost, type Deadline } from '../core/timeouts';
import { RELEASE_MS } from './adapter';
import type { ConnectHooks } from './lock-link';
import type { WxAdapter } from './wx-adapter';
import { CLOSE_CONNECTION } from './wx-adapter';

/** How long the connected:false of a link we closed is waited for before reconnecting. */
export const STALE_DISCONNECT_WAIT_MS = 1000;
/** How long after its close such an event is still taken as the closed link's. */
const STALE_DISCONNECT_WINDOW_MS = 5000;
/** How long a connect wx has not answered is still taken to be in flight (TTLock's fixed 30 s). */
export const CONNECT_ANSWER_MS = 30_000;

interface Owed {
  count: number;
  until: number;
  heard?: () => void;
}

export class ConnectGuard {
  private readonly _connects = new Map<string, Promise<void>>();
  private readonly _owed = new Map<string, Owed>();
  private readonly _foreign = new Set<string>();

  constructor(private readonly _ble: WxAdapter, private readonly _clock: Clock) {}

  /** The host app is seen holding a connection of its own. */
  get othersConnected(): boolean {
    return this._foreign.size > 0;
  }

  /** We are closing a link of ours: its connected:false may come, late. */
  expectDisconnect(deviceId: string): void {
    const owed = this._owed.get(deviceId);
    const until = this._clock.now() + STALE_DISCONNECT_WINDOW_MS;
    if (owed) Object.assign(owed, { count: owed.count + 1, until });
    else this._owed.set(deviceId, { count: 1, until });
  }

  /**
   * A connection event. Returns true when a connected:false is news about the device's current link,
   * false when it is the owed event of a link we closed (or a connected:true).
   */
  onConnectionState(deviceId: string, connected: boolean, oursNow: boolean): boolean {
    if (connected) {
      // with no link and no connect of ours, someone else connected (a success of ours that came after we
      // gave the attempt up is taken back by lateSuccess)
      if (!oursNow && !this._connects.has(deviceId)) this._foreign.add(deviceId);
      return false;
    }
    const owed = this._owed.get(deviceId);
    if (!owed || this._clock.now() > owed.until) {
      this._foreign.delete(deviceId);
      return true;
    }
    // the wait before reconnecting ends when every owed event came
    if (--owed.count <= 0) {
      this._owed.delete(deviceId);
      if (owed.heard) owed.heard();
    }
    return false;
  }

  /** Before connecting: no connect to this device still in flight, no disconnect event still owed. */
  async settle(deviceId: string, scope: CancelScope, deadline: Deadline): Promise<void> {
    for (let pending = this._connects.get(deviceId); pending; pending = this._connects.get(deviceId)) {
      const ms = deadline.remaining();
      if (ms <= 0) throw new LockError(Code.BLE_CONNECT_TIMEOUT, 'an earlier connect is still unanswered');
      await scope.race(waitAtMost(this._clock, pending, ms));
    }
    if (deadline.remaining() <= 0) throw new LockError(Code.BLE_CONNECT_TIMEOUT, 'no budget left to connect');
    const owed = this._owed.get(deviceId);
    if (!owed || this._clock.now() > owed.until) return;
    const heard = new Promise<void>((resolve) => (owed.heard = resolve));
    await scope.race(waitAtMost(this._clock, heard, deadline.limit(STALE_DISCONNECT_WAIT_MS)));
    if (this._owed.get(deviceId) === owed && owed.count > 0) this._owed.delete(deviceId); // it is not coming
  }

  /** Registers a connect going out now; the hooks tell the guard when wx answers it, and if late. */
  connecting(deviceId: string): ConnectHooks {
    let settle = (): void => undefined;
    const pending = new Promise<void>((resolve) => (settle = resolve));
    this._connects.set(deviceId, pending);
    const timer = this._clock.setTimeout(() => {
      if (this._connects.get(deviceId) === pending) this._connects.delete(deviceId);
      settle();
    }, CONNECT_ANSWER_MS);
    void pending.then(() => this._clock.clearTimeout(timer));
    return {
      connected: () => {
        // Someone else's connection to the device was seen up and not yet down, and wx made a new one for
        // us (it answers "already connected" while one is up): theirs is gone, and its connected:false,
        // late on Android, must not be taken for our new link's.
        if (this._foreign.delete(deviceId)) this.expectDisconnect(deviceId);
      },
      lateSuccess: () => {
        // wx connected after we gave up: nobody owns this connection, so close it now
        this._foreign.delete(deviceId); // its connected:true was ours
        this.expectDisconnect(deviceId);
        // Android may hold several instances after repeated connects (anyone's): close until wx says there is none
        const close = () => this._ble.release(CLOSE_CONNECTION, { deviceId }, RELEASE_MS);
        const closing = close().then((closed) => (closed ? close() : false)).then(() => undefined);
        this._connects.set(deviceId, closing);
        void closing.then(() => {
          if (this._connects.get(deviceId) === closing) this._connects.delete(deviceId);
        });
      },
      answered: () => {
        if (this._connects.get(deviceId) === pending) this._connects.delete(deviceId);
        settle();
      },
    };
  }
}
