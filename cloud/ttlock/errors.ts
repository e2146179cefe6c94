/**
 * One error type for the TTLock client. `kind` says what to do about it; TTLock's own `errcode` and
 * (trimmed) `errmsg` ride along as fields, and `advice` is one sentence a backend developer can act on.
 * Messages are built from operation labels, codes and field names only: the client secret, the app
 * password, tokens, lockData and passcodes have no way in (ttlock-cloud-api.md §8). The shared shape is
 * ../cloud-error.ts.
 */
import { CloudError, CloudErrorDetails, errorGuard } from '../cloud-error';

export type TTLockErrorKind =
  /** An argument broke a rule; nothing was sent. `field` names it. */
  | 'validation'
  /** Missing or malformed configuration (host, credentials). */
  | 'config'
  /** Credentials or token refused (10000, 10001, 10003, 10004, 10007, 10011, 30005). */
  | 'auth'
  /** The application belongs to another region's host (30008). */
  | 'region'
  /** The monthly or per-period call cap is spent (30006, 30007). */
  | 'quota'
  /** The account is not the lock's admin, or holds only an ordinary eKey (-2018, 20002). */
  | 'permission'
  /** The lock, passcode or gateway does not exist (-1003, -2009, -4037). */
  | 'not-found'
  /** The gateway (or Wi-Fi lock) is busy with another command (-3003, -3037): nothing was done. */
  | 'gateway-busy'
  /** No usable gateway, or it or the lock is offline / asleep (-2012, -3002, -3034, -3035, -3036). */
  | 'gateway-offline'
  /** TTLock refused the request for a business reason (duplicate, storage full, too simple...). */
  | 'rejected'
  /** The request could not be sent (certainly nothing happened). */
  | 'network'
  /** A malformed or non-JSON answer to a read. */
  | 'protocol'
  /** A write may or may not have happened; listing could not settle it. Never re-send blindly. */
  | 'outcome-unknown';

export interface TTLockErrorDetails extends CloudErrorDetails {
  errmsg?: string;
  advice?: string;
}

export class TTLockError extends CloudError<TTLockErrorKind> {
  readonly name = 'TTLockError' as const;
  readonly errmsg?: string;
  readonly advice?: string;
  /** 30006 only: how long to wait before sending the refused call again. */
  readonly retryAfterMs?: number;

  constructor(kind: TTLockErrorKind, message: string, details: TTLockErrorDetails = {}) {
    super(kind, message, details);
    this.errmsg = details.errmsg;
    this.advice = details.advice;
  }
}

export const isTTLockError = errorGuard(TTLockError, 'TTLockError');

interface CodeInfo {
  kind: TTLockErrorKind;
  advice: string;
}

const AUTH_ADVICE = 'check TTLOCK_CLIENT_ID / secret and that the username is a TTLock app account that can log in to the app';

/** errcode -> kind and advice. Codes missing here become 'rejected' with TTLock's own errmsg. */
export const ERRCODES: Readonly<Record<number, CodeInfo>> = {
  10000: { kind: 'auth', advice: 'the clientId does not exist on this host; check the region' },
  10001: { kind: 'auth', advice: AUTH_ADVICE },
  10003: { kind: 'auth', advice: 'the access token is missing; the client gets a new one by itself' },
  10004: { kind: 'auth', advice: 'the access token expired or was revoked; the client gets a new one by itself' },
  10007: { kind: 'auth', advice: AUTH_ADVICE },
  10011: { kind: 'auth', advice: 'the refresh token is invalid; the client falls back to the password grant' },
  30005: { kind: 'auth', advice: 'the password must be the 32-character lower-case MD5 of the app password' },
  30006: { kind: 'quota', advice: 'too many calls in a short time: TTLock did nothing; reads are asked again after a pause, a write may be sent again after retryAfterMs' },
  30007: { kind: 'quota', advice: 'the monthly API-call cap is spent; upgrade the account or wait for the 1st (Beijing time)' },
  30008: { kind: 'region', advice: 'wrong region: use the cn host for mainland-China accounts and the eu host for all others' },
  80000: { kind: 'rejected', advice: "the request date was more than 5 minutes off the server's clock; check the system clock" },
  20002: { kind: 'permission', advice: "this account is not the lock's admin" },
  [-2018]: { kind: 'permission', advice: "needs the lock's admin (or an authorised admin) account" },
  [-1003]: { kind: 'not-found', advice: 'no such lock for this account' },
  [-2009]: { kind: 'not-found', advice: 'no such passcode on this lock' },
  [-4037]: { kind: 'not-found', advice: 'no such gateway' },
  [-3003]: { kind: 'gateway-busy', advice: 'the gateway is busy with another command; retry in a few seconds' },
  [-3037]: { kind: 'gateway-busy', advice: 'the Wi-Fi lock is busy; retry in a few seconds' },
  [-2012]: { kind: 'gateway-offline', advice: 'no gateway near the lock: add over Bluetooth and record it, or use a random code' },
  [-3002]: { kind: 'gateway-offline', advice: 'the gateway is offline: check its power and network' },
  [-3034]: { kind: 'gateway-offline', advice: 'the Wi-Fi lock was never configured' },
  [-3035]: { kind: 'gateway-offline', advice: 'the Wi-Fi lock is in power-saving mode: use the asynchronous add or Bluetooth' },
  [-3036]: { kind: 'gateway-offline', advice: 'the lock is offline' },
  [-3006]: { kind: 'validation', advice: 'a custom passcode has 4 to 9 digits' },
  [-3]: { kind: 'validation', advice: 'TTLock found a parameter invalid' },
  [-3007]: { kind: 'rejected', advice: 'the same passcode already exists on this lock; choose another' },
  [-2032]: { kind: 'rejected', advice: 'the passcode is too simple (repeated or consecutive digits)' },
  [-3009]: { kind: 'rejected', advice: 'the lock holds 250 custom passcodes already; delete some first' },
  [-4056]: { kind: 'rejected', advice: 'the lock storage is full' },
  [-3008]: { kind: 'rejected', advice: 'a random passcode that was never used on the lock cannot be changed' },
  [-1007]: { kind: 'rejected', advice: 'the cloud has no passcode data for this lock: reset passcodes over Bluetooth, upload lockData, retry' },
  [-1026]: { kind: 'rejected', advice: 'a code for this exact validity was issued and deleted before; pick another whole hour' },
  [-2025]: { kind: 'rejected', advice: 'the lock is frozen' },
  [-4043]: { kind: 'rejected', advice: 'this lock does not support the function' },
};

/** The error for a non-zero errcode. `where` is an operation label such as "passcode add (gateway)". */
export function fromErrcode(code: number, errmsg: string | undefined, where: string, httpStatus?: number): TTLockError {
  const info = ERRCODES[code];
  const text = errmsg?.slice(0, 160);
  const advice = info?.advice ?? (text ? `TTLock says: ${text}` : undefined);
  return new TTLockError(info?.kind ?? 'rejected', `TTLock error ${code} on ${where}${advice ? `: ${advice}` : ''}`, {
    code,
    errmsg: text,
    httpStatus,
    advice,
  });
}

/** Token codes after which a new token and one more attempt are worth it. */
export const TOKEN_CODES: ReadonlySet<number> = new Set([10003, 10004]);
export const CLOCK_CODE = 80000;
/** "Exceeds the restriction on API call number": refused before anything was done. */
export const RATE_LIMIT_CODE = 30006;
