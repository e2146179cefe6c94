/**
 * Lock-local time bytes (spec §5.5): YY MM DD hh mm as plain binary numbers (not BCD), taken from
 * the UTC calendar fields of epochMs + the lock's timezoneRawOffset. The lock keeps wall-clock time,
 * so the offset is applied here rather than on the lock. Seconds are dropped.
 */
import { assertBytes, assertInt } from '../core/assert';

/** Every epoch-ms and offset argument here is a safe integer. */
const MAX_SAFE = Number.MAX_SAFE_INTEGER;

export const LOCK_TIME_BYTES = 5;
/** Official stand-ins for "no start" / "no end": 2000-02-01 and 2099-12-01, 01:00 at UTC+8. */
export const PERMANENT_START_MS = 949338000000;
export const PERMANENT_END_MS = 4099741200000;

const MIN_YEAR = 2000;
const MAX_YEAR = 2099;

export function toLockTime(epochMs: number, timezoneRawOffset: number): Uint8Array {
  assertInt('epochMs', epochMs, -MAX_SAFE, MAX_SAFE);
  assertInt('timezoneRawOffset', timezoneRawOffset, -MAX_SAFE, MAX_SAFE);
  const local = new Date(epochMs + timezoneRawOffset);
  const year = local.getUTCFullYear();
  // NaN (beyond Date's range) fails this test too.
  if (!(year >= MIN_YEAR && year <= MAX_YEAR)) {
    throw new RangeError(`lock-local year expected ${MIN_YEAR}..${MAX_YEAR}, got ${year}`);
  }
  return Uint8Array.of(
    year - MIN_YEAR,
    local.getUTCMonth() + 1,
    local.getUTCDate(),
    local.getUTCHours(),
    local.getUTCMinutes(),
  );
}

export interface LockTimeFields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

/** Inverse of toLockTime's byte layout; YY is read as 2000 + YY. No calendar validation. */
export function fromLockTime(bytes: Uint8Array): LockTimeFields {
  assertBytes('bytes', bytes, LOCK_TIME_BYTES);
  return { year: MIN_YEAR + bytes[0], month: bytes[1], day: bytes[2], hour: bytes[3], minute: bytes[4] };
}

/**
 * The official permanent rule: a 0 start or end becomes the window bound above, so a "permanent"
 * custom passcode is a PERIOD code from 2000 to 2099. Other values pass through unchanged.
 */
export function resolveValidity(startMs: number, endMs: number): { startMs: number; endMs: number } {
  assertInt('startMs', startMs, 0, MAX_SAFE);
  assertInt('endMs', endMs, 0, MAX_SAFE);
  return {
    startMs: startMs === 0 ? PERMANENT_START_MS : startMs,
    endMs: endMs === 0 ? PERMANENT_END_MS : endMs,
  };
}
