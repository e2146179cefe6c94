/**
 * The mock cloud's locks and online passwords (tuya-password-lifecycle.md §4-§8, §15): per-device protocol,
 * sleeping locks, and the phase machines. Each write is queued as an operation the lock has not yet got;
 * it reaches the lock once the lock is reachable and the delivery delay has passed, or at once when a test
 * wakes the lock. Until then the lock keeps what it had: a deleted PIN still opens the door (§8).
 * Duplicate, full and overlap failures are decided by the lock and reported only through phase and
 * delivery_status, never as a synchronous error (§15.10).
 */

export type MockProtocol = 'wifi' | 'zigbee' | 'ble' | 'ble_gateway';
export type LockFailure = 'duplicate' | 'storage-full' | 'overlap' | 'sending-failed';

export interface MockDevice {
  protocol?: MockProtocol;
  /** Older spelling of `protocol` (zigbee or wifi). */
  family?: 'zigbee' | 'wifi';
  /** false: creates and modifies are refused with 2001 (Tuya may instead leave them pending; see `asleep`). */
  online?: boolean;
  /** A sleeping Wi-Fi lock, or a Zigbee/BLE lock its gateway cannot reach: operations wait (BLE without a gateway always waits for a phone). */
  asleep?: boolean;
  pinLength?: { min: number; max: number };
  /** Passwords the lock can hold; default 50. */
  capacity?: number;
  /** false: offline and dynamic codes answer 2004 "not support the lock type". Default true. */
  offlineCapable?: boolean;
  /** Digits of the dynamic code; default 8. */
  dynamicLength?: number;
}

type OpKind = 'create' | 'modify' | 'freeze' | 'unfreeze' | 'delete';

interface PendingOp {
  kind: OpKind;
  queuedAt: number;
  /** What a create or modify puts on the lock. */
  entry?: LockEntry;
}

interface LockEntry {
  pin: string;
  effective: number;
  invalid: number;
  once: boolean;
  used: boolean;
  frozen: boolean;
}

export interface StoredPassword {
  id: string;
  deviceId: string;
  /** The PIN the cloud holds (after a modify, the new one). */
  pin: string;
  createdAt: number;
  /** The last create or modify body as received. */
  body: Record<string, unknown>;
  phase: number;
  deliveryStatus: number;
  /** What the lock itself holds for this password; null once deleted from the lock or never delivered. */
  lock: LockEntry | null;
  /** Operations the lock has not received yet, oldest first. */
  queue: PendingOp[];
  failure?: LockFailure;
  /** How often the Zigbee gateway tried to push the queued operations. */
  gatewayAttempts: number;
}

/** Zigbee gives up after three pushes within this window (§4). */
export const ZIGBEE_WINDOW_MS = 25000;

export const protocolOf = (d: MockDevice): MockProtocol => d.protocol ?? d.family ?? 'zigbee';
const zigbee = (d: MockDevice) => protocolOf(d) === 'zigbee';
const FAILED_STATUS: Record<LockFailure, number> = { 'sending-failed': 3, duplicate: 4, 'storage-full': 5, overlap: 6 };

export class MockLocks {
  readonly passwords: StoredPassword[] = [];
  private nextId = 310000000 + Math.floor(Math.random() * 1000000);
  private lockFaults = new Map<string, LockFailure[]>();

  constructor(
    readonly devices: Record<string, MockDevice>,
    private readonly deliveryDelayMs: number,
  ) {}

  /** The lock itself fails the next operation it receives, with this reason (e.g. 'overlap'). */
  failNext(deviceId: string, reason: LockFailure): void {
    this.lockFaults.set(deviceId, [...(this.lockFaults.get(deviceId) ?? []), reason]);
  }

  private reachable(deviceId: string): boolean {
    const d = this.devices[deviceId];
    return protocolOf(d) !== 'ble' && !d.asleep;
  }

  create(deviceId: string, pin: string, body: Record<string, unknown>, now: number): StoredPassword {
    const p: StoredPassword = { id: String(this.nextId++), deviceId, pin, createdAt: now, body, phase: 1, deliveryStatus: 1, lock: null, queue: [], gatewayAttempts: 0 };
    this.passwords.push(p);
    this.enqueue(p, { kind: 'create', queuedAt: now, entry: entryOf(pin, body) });
    return p;
  }

  /** A modify without `type` keeps the password's type (undocumented; the least surprising reading). */
  modify(p: StoredPassword, pin: string, body: Record<string, unknown>, now: number): void {
    const entry = entryOf(pin, { ...body, type: body.type ?? p.body.type });
    Object.assign(p, { pin, body, phase: 1, deliveryStatus: 1 });
    this.enqueue(p, { kind: 'modify', queuedAt: now, entry });
  }

  freeze(p: StoredPassword, frozen: boolean, now: number): void {
    // Zigbee shows frozen as phase 3; Wi-Fi/BLE have no frozen phase, so the state lives on the lock only (mock-only flag).
    if (zigbee(this.devices[p.deviceId])) Object.assign(p, { phase: frozen ? 3 : 2, deliveryStatus: 1 });
    this.enqueue(p, { kind: frozen ? 'freeze' : 'unfreeze', queuedAt: now });
  }

  /** `cloudOnly`: a BLE-gateway delete without bluetooth_symbolic updates the record and never reaches the lock. */
  remove(p: StoredPassword, now: number, cloudOnly = false): void {
    if (cloudOnly) {
      // The cloud forgets what it had still to push; the lock keeps whatever it already has.
      Object.assign(p, { queue: [], phase: 0, failure: undefined });
      return;
    }
    if (zigbee(this.devices[p.deviceId])) Object.assign(p, { phase: 4, deliveryStatus: 1 });
    else p.phase = 3;
    this.enqueue(p, { kind: 'delete', queuedAt: now });
  }

  /** Operations reach the lock in the order they were made; a new one restarts the gateway's attempts. */
  private enqueue(p: StoredPassword, op: PendingOp): void {
    p.queue.push(op);
    Object.assign(p, { gatewayAttempts: 0, failure: undefined });
  }

  /** Deleted or being deleted; a delete the lock failed to take counts as not deleted, so it can be sent again. */
  isDeleted(p: StoredPassword): boolean {
    if (p.failure && p.lock) return false;
    return zigbee(this.devices[p.deviceId]) ? p.phase === 4 : p.phase === 0 || p.phase === 3;
  }

  /** Delivers what is due: `woken` devices take everything pending at once. */
  settle(now: number, woken?: string): void {
    for (const p of this.passwords) {
      if (p.queue.length === 0) continue;
      const elapsed = now - p.queue[0].queuedAt;
      if (p.deviceId === woken || (this.reachable(p.deviceId) && elapsed >= this.deliveryDelayMs)) {
        for (const op of p.queue.splice(0)) this.apply(p, op);
      } else if (zigbee(this.devices[p.deviceId])) {
        // The gateway pushes three times within its window, then reports failure (§4).
        p.gatewayAttempts = Math.min(3, 1 + Math.floor((elapsed * 3) / ZIGBEE_WINDOW_MS));
        if (elapsed >= ZIGBEE_WINDOW_MS) for (const op of p.queue.splice(0)) this.fail(p, op, 'sending-failed');
      }
    }
  }

  private fail(p: StoredPassword, op: PendingOp, reason: LockFailure): void {
    const device = this.devices[p.deviceId];
    p.failure = reason;
    if (zigbee(device)) {
      p.deliveryStatus = FAILED_STATUS[reason];
      if (op.kind === 'create' || op.kind === 'modify') p.phase = 5;
    } else if (protocolOf(device) !== 'wifi') {
      // BLE reports 7 "sending failed"; Wi-Fi has no failure phase and stays "to be sent".
      if (op.kind !== 'freeze' && op.kind !== 'unfreeze') p.phase = 7;
    }
  }

  /** The lock takes `op`; each outcome sets the phase itself, since several operations may arrive at once. */
  private apply(p: StoredPassword, op: PendingOp): void {
    const device = this.devices[p.deviceId];
    const injected = this.lockFaults.get(p.deviceId)?.shift();
    if (injected) return this.fail(p, op, injected);
    if (op.kind === 'create' || op.kind === 'modify') {
      const others = this.passwords.filter((o) => o !== p && o.deviceId === p.deviceId && o.lock);
      if (others.some((o) => o.lock!.pin === op.entry!.pin)) return this.fail(p, op, 'duplicate');
      if (!p.lock && others.length >= (device.capacity ?? 50)) return this.fail(p, op, 'storage-full');
      p.lock = { ...op.entry!, frozen: false };
      Object.assign(p, { phase: 2, deliveryStatus: 2 });
    } else if (op.kind === 'freeze' || op.kind === 'unfreeze') {
      if (p.lock) p.lock.frozen = op.kind === 'freeze';
      Object.assign(p, zigbee(device) ? { phase: op.kind === 'freeze' ? 3 : 2, deliveryStatus: 2 } : {});
    } else {
      p.lock = null;
      Object.assign(p, zigbee(device) ? { phase: 4, deliveryStatus: 2 } : { phase: 0 });
    }
  }

  /** Tuya's list/detail item for `p` as the cloud sees it now. */
  item(p: StoredPassword): Record<string, unknown> {
    const b = p.body;
    return {
      id: Number(p.id),
      name: typeof b.name === 'string' ? b.name : '',
      phase: p.phase,
      ...(zigbee(this.devices[p.deviceId]) ? { delivery_status: p.deliveryStatus } : {}),
      effective_time: b.effective_time,
      invalid_time: b.invalid_time,
      time_zone: b.time_zone ?? '',
      phone: b.phone ?? '',
      schedule_list: b.schedule_list ?? [],
    };
  }

  /** valid=true: not deleted, not failed, not expired (by the cloud's clock); valid=false: the rest. */
  isValid(p: StoredPassword, nowSec: number): boolean {
    const device = this.devices[p.deviceId];
    const deleted = zigbee(device) ? p.phase === 4 : p.phase === 0;
    const failed = p.phase === 5 || p.phase === 7;
    return !deleted && !failed && Number(p.body.invalid_time) > nowSec;
  }

  /** Someone types `pin` on the lock at `now`: true when the lock opens. Uses what the lock holds, not the cloud. */
  tryPin(deviceId: string, pin: string, now: number): boolean {
    const sec = Math.floor(now / 1000);
    for (const p of this.passwords) {
      const e = p.deviceId === deviceId ? p.lock : null;
      if (!e || e.pin !== pin || e.frozen || (e.once && e.used) || sec < e.effective || sec >= e.invalid) continue;
      e.used = true;
      return true;
    }
    return false;
  }
}

function entryOf(pin: string, body: Record<string, unknown>): LockEntry {
  return { pin, effective: Number(body.effective_time), invalid: Number(body.invalid_time), once: body.type === 1, used: false, frozen: false };
}
