/**
 * Timers and the clock, read from the globals at call time (not captured at import) so that jest's
 * fake timers and the simulator's virtual time drive the plugin. Everything time-related in the
 * plugin goes through a Clock, which keeps that substitution in one place.
 */
export type TimerHandle = unknown;

export interface Clock {
  setTimeout(fn: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
  now(): number;
}

export const systemClock: Clock = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  now: () => Date.now(),
};
