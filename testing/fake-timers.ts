/**
 * Runs lockwire operations to completion under fake timers (jest's or vitest's), jumping from timer to
 * timer, so virtual time advances exactly as the plugin and the simulator schedule it. Plain
 * `await plugin.createCustomPasscode(...)` under `jest.useFakeTimers()` would hang: the operation
 * waits on timers that only the test can advance.
 *
 * Before each jump the promise-job queue is drained completely (one turn of the REAL setImmediate,
 * taken from node:timers, which fake timers leave alone): a chain of instant wx answers can be long.
 * If the promise is still pending when no timer is left, nothing can ever settle it: that is a hang,
 * and drive() says so instead of letting the test time out.
 */
import { setImmediate as realSetImmediate } from 'node:timers';

/** The part of `jest` (or vitest's `vi`) that drive() uses. */
export interface FakeTimerControl {
  getTimerCount(): number;
  advanceTimersToNextTimerAsync(): Promise<unknown> | unknown;
  advanceTimersByTimeAsync(ms: number): Promise<unknown> | unknown;
}

export interface DriveOptions {
  /** The fake-timer API; default: jest's `jest`, else vitest's global `vi`. */
  timers?: FakeTimerControl;
  /** Give up (reject) after this much virtual time; default 300 000 ms. */
  maxVirtualMs?: number;
}

declare const jest: FakeTimerControl | undefined;

/** jest injects `jest` into every module it loads; vitest has `vi` as a global when globals are on. */
function defaultTimers(): FakeTimerControl {
  if (typeof jest !== 'undefined' && jest) return jest;
  const vi = (globalThis as { vi?: FakeTimerControl }).vi;
  if (vi) return vi;
  throw new Error('lockwire/testing: no fake-timer API found; pass { timers: vi } (vitest) or { timers: jest }');
}

/** Runs every promise job queued now, and every job those jobs queue. */
export function drainJobs(): Promise<void> {
  return new Promise<void>((resolve) => {
    realSetImmediate(resolve);
  });
}

/**
 * Resolves (or rejects) as `promise` does, advancing fake time as far as it needs.
 * `options` may be a number: the virtual-time limit in ms.
 */
export async function drive<T>(promise: Promise<T>, options: DriveOptions | number = {}): Promise<T> {
  const { timers = defaultTimers(), maxVirtualMs = 300_000 } = typeof options === 'number' ? { maxVirtualMs: options } : options;
  let done = false;
  const watched = promise.finally(() => {
    done = true;
  });
  watched.catch(() => undefined);
  const start = Date.now();
  for (;;) {
    await drainJobs();
    if (done) break;
    if (timers.getTimerCount() === 0) throw new Error('drive: promise pending with no timer left (hang)');
    if (Date.now() - start > maxVirtualMs) throw new Error(`drive: still pending after ${maxVirtualMs} virtual ms`);
    await timers.advanceTimersToNextTimerAsync();
  }
  return watched;
}

/** Advances virtual time by `ms` (running due timers and promise jobs). */
export async function elapse(ms: number, timers: FakeTimerControl = defaultTimers()): Promise<void> {
  await timers.advanceTimersByTimeAsync(ms);
}
