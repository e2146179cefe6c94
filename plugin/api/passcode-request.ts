/**
 * Validation of createCustomPasscode's arguments, before anything touches Bluetooth.
 * Shape errors -> INVALID_OPTION (11003) with a description naming the field; lockData that does not
 * decode -> LOCKDATA_INVALID (10005); an ordinary (non-admin) eKey -> NOT_ADMIN (11005); a lock that
 * is not V3 -> UNSUPPORTED_LOCK (10009). Values are never echoed: PINs and lockData are secrets.
 */
import { LockError } from '../core/errors';
import { decodeLockData, resolveValidity, toLockTime, type LockData } from '../protocol';
import type { PasscodeWrite } from '../ble/passcode-sequence';
import type { CreateCustomPasscodeOption, DisconnectCallback, ProgressCallback } from './types';

const USER_TYPE_ORDINARY = 110302;
const PASSCODE_PATTERN = /^[0-9]{4,9}$/;

export interface PasscodeRequest extends PasscodeWrite {
  disconnectCallback?: DisconnectCallback;
  onProgress?: ProgressCallback;
}

function invalid(message: string): LockError {
  return new LockError('INVALID_OPTION', message);
}

function outsideLockYears(field: string): LockError {
  return invalid(`${field}: the lock stores years 2000 to 2099 only (in the lock's time zone)`);
}

/** Accepts the option object or the legacy positional form (passcode, startDate, endDate, lockData, cb?). */
export function readArguments(args: readonly unknown[]): CreateCustomPasscodeOption {
  const [first] = args;
  if (typeof first === 'object' && first !== null && !Array.isArray(first)) return first as CreateCustomPasscodeOption;
  if (args.length >= 4 && (typeof first === 'string' || typeof first === 'number')) {
    const [passcode, startDate, endDate, lockData, disconnectCallback] = args;
    return { passcode, startDate, endDate, lockData, disconnectCallback } as CreateCustomPasscodeOption;
  }
  throw invalid('option: expected { passcode, startDate, endDate, lockData } or (passcode, startDate, endDate, lockData)');
}

function readDate(value: unknown, field: string): number {
  const n = typeof value === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n) || n < 0) {
    throw invalid(`${field}: expected epoch milliseconds as a non-negative number or numeric string`);
  }
  // Beyond 2^53 ms is far past the lock's 2099; below it, drop the sub-millisecond part (the lock keeps minutes).
  if (n > Number.MAX_SAFE_INTEGER) throw outsideLockYears(field);
  return Math.floor(n);
}

function readCallback<T>(value: unknown, field: string): T | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'function') throw invalid(`${field}: expected a function`);
  return value as T;
}

function phoneOffsetMs(atMs: number): number {
  return -new Date(atMs).getTimezoneOffset() * 60000;
}

function checkLockTime(ms: number, offset: number, field: string): void {
  try {
    toLockTime(ms, offset);
  } catch {
    throw outsideLockYears(field);
  }
}

export function validatePasscodeRequest(option: CreateCustomPasscodeOption): PasscodeRequest {
  const { passcode, lockData } = option;
  if (typeof passcode !== 'string' || !PASSCODE_PATTERN.test(passcode)) {
    throw invalid('passcode: expected a string of 4 to 9 digits (0-9)');
  }
  const start = readDate(option.startDate, 'startDate');
  const end = readDate(option.endDate, 'endDate');
  const permanent = start === 0 && end === 0;
  if (!permanent && !(end > start)) throw invalid('endDate: expected to be later than startDate (or both 0 for permanent)');
  if (typeof lockData !== 'string' || lockData.trim() === '') throw invalid('lockData: required, the lockData string of an admin eKey');
  const disconnectCallback = readCallback<DisconnectCallback>(option.disconnectCallback, 'disconnectCallback');
  const onProgress = readCallback<ProgressCallback>(option.onProgress, 'onProgress');

  const decoded: LockData = decodeLockData(lockData);
  if (decoded.userType === USER_TYPE_ORDINARY) {
    throw new LockError('NOT_ADMIN', 'lockData belongs to an ordinary eKey; adding passcodes needs the admin eKey');
  }
  const { protocolType, protocolVersion } = decoded.lockVersion;
  if (protocolType !== 5 || protocolVersion !== 3) {
    throw new LockError('UNSUPPORTED_LOCK', `lockData describes a ${protocolType}.${protocolVersion} lock; only V3 (5.3) locks are supported`);
  }
  const window = resolveValidity(start, end);
  // Without the lock's zone, each date is the phone's wall clock at that date (DST may differ between them).
  const timezoneRawOffset = decoded.timezoneRawOffset ?? phoneOffsetMs(window.startMs);
  const endTimezoneRawOffset = decoded.timezoneRawOffset ?? phoneOffsetMs(window.endMs);
  checkLockTime(window.startMs, timezoneRawOffset, 'startDate');
  checkLockTime(window.endMs, endTimezoneRawOffset, 'endDate');
  if (Math.floor(window.endMs / 60000) <= Math.floor(window.startMs / 60000)) {
    throw invalid('endDate: expected to be at least one minute after startDate (locks store whole minutes)');
  }
  return { passcode, lockData: decoded, startMs: window.startMs, endMs: window.endMs, timezoneRawOffset, endTimezoneRawOffset, disconnectCallback, onProgress };
}
