/**
 * Bounded back-off for calls that are safe to repeat (token, refresh, ticket, detail). What counts as
 * transient follows tuya-temp-password.md §9: HTTP 5xx, Tuya 500/1110/1111/1199, lost or garbled answers.
 * Everything else (1004 bad signature, 1106, 1109, validation...) fails at once.
 */
import { TuyaLogger } from './api-call';
import { RETRYABLE_CODES, isCertificateError, isTuyaError } from './errors';

export interface RetryPolicy {
  /** Total attempts, including the first. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export function isTransient(err: unknown): boolean {
  if (!isTuyaError(err)) return false;
  switch (err.kind) {
    case 'api':
      return err.code !== undefined && RETRYABLE_CODES.has(err.code);
    case 'http':
      return (err.httpStatus ?? 0) >= 500;
    case 'network':
      return !isCertificateError(err.cause);
    case 'outcome-unknown':
    case 'protocol':
      return true;
    default:
      return false;
  }
}

/** Delay before attempt n+1: base * 2^(n-1), capped. Deterministic, so tests can reason about it. */
export function backoffDelay(policy: RetryPolicy, failedAttempt: number): number {
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (failedAttempt - 1));
}

export async function retrying<T>(
  label: string,
  task: () => Promise<T>,
  policy: RetryPolicy,
  sleep: (ms: number) => Promise<void>,
  logger?: TuyaLogger,
  /** For other vendors: their own idea of transient, and their name in the log line. */
  vendor: { transient?: (err: unknown) => boolean; name?: string } = {},
): Promise<T> {
  const transient = vendor.transient ?? isTransient;
  const attempts = Math.max(1, Math.floor(policy.attempts));
  for (let attempt = 1; ; attempt++) {
    try {
      return await task();
    } catch (err) {
      if (attempt >= attempts || !transient(err)) throw err;
      const delay = backoffDelay(policy, attempt);
      logger?.warn?.(`${vendor.name ?? 'tuya'} ${label}: attempt ${attempt} of ${attempts} failed, retrying in ${delay} ms`);
      await sleep(delay);
    }
  }
}
