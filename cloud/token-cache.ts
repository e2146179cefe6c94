/**
 * The access-token cache. One token is shared by every caller; concurrent callers share one in-flight
 * token request; a token close to expiry is refreshed with its refresh token (which works once), and a
 * failed refresh falls back to a fresh grant. Tuya keeps one live token per Access ID (§7.1), so asking
 * for tokens needlessly would also log out other instances.
 */

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
}

export interface TokenCache {
  /** A token valid for at least a little while; fetches or refreshes as needed. */
  get(): Promise<string>;
  /**
   * Tuya rejected `token` (1010/1011/1012): forget it, unless a newer one already replaced it, so
   * twenty callers failing with the same token cause one new grant, not twenty.
   */
  invalidate(token: string): void;
}

interface CachedToken {
  accessToken: string;
  refreshToken: string;
  refreshAt: number;
}

export function createTokenCache(options: TokenCacheOptions): TokenCache {
  let current: CachedToken | null = null;
  let inFlight: Promise<string> | null = null;

  function store(grant: TokenGrant): string {
    const issuedAt = options.now();
    const lifetime = Math.max(0, grant.expiresInSec * 1000);
    const margin = Math.min(options.refreshMarginMs, lifetime / 2);
    current = {
      accessToken: grant.accessToken,
      refreshToken: grant.refreshToken,
      refreshAt: issuedAt + lifetime - margin,
    };
    return grant.accessToken;
  }

  async function renew(previous: CachedToken | null): Promise<string> {
    if (previous && previous.refreshToken) {
      try {
        return store(await options.refresh(previous.refreshToken));
      } catch {
        // The refresh token works once and may already be spent (another instance, a lost answer):
        // a fresh grant is the documented way out.
      }
    }
    return store(await options.grant());
  }

  function shared(task: () => Promise<string>): Promise<string> {
    if (!inFlight) {
      inFlight = task().finally(() => {
        inFlight = null;
      });
    }
    return inFlight;
  }

  return {
    get(): Promise<string> {
      if (inFlight) return inFlight;
      const now = options.now();
      if (current && now < current.refreshAt) return Promise.resolve(current.accessToken);
      const previous = current;
      // An expired token still has a usable refresh token; only a rejected one (invalidate) does not.
      return shared(() => renew(previous));
    },
    invalidate(token: string): void {
      if (current && current.accessToken === token) current = null;
    },
  };
}
