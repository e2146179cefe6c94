/**
 * Bounded waiting. The error is built before the timer is scheduled so that its message and stack
 * belong to the caller's step, and the timer is always cleared, whichever side wins.
 */
import type { Clock } from './clock';
import type { LockError } from './errors';

export function withTimeout<T>(
  clock: Clock,
  promise: Promise<T>,
  ms: number,
  makeError: () => LockError,
): Promise<T> {
  const timeoutError = makeError();
  return new Promise<T>((resolve, reject) => {
    const timer = clock.setTimeout(() => reject(timeoutError), Math.max(0, ms));
    promise.then(
      (value) => {
        clock.clearTimeout(timer);
        resolve(value);
      },
      (err) => {
        clock.clearTimeout(timer);
        reject(err);
      },
    );
  });
}

/** A time budget for a whole operation: each step gets min(its own limit, what is left). */
export class Deadline {
  private _end: number;

  constructor(private readonly _clock: Clock, budgetMs: number) {
    this._end = _clock.now() + budgetMs;
  }

  remaining(): number {
    return Math.max(0, this._end - this._clock.now());
  }

  limit(stepMs: number): number {
    return Math.min(stepMs, this.remaining());
  }

  /** Moves the end later by `ms`: time spent in a step that has its own limit outside the budget. */
  extend(ms: number): void {
    this._end += Math.max(0, ms);
  }
}

/** Resolves after `ms` (never rejects). */
export function sleep(clock: Clock, ms: number): Promise<void> {
  return new Promise<void>((resolve) => {
    clock.setTimeout(resolve, Math.max(0, ms));
  });
}

/** Resolves when `promise` settles or after `ms`, whichever is first; the timer goes with it (never rejects). */
export function waitAtMost(clock: Clock, promise: Promise<unknown>, ms: number): Promise<void> {
  return new Promise<void>((resolve) => {
    const timer = clock.setTimeout(resolve, Math.max(0, ms));
    const done = (): void => {
      clock.clearTimeout(timer);
      resolve();
    };
    promise.then(done, done);
  });
}
