/**
 * Checks made before any TTLock request (ttlock-cloud-api.md §5): lock and passcode ids, custom codes of
 * 4 to 9 digits, minute-precision validity, and the random-code rules (hour grid, one-year span, the 6 h
 * and 24 h first-use windows). Errors name the field and never echo a value: a value may be a passcode.
 */
import { TTLockError } from './errors';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
/** 2000-01-01 and 2100-01-01 UTC: what a lock's clock can represent. */
const EARLIEST = Date.UTC(2000, 0, 1);
const LATEST = Date.UTC(2100, 0, 1);

function invalid(field: string, message: string): TTLockError {
  return new TTLockError('validation', `"${field}" ${message}`, { field });
}

export function checkId(value: unknown, field: string): number {
  if (typeof value === 'string' && /^[1-9]\d{0,15}$/.test(value)) value = Number(value);
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) {
    throw invalid(field, 'expected a positive integer id');
  }
  return value;
}

export function checkPasscode(value: unknown, field = 'passcode'): string {
  if (typeof value !== 'string') throw invalid(field, 'expected a string of 4 to 9 digits (a string keeps leading zeros)');
  if (!/^\d{4,9}$/.test(value)) throw invalid(field, 'expected 4 to 9 digits');
  return value;
}

export function checkTime(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < EARLIEST || value >= LATEST) {
    throw invalid(field, 'expected epoch milliseconds between 2000 and 2099');
  }
  return value;
}

export interface Validity {
  /** 2 permanent, 3 timed (TTLock's keyboardPwdType for custom codes). */
  keyboardPwdType: 2 | 3;
  startDate: number;
  /** 0 for permanent codes. */
  endDate: number;
}

/**
 * Custom-code validity, to the minute: both dates give a timed code, a start alone a permanent one.
 * Times are floored to the minute, as the lock stores them; the window must still be non-empty.
 */
export function checkValidity(startDate: unknown, endDate: unknown, now: number): Validity {
  const start = Math.floor(checkTime(startDate, 'startDate') / MINUTE) * MINUTE;
  if (endDate === undefined || endDate === null || endDate === 0) return { keyboardPwdType: 2, startDate: start, endDate: 0 };
  const end = Math.floor(checkTime(endDate, 'endDate') / MINUTE) * MINUTE;
  if (end <= start) throw invalid('endDate', 'expected a later minute than startDate');
  if (end <= now) throw invalid('endDate', 'is in the past: the passcode would never work');
  return { keyboardPwdType: 3, startDate: start, endDate: end };
}

export function checkName(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.length > 100 || /[\u0000-\u001f]/.test(value)) {
    throw invalid('name', 'expected up to 100 characters, no control characters');
  }
  return value;
}

export type RandomPasscodeType =
  | 'one-time' | 'permanent' | 'timed' | 'delete'
  | 'weekend' | 'daily' | 'workday'
  | 'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday' | 'saturday' | 'sunday';

/** TTLock's keyboardPwdType numbers for random (algorithmic) codes, keyboardPwdVersion 4. */
export const RANDOM_TYPES: Readonly<Record<RandomPasscodeType, number>> = {
  'one-time': 1, permanent: 2, timed: 3, delete: 4, weekend: 5, daily: 6, workday: 7,
  monday: 8, tuesday: 9, wednesday: 10, thursday: 11, friday: 12, saturday: 13, sunday: 14,
};

export interface RandomRequest {
  keyboardPwdType: number;
  startDate: number;
  endDate?: number;
  /** The last moment the code can first be entered, or undefined when the lock imposes none. */
  firstUseBy?: number;
  rule: string;
}

const iso = (ms: number) => new Date(ms).toISOString().replace(':00.000Z', 'Z');

/** Whether a span longer than a year is month-granular: same day of month and time of day. */
function monthGranular(start: number, end: number): boolean {
  const a = new Date(start);
  const b = new Date(end);
  return a.getUTCDate() === b.getUTCDate() && start % DAY === end % DAY;
}

/**
 * The random-code rules, checked here so a request the lock would never honour is not spent on the
 * monthly quota. `rule` explains the validity in one sentence for the person handing out the code.
 */
export function checkRandomRequest(type: unknown, startDate: unknown, endDate: unknown, now: number): RandomRequest {
  if (typeof type !== 'string' || !(type in RANDOM_TYPES)) {
    throw invalid('type', `expected one of ${Object.keys(RANDOM_TYPES).join(', ')}`);
  }
  const t = type as RandomPasscodeType;
  const start = checkTime(startDate, 'startDate');
  if (start % HOUR !== 0) throw invalid('startDate', 'must be a whole hour: random codes live on an hour grid (TTLock floors 19:20 to 19:00)');
  const needsEnd = t !== 'one-time' && t !== 'permanent' && t !== 'delete';
  if (!needsEnd && endDate !== undefined && endDate !== 0) throw invalid('endDate', `must be absent for a ${t} code`);
  let end: number | undefined;
  if (needsEnd) {
    end = checkTime(endDate, 'endDate');
    if (end % HOUR !== 0) throw invalid('endDate', 'must be a whole hour: random codes live on an hour grid');
    if (end <= start) throw invalid('endDate', 'expected a later hour than startDate');
    if (end <= now) throw invalid('endDate', 'is in the past: the code would never work');
  }
  if (t === 'timed' && end! - start > 365 * DAY && !monthGranular(start, end!)) {
    throw invalid('endDate', 'for more than a year, start and end must share the day of month and the time (month granularity)');
  }
  if (needsEnd && t !== 'timed' && end! - start >= DAY) {
    throw invalid('endDate', `a ${t} code carries a daily window: end on the same day as startDate, less than 24 h later`);
  }
  const window = t === 'one-time' ? 6 * HOUR : t === 'permanent' || t === 'timed' ? DAY : 0;
  if (window && start + window <= now) {
    throw invalid('startDate', `a ${t} code must first be used within ${window / HOUR} h of its start, and that time has passed`);
  }
  const firstUseBy = window ? start + window : undefined;
  const rule =
    t === 'one-time' ? `usable once, between ${iso(start)} and ${iso(firstUseBy!)}`
    : t === 'permanent' ? `use it before ${iso(firstUseBy!)} or the lock suspends it; then it works without end`
    : t === 'timed' ? `use it before ${iso(firstUseBy!)} or the lock suspends it; valid until ${iso(end!)}`
    : t === 'delete' ? 'entering it on the keypad erases every other passcode on the lock'
    : `cyclic (${t}): each matching day, in the daily window from the time of ${iso(start)} to the time of ${iso(end!)}`;
  return { keyboardPwdType: RANDOM_TYPES[t], startDate: start, endDate: end, firstUseBy, rule };
}
