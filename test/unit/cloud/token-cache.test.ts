/** The token cache on its own: sharing, refresh before expiry, fallback, and invalidation rules. */
import { TokenGrant, createTokenCache } from '../../../cloud/token-cache';
import { createMemoryStore } from '../../../cloud/stores/memory-store';

function setup(lifetimeSec = 7200) {
  let now = 1_000_000;
  let serial = 0;
  const calls: string[] = [];
  const grant = (): TokenGrant => ({ accessToken: `access-${++serial}`, refreshToken: `refresh-${serial}`, expiresInSec: lifetimeSec });
  let refreshFails = false;
  const cache = createTokenCache({
    now: () => now,
    refreshMarginMs: 60_000,
    grant: async () => {
      calls.push('grant');
      await new Promise((r) => setImmediate(r));
      return grant();
    },
    refresh: async (rt) => {
      calls.push(`refresh:${rt}`);
      if (refreshFails) throw new Error('spent');
      return grant();
    },
  });
  return { cache, calls, advance: (ms: number) => (now += ms), failRefresh: () => (refreshFails = true) };
}

describe('token cache', () => {
  it('twenty concurrent callers share one grant', async () => {
    const { cache, calls } = setup();
    const tokens = await Promise.all(Array.from({ length: 20 }, () => cache.get()));
    expect(new Set(tokens)).toEqual(new Set(['access-1']));
    expect(calls).toEqual(['grant']);
  });

  it('reuses the token until the refresh margin, then refreshes with the refresh token', async () => {
    const { cache, calls, advance } = setup();
    expect(await cache.get()).toBe('access-1');
    advance(7200_000 - 60_001);
    expect(await cache.get()).toBe('access-1');
    advance(2);
    expect(await cache.get()).toBe('access-2');
    expect(calls).toEqual(['grant', 'refresh:refresh-1']);
  });

  it('falls back to a fresh grant when the refresh fails', async () => {
    const { cache, calls, advance, failRefresh } = setup();
    await cache.get();
    advance(7200_000);
    failRefresh();
    expect(await cache.get()).toBe('access-2');
    expect(calls).toEqual(['grant', 'refresh:refresh-1', 'grant']);
  });

  it('caps the margin at half the lifetime so a short-lived token is still used', async () => {
    const { cache, calls, advance } = setup(10);
    await cache.get();
    advance(4_000);
    await cache.get();
    expect(calls).toEqual(['grant']);
    advance(1_001);
    await cache.get();
    expect(calls).toEqual(['grant', 'refresh:refresh-1']);
  });

  it('invalidating a stale token does not discard its newer replacement', async () => {
    const { cache, calls } = setup();
    const first = await cache.get();
    cache.invalidate(first);
    const second = await cache.get();
    cache.invalidate(first);
    expect(await cache.get()).toBe(second);
    expect(calls).toEqual(['grant', 'grant']);
  });
});

describe('token cache over a shared store (several processes)', () => {
  function fleet(size: number, lockTtlMs = 60_000) {
    let now = 1_000_000;
    let serial = 0;
    const calls: string[] = [];
    const store = createMemoryStore({ now: () => now });
    const caches = Array.from({ length: size }, () =>
      createTokenCache({
        now: () => now,
        refreshMarginMs: 60_000,
        store,
        storeKey: 'tuya:abc:token',
        lockTtlMs,
        pollMs: 1,
        sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
        grant: async () => {
          calls.push('grant');
          await new Promise((r) => setTimeout(r, 5));
          return { accessToken: `access-${++serial}`, refreshToken: `refresh-${serial}`, expiresInSec: 7200 };
        },
        refresh: async (rt) => {
          calls.push(`refresh:${rt}`);
          return { accessToken: `access-${++serial}`, refreshToken: `refresh-${serial}`, expiresInSec: 7200 };
        },
      }),
    );
    return { caches, calls, store, advance: (ms: number) => (now += ms) };
  }

  it('four caches asking at once cause one grant and all get its token', async () => {
    const { caches, calls } = fleet(4);
    const tokens = await Promise.all(caches.flatMap((c) => [c.get(), c.get()]));
    expect(new Set(tokens)).toEqual(new Set(['access-1']));
    expect(calls).toEqual(['grant']);
  });

  it('near expiry one cache refreshes and the others pick the new token up from the store', async () => {
    const { caches, calls, advance } = fleet(4);
    await Promise.all(caches.map((c) => c.get()));
    advance(7200_000 - 30_000);
    const tokens = await Promise.all(caches.map((c) => c.get()));
    expect(new Set(tokens)).toEqual(new Set(['access-2']));
    expect(calls).toEqual(['grant', 'refresh:refresh-1']);
  });

  it('a token the vendor rejected causes one new grant across the fleet, not one per process', async () => {
    const { caches, calls } = fleet(4);
    const first = await caches[0].get();
    await Promise.all(caches.map((c) => c.get()));
    for (const c of caches) c.invalidate(first);
    const tokens = await Promise.all(caches.map((c) => c.get()));
    expect(new Set(tokens)).toEqual(new Set(['access-2']));
    expect(calls).toEqual(['grant', 'grant']);
  });

  it('a lock left by a crashed holder expires, and then another process takes over', async () => {
    const { caches, calls, store, advance } = fleet(2, 30);
    await store.setIfAbsent('tuya:abc:token:lock', 'crashed-process', 30);
    const pending = caches[1].get();
    await new Promise((r) => setTimeout(r, 20));
    expect(calls).toEqual([]); // waiting for the holder, not asking the vendor
    advance(31); // the lock's expiry passes
    expect(await pending).toBe('access-1');
    expect(calls).toEqual(['grant']);
  });
});
