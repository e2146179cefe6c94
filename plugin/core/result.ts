/**
 * The official result shape (`TTLockError`, ttlock-plugin-api.md §2a) and the conversion from our
 * LockError. Every public promise resolves with one of these; none rejects.
 */
import { Code, isLockError, LockError } from './errors';
import { officialMessage } from './messages';

export interface TTLockError {
  errorCode: number;
  errorMsg: string;
  description: string;
  electricQuantity?: number;
  /** lockwire: true when a command that changes the lock was sent and its verdict never arrived. */
  outcomeUnknown?: boolean;
  /** lockwire: true when such a lost verdict was settled by reconnecting and reading the lock. */
  settledAfterDrop?: boolean;
}

export function successResult<T extends object>(extra: T, description = 'success'): TTLockError & T {
  return Object.assign({ errorCode: 0, errorMsg: officialMessage(0), description }, extra);
}

/** Any thrown value becomes a TTLockError; unknown values become 99999 without leaking their text. */
export function errorResult(err: unknown): TTLockError {
  const e: LockError = isLockError(err)
    ? err
    : new LockError(Code.INTERNAL, 'internal error', { cause: err });
  const code = e.officialCode;
  const result: TTLockError = { errorCode: code, errorMsg: officialMessage(code), description: e.message };
  return result;
}
