/**
 * What an operation is (the pipeline runs it), and the argument checks every operation shares.
 * Checks run before anything touches Bluetooth: shape errors are INVALID_OPTION (11003) naming the
 * field; lockData that does not decode is LOCKDATA_INVALID (10005); an ordinary eKey where the admin
 * is needed is NOT_ADMIN (11005); a lock that is not V3 is UNSUPPORTED_LOCK (10009). Values are
 * never echoed: PINs and lockData are secrets.
 */
import { Code, LockError } from '../core/errors';
import { decodeLockData, resolveValidity, toLockTime, type LockData } from '../protocol';
import type { LinkSession } from './link-session';
import type { DisconnectCallback, ProgressCallback, ProgressStep } from './types';
import { isFunction, isNumber, isObject, isString } from '../core/assert';

/**
 * What a successful run hands to the pipeline: the result's extra fields and its description (summary).
 * Internal names differ from the public ones (summary, lockBattery, lockInfo, lockZoneMs, onDrop,
 * onStep) so that the bundle can shorten them (INTERNAL_MEMBERS in scripts/build/plugin-bundle-options.js).
 */
export interface Outcome<R> {
  extra: R;
  summary: string;
  /** The result's electricQuantity, when the lock sent it. */
  lockBattery?: number;
}

/** What readCommon gives every operation. */
export interface Common {
  /** The decoded lockData. */
  lockInfo: LockData;
  /** The lock's zone offset in ms (lockData's, or the phone's when lockData has none). */
  lockZoneMs: number;
  /** The option's disconnectCallback and onProgress. */
  onDrop?: DisconnectCallback;
  onStep?: ProgressCallback;
}

export interface Operation<R> extends Common {
  /** The pipeline runs the admin login unless this link already holds it (others log in themselves). */
  needsAdmin?: boolean;
  /** Appended to the description when a write's verdict is lost: how the host can find out. */
  unknownHint?: string;
  /** The commands on a ready session; logins go through the session. */
  run(session: LinkSession, progress: (step: ProgressStep) => void): Promise<Outcome<R>>;
  /**
   * Only for operations that change the lock: after the link dropped with the reply to a sent write
   * lost, read the lock's state on a new session. An Outcome settles success, a LockError settles
   * failure, undefined means the lock's state cannot decide.
   */
  settle?(session: LinkSession): Promise<Outcome<R> | LockError | undefined>;
}

/** An operation from the checked common fields and its own parts (Object.assign: no spread helpers at ES2017). */
export function operation<R>(common: Common, own: Omit<Operation<R>, keyof Common>): Operation<R> {
  return Object.assign(common, own);
}

const USER_TYPE_ORDINARY = 110302;
const PASSCODE_PATTERN = /^[0-9]{4,9}$/;

export function invalid(message: string): LockError {
  return new LockError(Code.INVALID_OPTION, message);
}

/** Every official 2.x positional form ends with these two. */
const POSITIONAL_TAIL = ['lockData', 'disconnectCallback'];

/**
 * The option object, or the official 2.x positional arguments mapped onto `leading` names then
 * lockData and disconnectCallback; `required` counts the positional arguments that must be there.
 */
export function readArguments<T>(args: readonly unknown[], leading: readonly string[], required: number): T {
  const names = leading.concat(POSITIONAL_TAIL);
  const [first] = args;
  if (isObject(first)) return first as T;
  if (required > 0 && args.length >= required && (isString(first) || isNumber(first))) {
    const option: Record<string, unknown> = {};
    names.forEach((name, i) => (option[name] = args[i]));
    return option as T;
  }
  const positional = required > 0 ? ` or (${names.slice(0, required).join(', ')})` : '';
  throw invalid(`option: expected { ${names.slice(0, Math.max(required, 1)).join(', ')} }${positional}`);
}

export function readPasscode(value: unknown, field: string): string {
  if (!isString(value) || !PASSCODE_PATTERN.test(value)) throw invalid(`${field}: expected a string of 4-9 digits`);
  return value;
}

/** Epoch ms as a non-negative number or numeric string; `optional` lets undefined through as undefined. */
export function readDate(value: unknown, field: string): number {
  const n = isString(value) && /^\s*\d+(\.\d+)?\s*$/.test(value) ? Number(value) : value;
  if (!isNumber(n) || !Number.isFinite(n) || n < 0) {
    throw invalid(`${field}: expected epoch ms >= 0`);
  }
  // Beyond 2^53 ms is far past the lock's 2099; below it, drop the sub-millisecond part (the lock keeps minutes).
  if (n > Number.MAX_SAFE_INTEGER) throw outsideLockYears(field);
  return Math.floor(n);
}

/** `serverTime`: absent (undefined or null) means "use the phone's clock"; otherwise a date as readDate reads it. */
export function readServerTime(option: { serverTime?: unknown }): number | undefined {
  return option.serverTime === undefined || option.serverTime === null ? undefined : readDate(option.serverTime, 'serverTime');
}

export function outsideLockYears(field: string): LockError {
  return invalid(`${field}: outside the lock's years 2000-2099`);
}

export function checkLockTime(ms: number, offset: number, field: string): void {
  try {
    toLockTime(ms, offset);
  } catch {
    throw outsideLockYears(field);
  }
}

function readCallback<T>(value: unknown, field: string): T | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isFunction(value)) throw invalid(`${field}: expected a function`);
  return value as T;
}

export function phoneOffsetMs(atMs: number): number {
  return -new Date(atMs).getTimezoneOffset() * 60000;
}

/**
 * A window instant as the lock's 5 wire bytes: in lockData's zone, or, when lockData has none, in
 * the phone's zone at that instant (so a window across a DST change keeps the phone's wall clock).
 */
export function windowBytes(ms: number, common: Common): Uint8Array {
  return toLockTime(ms, common.lockInfo.timezoneRawOffset ?? phoneOffsetMs(ms));
}

export interface CommonOption {
  lockData?: unknown;
  disconnectCallback?: unknown;
  onProgress?: unknown;
}

/**
 * lockData and the two callbacks, checked in this order. `admin`: the operation needs the admin
 * eKey (setLockTime works with any eKey).
 */
export function readCommon(option: CommonOption, admin: boolean, atMs: number): Common {
  const { lockData } = option;
  if (!isString(lockData) || lockData.trim() === '') throw invalid('lockData: required, an eKey\'s lockData string');
  const disconnectCallback = readCallback<DisconnectCallback>(option.disconnectCallback, 'disconnectCallback');
  const onProgress = readCallback<ProgressCallback>(option.onProgress, 'onProgress');
  const decoded: LockData = decodeLockData(lockData);
  if (admin && decoded.userType === USER_TYPE_ORDINARY) {
    throw new LockError(Code.NOT_ADMIN, 'lockData: an ordinary eKey; this needs the admin eKey');
  }
  const { protocolType, protocolVersion } = decoded.lockVersion;
  if (protocolType !== 5 || protocolVersion !== 3) {
    throw new LockError(Code.UNSUPPORTED_LOCK, `lockData: a ${protocolType}.${protocolVersion} lock; only V3 (5.3) is supported`);
  }
  const timezoneRawOffset = decoded.timezoneRawOffset ?? phoneOffsetMs(atMs);
  return { lockInfo: decoded, lockZoneMs: timezoneRawOffset, onDrop: disconnectCallback, onStep: onProgress };
}

/** startDate/endDate: both 0 = permanent; otherwise end after start. */
export function readDates(option: { startDate?: unknown; endDate?: unknown }): { start: number; end: number } {
  const start = readDate(option.startDate, 'startDate');
  const end = readDate(option.endDate, 'endDate');
  if (!(start === 0 && end === 0) && !(end > start)) throw invalid('endDate: expected after startDate (or both 0: permanent)');
  return { start, end };
}

/** The official permanent rule (0 -> 2000/2099 bounds), then the lock's year range and minute precision. */
export function resolveWindow(start: number, end: number, timezoneRawOffset: number): { startMs: number; endMs: number } {
  const window = resolveValidity(start, end);
  checkLockTime(window.startMs, timezoneRawOffset, 'startDate');
  checkLockTime(window.endMs, timezoneRawOffset, 'endDate');
  if (Math.floor(window.endMs / 60000) <= Math.floor(window.startMs / 60000)) {
    throw invalid('endDate: expected a later minute than startDate');
  }
  return window;
}
