/**
 * One error class for everything inside the plugin. `code` is ours (grouped by prefix); the public
 * surface turns it into the official TTLock numeric code through OFFICIAL_CODE (one table).
 * Messages never carry keys, lockData, PINs or tokens: callers pass only field names and counts.
 */
import { isNonNullObject, isString } from './assert';

/**
 * Our error codes and the official TTLock plugin number of each (ttlock-plugin-api.md §1), in one
 * table. LOCK_REPORTED answers with the lock's own byte; 19 is the lock's generic "operation failed",
 * used when a failure reply carries no error byte.
 */
const OFFICIAL_BY_NAME = {
  INVALID_OPTION: 11003,
  LOCKDATA_INVALID: 10005,
  NOT_ADMIN: 11005,
  UNSUPPORTED_LOCK: 10009,

  BLE_UNSUPPORTED: 11002,
  BLE_ADAPTER_OFF: 10012,
  BLE_ADAPTER_FAILED: 10030,
  BLE_PERMISSION_DENIED: 10039,
  BLE_NO_SYSTEM_PERMISSION: 10014,
  BLE_LOCATION_DENIED: 10015,
  BLE_NOT_INIT: 10030,
  BLE_SCAN_FAILED: 10041,
  BLE_NOT_FOUND: 10404,
  BLE_CONNECT_FAILED: 10503,
  BLE_CONNECT_TIMEOUT: 10002,
  BLE_SERVICES_FAILED: 13007,
  BLE_SERVICE_MISSING: 10513,
  BLE_CHARACTERISTICS_FAILED: 13008,
  BLE_CHARACTERISTIC_MISSING: 10018,
  BLE_NOTIFY_FAILED: 10508,
  BLE_WRITE_FAILED: 10033,
  BLE_DISCONNECTED: 10003,

  PROTO_FRAME: 10034,
  PROTO_CRC: 1,
  PROTO_DECRYPT: 10001,
  PROTO_UNEXPECTED: 10034,

  LOCK_REPORTED: 19,

  CLOUD_REQUEST_FAILED: 10302,
  CLOUD_HTTP_STATUS: 10305,
  CLOUD_SERVER_ERROR: 10307,

  TIMEOUT: 10017,
  CANCELLED: 10022,
  INTERNAL: 99999,
};

export type ErrorCodeName = keyof typeof OFFICIAL_BY_NAME;

/**
 * The same codes, in the same order, as the plugin's code names them. esbuild inlines each `Code.X`
 * as a small number, so the bundle carries every name once (in the table above) instead of a
 * string at every use. test/unit/core/errors.test.ts checks that the two lists agree.
 */
export enum Code {
  INVALID_OPTION,
  LOCKDATA_INVALID,
  NOT_ADMIN,
  UNSUPPORTED_LOCK,
  BLE_UNSUPPORTED,
  BLE_ADAPTER_OFF,
  BLE_ADAPTER_FAILED,
  BLE_PERMISSION_DENIED,
  BLE_NO_SYSTEM_PERMISSION,
  BLE_LOCATION_DENIED,
  BLE_NOT_INIT,
  BLE_SCAN_FAILED,
  BLE_NOT_FOUND,
  BLE_CONNECT_FAILED,
  BLE_CONNECT_TIMEOUT,
  BLE_SERVICES_FAILED,
  BLE_SERVICE_MISSING,
  BLE_CHARACTERISTICS_FAILED,
  BLE_CHARACTERISTIC_MISSING,
  BLE_NOTIFY_FAILED,
  BLE_WRITE_FAILED,
  BLE_DISCONNECTED,
  PROTO_FRAME,
  PROTO_CRC,
  PROTO_DECRYPT,
  PROTO_UNEXPECTED,
  LOCK_REPORTED,
  CLOUD_REQUEST_FAILED,
  CLOUD_HTTP_STATUS,
  CLOUD_SERVER_ERROR,
  TIMEOUT,
  CANCELLED,
  INTERNAL,
}

/** Every code's name, indexed by Code. */
export const ErrorCode = Object.keys(OFFICIAL_BY_NAME) as ErrorCodeName[];
/** Every code's official number, indexed by Code. */
export const OFFICIAL_CODE: readonly number[] = Object.values(OFFICIAL_BY_NAME);

export interface LockErrorOptions {
  cause?: unknown;
  /** The raw wx errCode when a wx call failed. */
  wxErrCode?: number;
  /** The HTTP status when a request failed. */
  httpStatus?: number;
  /** The lock's error byte (LOCK_REPORTED) or the relay/Tuya code (CLOUD_SERVER_ERROR). */
  remoteCode?: number;
}

export class LockError extends Error {
  readonly name = 'LockError' as const;
  /** The code's name ('BLE_DISCONNECTED'): also how errors of another copy of the plugin compare (hasCode). */
  readonly code: ErrorCodeName;
  readonly wxErrCode?: number;
  readonly httpStatus?: number;
  readonly remoteCode?: number;
  readonly cause?: unknown;

  constructor(code: Code, message: string, options: LockErrorOptions = {}) {
    super(message);
    this.code = ErrorCode[code];
    this.wxErrCode = options.wxErrCode;
    this.httpStatus = options.httpStatus;
    this.remoteCode = options.remoteCode;
    this.cause = options.cause;
  }

  /** The official numeric code for the public result. */
  get officialCode(): number {
    // A failure reply without its error byte is the lock's generic "operation failed" (0x13).
    if (this.code === 'LOCK_REPORTED' && this.remoteCode !== undefined) return this.remoteCode;
    return OFFICIAL_BY_NAME[this.code];
  }
}

/** A frame or reply that does not have the shape the protocol says (the commonest error: one helper, fewer bytes). */
export function frameError(message: string): LockError {
  return new LockError(Code.PROTO_FRAME, message);
}

/** Every lockData failure: LOCKDATA_INVALID, its message prefixed with "lockData: " (one place, fewer bytes). */
export function lockDataError(problem: string): LockError {
  return new LockError(Code.LOCKDATA_INVALID, `lockData: ${problem}`);
}

/** A LockError with one of `codes` (errors of another copy of the plugin are compared by name). */
export function hasCode(value: unknown, ...codes: Code[]): value is LockError {
  return isLockError(value) && codes.some((code) => ErrorCode[code] === value.code);
}

/** Checks `name` as well as instanceof: errors can cross module copies (compiled vs source). */
export function isLockError(value: unknown): value is LockError {
  return (
    value instanceof LockError ||
    (isNonNullObject(value) && (value as { name?: unknown }).name === 'LockError' && isString((value as { code?: unknown }).code))
  );
}
