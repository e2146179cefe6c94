/**
 * One error type for the cloud side. `kind` says what failed; Tuya's own `code`, `msg` and `tid` are kept
 * as fields so callers (relay, CLI) can pass them on. Messages are built from route labels and codes only:
 * the secret, tokens, ticket keys and PINs have no way in. The shared shape is cloud-error.ts.
 */
import { CloudError, CloudErrorDetails, errorGuard } from './cloud-error';

export type TuyaErrorKind =
  /** An argument broke a rule; nothing was sent. `field` names it. */
  | 'validation'
  /** Missing or malformed configuration (region, secret length...). */
  | 'config'
  /** Tuya answered `success: false`; see `code`, `msg`, `tid`. */
  | 'api'
  /** 28841004: the project's call quota (trial: about 26,000 a month) is used up; nothing will work until it renews. */
  | 'quota'
  /** 28841101: the project has not subscribed the smart-lock API service; subscribe it in the Tuya console. */
  | 'not-subscribed'
  /** Tuya answered with a non-2xx status and no usable envelope. */
  | 'http'
  /** The request could not be sent or no answer arrived (safe to assume nothing happened). */
  | 'network'
  /** A malformed or non-JSON answer. */
  | 'protocol'
  /** The create call may have reached Tuya but its answer was lost: do not blindly re-send. */
  | 'outcome-unknown'
  /** A ticket could not be decrypted (usually the wrong secret or region). */
  | 'crypto';

export interface TuyaErrorDetails extends CloudErrorDetails {
  msg?: string;
  tid?: string;
}

export class TuyaError extends CloudError<TuyaErrorKind> {
  readonly name = 'TuyaError' as const;
  readonly msg?: string;
  readonly tid?: string;

  constructor(kind: TuyaErrorKind, message: string, details: TuyaErrorDetails = {}) {
    super(kind, message, details);
    this.msg = details.msg;
    this.tid = details.tid;
  }
}

export const isTuyaError = errorGuard(TuyaError, 'TuyaError');

/** Codes after which a new token (grant_type=1) and one retry are worth it (§7.1). */
export const TOKEN_CODES: ReadonlySet<number> = new Set([1010, 1011, 1012]);
/** Codes that mean "busy, try again later" on calls that are safe to repeat (§9). */
export const RETRYABLE_CODES: ReadonlySet<number> = new Set([500, 1110, 1111, 1199]);
export const CLOCK_SKEW_CODE = 1013;
export const QUOTA_CODE = 28841004;
export const NOT_SUBSCRIBED_CODE = 28841101;

/** Tuya codes that get a kind of their own, with advice a caller can act on (lifecycle §12, §14). */
export const CODE_KINDS: ReadonlyMap<number, { kind: TuyaErrorKind; advice: string }> = new Map([
  [
    QUOTA_CODE,
    {
      kind: 'quota' as const,
      advice: 'the cloud project has used up its API call quota; every call fails until the quota renews or the plan is upgraded (Tuya console: Cloud > Cloud Services)',
    },
  ],
  [
    NOT_SUBSCRIBED_CODE,
    {
      kind: 'not-subscribed' as const,
      advice: 'the cloud project has not subscribed this API service; subscribe the smart-lock API service in the Tuya console and authorise it for the project',
    },
  ],
]);

/** Network errors raised before any byte reached the server: the call certainly did nothing. */
const NOT_SENT_ERRNO = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** Certificate failures happen before any byte is sent, and repeating them cannot help. */
const TLS_ERRNO = /CERT|SELF_SIGNED|UNABLE_TO_(VERIFY|GET)|ALTNAME/;

function errnoOf(cause: unknown): string {
  const errno = (cause as { code?: unknown } | null)?.code;
  return typeof errno === 'string' ? errno : '';
}

export function wasNeverSent(cause: unknown): boolean {
  const errno = errnoOf(cause);
  return NOT_SENT_ERRNO.has(errno) || TLS_ERRNO.test(errno);
}

export function isCertificateError(cause: unknown): boolean {
  return TLS_ERRNO.test(errnoOf(cause));
}
