/**
 * The access-token cache, shared through a SharedStore. Tuya (and TTLock) keep one live token per
 * Access ID (tuya-temp-password.md §7.1): a process that fetches a token logs every other holder out.
 * So every process of a fleet reads the token from the store, and only the holder of the store's lock
 * (SET NX with expiry) asks the vendor for a new one; the others wait for it to appear. In one process,
 * concurrent callers share one in-flight acquisition. A token close to expiry is refreshed with its
 * refresh token (which works once); a failed refresh falls back to a fresh grant.
 */
import { randomUUID } from 'node:crypto';
import { createMemoryStore } from './stores/memory-store';
import type { SharedStore } from './stores/shared-store';

export interface TokenGrant {
  accessToken: string;
  refreshToken: string;
  /** Lifetime in seconds, as Tuya's `expire_time`. */
  expiresInSec: number;
}

export interface TokenCacheOptions {
  /** GET /v1.0/token?grant_type=1. */
  grant(): Promise<TokenGrant>;
  /** GET /v1.0/token/{refresh_token}. */
  refresh(refreshToken: string): Promise<TokenGrant>;
  /** Server-aligned clock in ms. */
  now(): number;
  /** Refresh this long before expiry (capped at half the lifetime). */
  refreshMarginMs: number;
  /** Where the token lives; default a store private to this cache (one process). */
  store?: SharedStore;
  /** Store key, unique per vendor and Access ID (e.g. "tuya:<accessId>:token"). */
  storeKey?: string;
  /** Lock lifetime: longer than one grant can take, short enough to recover from a crashed holder. */
  lockTtlMs?: number;
  /** How often a waiting process looks for the new token; default 25 ms. */
  pollMs?: number;
  /** Give up waiting for another process's token after this long; default 30000 ms. */
  waitMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

export interface TokenCache {
  /** A token valid for at least a little while; fetches or refreshes as needed. */
  get(): Promise<string>;
  /**
   * The vendor rejected `token` (1010/1011/1012): forget it, unless a newer one already replaced it, so
   * twenty callers failing with the same token cause one new grant, not twenty.
   */
  invalidate(token: string): void;
}

const KEEP_REFRESH_MS = 24 * 3600_000;

interface StoredToken {
  accessToken: string;
  refreshToken: string;
  refreshAt: number;
  expiresAt: number;
}

function parseStored(text: string | null): StoredToken | null {
  if (!text) return null;
  try {
    const v = JSON.parse(text) as StoredToken;
    return typeof v?.accessToken === 'string' && typeof v.refreshAt === 'number' ? v : null;
  } catch {
    return null;
  }
}

export function createTokenCache(options: TokenCacheOptions): TokenCache {
  const store = options.store ?? createMemoryStore({ now: options.now });
  const key = options.storeKey ?? 'token';
  const lockKey = `${key}:lock`;
  const lockTtlMs = options.lockTtlMs ?? 60000;
  const pollMs = options.pollMs ?? 25;
  const waitMs = options.waitMs ?? 30000;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const owner = randomUUID();
  let local: StoredToken | null = null;
  /** The last token the vendor rejected: never taken from the store again. */
  let rejected: string | null = null;
  let inFlight: Promise<string> | null = null;

  const usable = (t: StoredToken | null, now: number): t is StoredToken =>
    t !== null && t.accessToken !== rejected && now < t.refreshAt;

  function record(grant: TokenGrant): StoredToken {
    const issuedAt = options.now();
    const lifetime = Math.max(0, grant.expiresInSec * 1000);
    const margin = Math.min(options.refreshMarginMs, lifetime / 2);
    return { accessToken: grant.accessToken, refreshToken: grant.refreshToken, refreshAt: issuedAt + lifetime - margin, expiresAt: issuedAt + lifetime };
  }

  /** Holding the lock: renew from what the store holds now (refresh if we can, else a fresh grant). */
  async function renew(previous: StoredToken | null): Promise<StoredToken> {
    if (previous && previous.refreshToken && previous.accessToken !== rejected) {
      try {
        return record(await options.refresh(previous.refreshToken));
      } catch {
        // The refresh token works once and may already be spent (another program, a lost answer):
        // a fresh grant is the documented way out.
      }
    }
    return record(await options.grant());
  }

  async function acquire(): Promise<string> {
    const giveUpAt = Date.now() + waitMs;
    for (;;) {
      const seen = parseStored(await store.get(key));
      if (usable(seen, options.now())) return (local = seen).accessToken;
      if (await store.setIfAbsent(lockKey, owner, lockTtlMs)) {
        try {
          // Another process may have stored a token between our read and our lock.
          const current = parseStored(await store.get(key));
          if (usable(current, options.now())) return (local = current).accessToken;
          const fresh = await renew(current);
          // Kept past expiry: an expired token's refresh token still works (once), which saves a grant.
          await store.set(key, JSON.stringify(fresh), Math.max(1, fresh.expiresAt - options.now()) + KEEP_REFRESH_MS);
          return (local = fresh).accessToken;
        } finally {
          await store.deleteIfEquals(lockKey, owner).catch(() => undefined);
        }
      }
      if (Date.now() >= giveUpAt) throw new Error(`no access token within ${waitMs} ms: another process holds the token lock`);
      await sleep(pollMs);
    }
  }

  return {
    get(): Promise<string> {
      if (inFlight) return inFlight;
      if (usable(local, options.now())) return Promise.resolve(local.accessToken);
      inFlight = acquire().finally(() => {
        inFlight = null;
      });
      return inFlight;
    },
    invalidate(token: string): void {
      rejected = token;
      if (local && local.accessToken === token) local = null;
    },
  };
}
