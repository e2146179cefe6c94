/**
 * The link-timing model: how much virtual time each step of a BLE session costs, and the minimum
 * time (`floorMs`) a client with zero overhead of its own needs for a plan. Timers go through the
 * GLOBAL setTimeout / clearTimeout / Date.now, looked up at call time, so jest fake timers drive
 * the whole simulator in virtual time.
 */

export interface LinkTiming {
  /** Gap between two adverts of a lock; the first report comes one interval after a scan starts. */
  advertisingIntervalMs: number;
  /** createBLEConnection until the link is up. */
  connectMs: number;
  /** One GATT operation (services, characteristics, notify enable, each write) or one notification. */
  connectionIntervalMs: number;
  /** From the last chunk of a request reaching the lock until its first reply notification starts. */
  lockProcessingMs: number;
  /** How long a connection attempt to a lock that is not there takes to fail (10003) without a timeout. */
  absentConnectFailMs: number;
}

export const DEFAULT_LINK_TIMING: Readonly<LinkTiming> = Object.freeze({
  advertisingIntervalMs: 100,
  connectMs: 60,
  connectionIntervalMs: 30,
  lockProcessingMs: 20,
  // The official Android SDK gives up on a connection after 10 s (protocol doc §7).
  absentConnectFailMs: 10_000,
});

export interface SessionPlan {
  scan: boolean;
  /** Includes discovery: services + characteristics + notify enable. */
  connect: boolean;
  exchanges: Array<{ writes: number; notifications: number }>;
}

/**
 * floorMs = (scan ? advertisingIntervalMs : 0)
 *         + (connect ? connectMs + 3 * connectionIntervalMs : 0)      // services, characteristics, notify
 *         + Σ exchanges (writes * connectionIntervalMs + lockProcessingMs + notifications * connectionIntervalMs)
 * This is exact for a client that issues each step the moment the previous one calls back,
 * because the link carries one operation at a time (see LinkQueue).
 */
export function floorMs(timing: LinkTiming, plan: SessionPlan): number {
  const ci = timing.connectionIntervalMs;
  let total = 0;
  if (plan.scan) total += timing.advertisingIntervalMs;
  if (plan.connect) total += timing.connectMs + 3 * ci;
  for (const exchange of plan.exchanges) {
    total += exchange.writes * ci + timing.lockProcessingMs + exchange.notifications * ci;
  }
  return total;
}

export type Cancel = () => void;

/**
 * setTimeout through the global looked up now (fake timers may have replaced it). A zero delay
 * runs as a microtask instead: still after the wx call has returned, but without the 1 ms that
 * setTimeout(0) costs (Node and fake timers both round it up), which would break floorMs.
 */
export function after(ms: number, run: () => void): Cancel {
  if (ms <= 0) {
    let cancelled = false;
    // A promise job, not queueMicrotask: jest's fake timers replace queueMicrotask too.
    void Promise.resolve().then(() => {
      if (!cancelled) run();
    });
    return () => {
      cancelled = true;
    };
  }
  const handle = globalThis.setTimeout(run, ms);
  return () => globalThis.clearTimeout(handle);
}

export function now(): number {
  return Date.now();
}

/**
 * One connection's radio link. Operations in both directions (GATT requests, writes,
 * notifications) are serialised: each occupies the link for one connection interval after the
 * previous one ends. A write-without-response burst therefore costs the same as a careful client.
 *
 * Each operation has its own timer, but they run strictly in queue order: on real timers Node runs
 * every expired timer of one duration before it looks at other durations, so a late event loop can
 * fire a later operation's timer first (a reply's last notification overtaking its first). A timer
 * that fires early therefore runs every operation queued before it, then its own.
 */
interface Queued {
  done: () => void;
  cancel: Cancel;
}

export class LinkQueue {
  private freeAt = 0;
  private readonly queued: Queued[] = [];

  constructor(private readonly intervalMs: () => number) {}

  /**
   * Runs `done` when the operation has ended. It starts when the link is free, but no earlier than
   * `notBeforeMs` from now, and then `gapMs` later still (an injected delay).
   */
  enqueue(done: () => void, notBeforeMs = 0, gapMs = 0): void {
    const start = Math.max(now() + notBeforeMs, this.freeAt) + gapMs;
    const end = start + this.intervalMs();
    this.freeAt = end;
    const entry: Queued = { done, cancel: () => undefined };
    entry.cancel = after(end - now(), () => this.runThrough(entry));
    this.queued.push(entry);
  }

  /** A link that went down delivers nothing more. */
  cancelAll(): void {
    for (const entry of this.queued.splice(0)) entry.cancel();
  }

  /** Runs the queue's head until `entry` has run (an operation may cancel or queue others meanwhile). */
  private runThrough(entry: Queued): void {
    while (this.queued.includes(entry)) {
      const head = this.queued.shift()!;
      head.cancel();
      head.done();
    }
  }
}
