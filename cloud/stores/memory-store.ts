/**
 * The default SharedStore: a Map in this process with expiry times. Enough for one relay process; a
 * fleet (several processes, serverless) needs the Redis store, or the processes will fight over the
 * vendor token. Expired entries are dropped when read and swept when the map grows.
 */
import { SharedStore, checkTtl } from './shared-store';

export interface MemoryStoreOptions {
  /** Clock in ms; tests pass a fake one. */
  now?: () => number;
  /** Sweep expired entries when the map passes this many (default 10000). */
  sweepAbove?: number;
}

interface Entry {
  value: string;
  expiresAt: number;
}

export function createMemoryStore(options: MemoryStoreOptions = {}): SharedStore & { size(): number } {
  const now = options.now ?? Date.now;
  const sweepAbove = options.sweepAbove ?? 10000;
  const entries = new Map<string, Entry>();

  function live(key: string): Entry | null {
    const entry = entries.get(key);
    if (!entry) return null;
    if (entry.expiresAt <= now()) {
      entries.delete(key);
      return null;
    }
    return entry;
  }

  function put(key: string, value: string, ttlMs: number): void {
    if (entries.size >= sweepAbove) {
      const t = now();
      for (const [k, e] of entries) if (e.expiresAt <= t) entries.delete(k);
    }
    entries.set(key, { value, expiresAt: now() + checkTtl(ttlMs) });
  }

  return {
    async get(key) {
      return live(key)?.value ?? null;
    },
    async set(key, value, ttlMs) {
      put(key, value, ttlMs);
    },
    async setIfAbsent(key, value, ttlMs) {
      if (live(key)) return false;
      put(key, value, ttlMs);
      return true;
    },
    async deleteIfEquals(key, value) {
      if (live(key)?.value !== value) return false;
      entries.delete(key);
      return true;
    },
    async close() {
      entries.clear();
    },
    size: () => entries.size,
  };
}
