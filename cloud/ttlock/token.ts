/**
 * TTLock access tokens (ttlock-cloud-api.md §3): the password grant on /oauth2/token with the MD5 of the
 * app password, the refresh grant before expiry, one in-flight request for all concurrent callers
 * (cloud/token-cache.ts), and a store so several processes share one token per account instead of each
 * logging in. The store holds secrets: give it the protection you give the client secret.
 */
import { createHash } from 'node:crypto';
import { TokenGrant, createTokenCache } from '../token-cache';
import { TTLockError } from './errors';

export interface StoredTTLockToken {
  accessToken: string;
  refreshToken: string;
  /** Server-clock ms at which the access token expires. */
  expiresAt: number;
  uid?: number;
}

/** Where tokens live between processes. Keys are "ttlock:<host>:<clientId>:<username>". */
export interface TTLockTokenStore {
  get(key: string): Promise<StoredTTLockToken | undefined>;
  set(key: string, token: StoredTTLockToken): Promise<void>;
}

export function createMemoryTokenStore(): TTLockTokenStore {
  const map = new Map<string, StoredTTLockToken>();
  return {
    get: async (key) => {
      const t = map.get(key);
      return t && { ...t };
    },
    set: async (key, token) => void map.set(key, { ...token }),
  };
}

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
  key: string;
  store: TTLockTokenStore;
  now(): number;
  refreshMarginMs: number;
  passwordGrant(): Promise<TokenAnswer>;
  refreshGrant(refreshToken: string): Promise<TokenAnswer>;
}

export interface TTLockTokens {
  get(): Promise<string>;
  /** TTLock refused `token` (10003/10004): never use it again, in this process or from the store. */
  invalidate(token: string): void;
  uid(): number | undefined;
}

export function createTTLockTokens(options: TTLockTokensOptions): TTLockTokens {
  const rejected = new Set<string>();
  let uid: number | undefined;

  const toStored = (a: TokenAnswer): StoredTTLockToken => {
    if (typeof a?.access_token !== 'string' || typeof a.expires_in !== 'number' || !Number.isFinite(a.expires_in)) {
      throw new TTLockError('protocol', 'token answer lacks access_token or expires_in');
    }
    return {
      accessToken: a.access_token,
      refreshToken: typeof a.refresh_token === 'string' ? a.refresh_token : '',
      expiresAt: options.now() + a.expires_in * 1000,
      uid: typeof a.uid === 'number' ? a.uid : undefined,
    };
  };
  const toGrant = (t: StoredTTLockToken): TokenGrant => {
    uid = t.uid ?? uid;
    return { accessToken: t.accessToken, refreshToken: t.refreshToken, expiresInSec: (t.expiresAt - options.now()) / 1000 };
  };
  /** A token another process stored, still comfortably valid and not one TTLock refused. */
  async function fromStore(unlike?: string): Promise<StoredTTLockToken | undefined> {
    const t = await options.store.get(options.key);
    if (!t || rejected.has(t.accessToken) || t.accessToken === unlike) return undefined;
    const left = t.expiresAt - options.now();
    return left > Math.min(options.refreshMarginMs, left / 2) + 1000 && left > 0 ? t : undefined;
  }
  async function keep(t: StoredTTLockToken): Promise<TokenGrant> {
    await options.store.set(options.key, t);
    return toGrant(t);
  }

  let current: string | undefined;
  const cache = createTokenCache({
    now: options.now,
    refreshMarginMs: options.refreshMarginMs,
    grant: async () => {
      const shared = await fromStore();
      return shared ? toGrant(shared) : keep(toStored(await options.passwordGrant()));
    },
    refresh: async (refreshToken) => {
      const shared = await fromStore(current);
      return shared ? toGrant(shared) : keep(toStored(await options.refreshGrant(refreshToken)));
    },
  });

  return {
    get: async () => (current = await cache.get()),
    invalidate(token) {
      rejected.add(token);
      cache.invalidate(token);
    },
    uid: () => uid,
  };
}
