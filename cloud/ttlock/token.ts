/**
 * TTLock access tokens (ttlock-cloud-api.md §3): the password grant on /oauth2/token with the MD5 of the
 * app password, and the refresh grant before expiry. Caching, one in-flight request for concurrent
 * callers, and sharing one token between processes (a SharedStore: memory or Redis, with a lock so only
 * one process asks TTLock) are the shared token cache's (cloud/token-cache.ts); this file adds what is
 * TTLock's: the grants' shapes and the account's uid. The store holds secrets: protect it like the
 * client secret.
 */
import { createHash } from 'node:crypto';
import { TokenGrant, createTokenCache } from '../token-cache';
import type { SharedStore } from '../stores/shared-store';
import { TTLockError } from './errors';

/** Lower-case hex MD5, as /oauth2/token wants the password. */
export function md5Hex(text: string): string {
  return createHash('md5').update(text, 'utf8').digest('hex');
}

export interface TokenAnswer {
  access_token?: unknown;
  refresh_token?: unknown;
  expires_in?: unknown;
  uid?: unknown;
}

export interface TTLockTokensOptions {
  /** Unique per host, application and account. */
  storeKey: string;
  store?: SharedStore;
  now(): number;
  refreshMarginMs: number;
  passwordGrant(): Promise<TokenAnswer>;
  refreshGrant(refreshToken: string): Promise<TokenAnswer>;
  sleep?: (ms: number) => Promise<void>;
}

export interface TTLockTokens {
  get(): Promise<string>;
  /** TTLock refused `token` (10003/10004): never use it again, in this process or from the store. */
  invalidate(token: string): void;
  /** The account's uid, once this process obtained a token itself. */
  uid(): number | undefined;
}

export function createTTLockTokens(options: TTLockTokensOptions): TTLockTokens {
  let uid: number | undefined;
  const toGrant = (a: TokenAnswer): TokenGrant => {
    if (typeof a?.access_token !== 'string' || typeof a.expires_in !== 'number' || !Number.isFinite(a.expires_in)) {
      throw new TTLockError('protocol', 'token answer lacks access_token or expires_in');
    }
    if (typeof a.uid === 'number') uid = a.uid;
    return { accessToken: a.access_token, refreshToken: typeof a.refresh_token === 'string' ? a.refresh_token : '', expiresInSec: a.expires_in };
  };
  const cache = createTokenCache({
    now: options.now,
    refreshMarginMs: options.refreshMarginMs,
    store: options.store,
    storeKey: options.storeKey,
    sleep: options.sleep,
    grant: async () => toGrant(await options.passwordGrant()),
    refresh: async (refreshToken) => toGrant(await options.refreshGrant(refreshToken)),
  });
  return { get: () => cache.get(), invalidate: (token) => cache.invalidate(token), uid: () => uid };
}
