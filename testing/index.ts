/**
 * lockwire/testing: helpers for testing a mini-program that uses lockwire, in jest or vitest, together
 * with lockwire/simulator (virtual locks, fake wx).
 */
export { drainJobs, drive, elapse } from './fake-timers';
export type { DriveOptions, FakeTimerControl } from './fake-timers';
export { stubRequirePlugin } from './require-plugin';
