/**
 * Field readers for decodeLockData. Each takes the raw JSON value and the field's name and returns
 * the typed value or throws LockError LOCKDATA_INVALID naming the field and the problem. No message
 * ever contains the value itself: lockData carries the lock's keys.
 */
import { lockDataError } from '../core/errors';
import { hexToBytes } from '../core/bytes';
import { CREDENTIAL_PLAIN_MAX_LENGTH, decodeCredential } from './credential';
import type { FrameHeader } from './frame';
import { isNumber, isObject, isString } from '../core/assert';

/** adminPs and unlockKey are Java ints in the vendor SDK. */
export const MAX_JAVA_INT = 2147483647;
export const MAX_LOCK_FLAG_POS = 0xffffff;
export const MAX_UID = 0xffffffff;
/** Real zones lie within UTC-12..UTC+14; ±14 h bounds both. */
export const MAX_TIMEZONE_OFFSET_MS = 14 * 3600 * 1000;

export function invalid(field: string, problem: string): never {
  throw lockDataError(`"${field}" ${problem}`);
}

export type JsonObject = Record<string, unknown>;

export { isObject };

/** An integer within min..max, given as a JSON number or a decimal string. */
export function readInt(value: unknown, field: string, min: number, max: number): number {
  let n: number;
  if (isNumber(value)) n = value;
  else if (isString(value) && /^-?[0-9]{1,16}$/.test(value)) n = Number(value);
  else return invalid(field, 'expected an integer');
  if (!Number.isInteger(n)) return invalid(field, 'expected an integer');
  if (n < min || n > max) return invalid(field, `out of range ${min}..${max}`);
  return n;
}

export function readOptionalInt(value: unknown, field: string, min: number, max: number): number | undefined {
  return value === undefined || value === null ? undefined : readInt(value, field, min, max);
}

/**
 * adminPwd / lockKey: a number, a decimal string of at most 10 digits, or the obfuscated form
 * (longer than 10 characters, §6.3). The result must fit a non-negative Java int.
 */
export function readCredential(value: unknown, field: string): number {
  if (isNumber(value)) return readInt(value, field, 0, MAX_JAVA_INT);
  if (!isString(value)) return invalid(field, 'expected a string or number');
  const digits = value.length > CREDENTIAL_PLAIN_MAX_LENGTH ? decodeCredential(value, field) : value;
  if (!/^[0-9]{1,10}$/.test(digits)) return invalid(field, 'expected 1..10 decimal digits');
  const n = Number(digits);
  if (n > MAX_JAVA_INT) return invalid(field, `out of range 0..${MAX_JAVA_INT}`);
  return n;
}

const HEX2 = '([0-9A-Fa-f]{2})';
/** Six hex pairs with one consistent separator (':' , '-' or none); \2 repeats the first one. */
const MAC_PATTERN = new RegExp(`^${HEX2}([:-]?)${HEX2}\\2${HEX2}\\2${HEX2}\\2${HEX2}\\2${HEX2}$`);

/** "AA:BB:CC:DD:EE:FF" in either case (also '-' separators); returned upper case with colons. */
export function readMac(value: unknown, field: string): string {
  if (!isString(value)) return invalid(field, 'expected a string');
  const m = MAC_PATTERN.exec(value);
  if (!m) return invalid(field, 'expected a MAC address of six hex bytes');
  return [m[1], m[3], m[4], m[5], m[6], m[7]].join(':').toUpperCase();
}

/** aesKeyStr: 16 comma-separated hex bytes ("01,23,...") or a plain 32-hex-digit string. */
export function readAesKey(value: unknown, field: string): Uint8Array {
  if (!isString(value)) return invalid(field, 'expected a string');
  let hex: string;
  if (value.includes(',')) {
    const parts = value.split(',').map((p) => p.trim());
    if (parts.length !== 16) return invalid(field, `expected 16 comma-separated bytes, got ${parts.length}`);
    if (!parts.every((p) => /^[0-9A-Fa-f]{1,2}$/.test(p))) return invalid(field, 'has a non-hex byte');
    hex = parts.map((p) => p.padStart(2, '0')).join('');
  } else {
    if (!/^[0-9A-Fa-f]{32}$/.test(value)) return invalid(field, 'expected 16 bytes as hex');
    hex = value;
  }
  return hexToBytes(hex);
}

/** lockVersion: an object, or (old v2 SDK) the same object as a JSON string. */
export function readLockVersion(value: unknown, field: string): FrameHeader {
  let obj: unknown = value;
  if (isString(value)) {
    try {
      obj = JSON.parse(value);
    } catch {
      return invalid(field, 'is a string but not JSON');
    }
  }
  if (!isObject(obj)) return invalid(field, 'expected an object');
  return {
    protocolType: readInt(obj.protocolType, `${field}.protocolType`, 0, 0xff),
    protocolVersion: readInt(obj.protocolVersion, `${field}.protocolVersion`, 0, 0xff),
    scene: readInt(obj.scene, `${field}.scene`, 0, 0xff),
    groupId: readInt(obj.groupId, `${field}.groupId`, 0, 0xffff),
    orgId: readInt(obj.orgId, `${field}.orgId`, 0, 0xffff),
  };
}
