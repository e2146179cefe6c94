/**
 * The store that relay processes share: the vendor access token (one live token per Access ID, so N
 * processes must use one) and idempotency records. Values are short strings with a lifetime. The memory
 * store serves one process; the Redis store (redis-store.ts) serves a fleet. Both vendors' relays use it.
 */

export interface SharedStore {
  /** The value under `key`, or null when absent or expired. */
  get(key: string): Promise<string | null>;
  /** Stores `value` for `ttlMs` (> 0) milliseconds, replacing any value. */
  set(key: string, value: string, ttlMs: number): Promise<void>;
  /** Stores only when `key` is absent; true when this call stored it (a lock, a first claim). */
  setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean>;
  /** Deletes `key` only while it still holds `value` (releasing one's own lock); true when it did. */
  deleteIfEquals(key: string, value: string): Promise<boolean>;
  /** Releases connections the store opened itself (never a client the caller passed in). */
  close(): Promise<void>;
}

/** Keys are namespaced so one Redis can serve several relays or projects. */
export const DEFAULT_KEY_PREFIX = 'lockwire:';

/** Checks a TTL at the edge: a zero, negative or fractional TTL is a programming error, not "forever". */
export function checkTtl(ttlMs: number): number {
  if (!Number.isFinite(ttlMs) || ttlMs < 1) throw new RangeError(`store ttlMs expected a positive number, got ${ttlMs}`);
  return Math.ceil(ttlMs);
}
