/**
 * What every vendor's error on the cloud side shares (Tuya's TuyaError, TTLock's TTLockError): a literal
 * `name`, a `kind` that says what to do, the vendor's numeric `code`, the HTTP status, the offending
 * `field` for validation, and the `cause`. Each vendor adds its own fields (Tuya's msg/tid, TTLock's
 * errmsg/advice) and its own kinds. Messages are the vendor's to build: no input value ever goes in.
 */

export interface CloudErrorDetails {
  code?: number;
  httpStatus?: number;
  field?: string;
  cause?: unknown;
}

export abstract class CloudError<K extends string> extends Error {
  abstract readonly name: string;
  readonly kind: K;
  readonly code?: number;
  readonly httpStatus?: number;
  readonly field?: string;
  readonly cause?: unknown;

  constructor(kind: K, message: string, details: CloudErrorDetails) {
    super(message);
    this.kind = kind;
    this.code = details.code;
    this.httpStatus = details.httpStatus;
    this.field = details.field;
    this.cause = details.cause;
  }
}

/**
 * A type guard that compares `name` too: a bundled CLI and the library can hold two copies of a class,
 * and errors cross realms.
 */
export function errorGuard<T>(ctor: abstract new (...args: never[]) => T, name: string): (value: unknown) => value is T {
  return (value: unknown): value is T =>
    value instanceof ctor || (typeof value === 'object' && value !== null && (value as { name?: unknown }).name === name);
}
