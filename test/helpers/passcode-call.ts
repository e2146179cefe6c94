/**
 * One createCustomPasscode call over a Bench, with what the integration tests check around it:
 * the result, the virtual time it took, every disconnectCallback, and every progress step.
 */
import { createCustomPasscode, finishOperations, type CreateCustomPasscodeOption, type TTLockError } from '../../plugin/index';
import { RELEASE_MS } from '../../plugin/ble/link-manager';
import type { VirtualLock } from '../../simulator';
import { expectClean, lockLocalMs, type Bench } from './ble-harness';
import { drive } from './drive';

/**
 * What an operation may spend past its budget: the 500 ms grace the plugin gives wx's own connect
 * timeout, plus the two cleanup calls (closeBLEConnection, closeBluetoothAdapter), each bounded by
 * RELEASE_MS, that run after the failing step and before the promise resolves.
 */
export const BUDGET_SLACK_MS = 500 + 2 * RELEASE_MS;

export interface CallOutcome {
  result: TTLockError & { passcode?: string };
  elapsedMs: number;
  disconnects: TTLockError[];
  steps: string[];
}

/** A valid option for `lock`: a one-year window in 2031, in the lock's own wall-clock time. */
export function optionFor(lock: VirtualLock, overrides: Partial<CreateCustomPasscodeOption> = {}): CreateCustomPasscodeOption {
  const offset = lock.timezoneRawOffset;
  return {
    passcode: '135790',
    startDate: lockLocalMs(2031, 1, 1, 8, 0, offset),
    endDate: lockLocalMs(2031, 12, 31, 20, 0, offset),
    lockData: lock.lockData(),
    ...overrides,
  };
}

/** Calls createCustomPasscode and drives it to the end; the promise must resolve, never reject. */
export async function callPasscode(option: CreateCustomPasscodeOption): Promise<CallOutcome> {
  const disconnects: TTLockError[] = [];
  const steps: string[] = [];
  const started = Date.now();
  const result = await drive(
    createCustomPasscode({
      ...option,
      disconnectCallback: (r) => disconnects.push(r),
      onProgress: (s) => steps.push(s),
    }),
  );
  return { result, elapsedMs: Date.now() - started, disconnects, steps };
}

/** Closes a link kept open after a success (or a lock-reported error) now. */
export async function releaseKeptLink(): Promise<void> {
  const done = await drive(finishOperations());
  expect(done.errorCode).toBe(0);
}

/** A fresh call (faults cleared) succeeds and stores `passcode`; then everything is released. */
export async function expectNextCallSucceeds(bench: Bench, passcode: string): Promise<void> {
  bench.fake.faults.clear();
  const next = await callPasscode(optionFor(bench.lock, { passcode }));
  expect(next.result).toMatchObject({ errorCode: 0, passcode });
  expect(bench.lock.passcodes().map((p) => p.passcode)).toContain(passcode);
  await releaseKeptLink();
  expectClean(bench.fake);
}

/** The TTLockError shape every public result has. */
export function expectResultShape(result: unknown): void {
  expect(result).toEqual(
    expect.objectContaining({
      errorCode: expect.any(Number),
      errorMsg: expect.any(String),
      description: expect.any(String),
    }),
  );
  expect(Number.isInteger((result as TTLockError).errorCode)).toBe(true);
}
