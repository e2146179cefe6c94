/**
 * A SharedStore on Redis (the `redis` npm client 6.x), so that N relay processes share one vendor token
 * and one set of idempotency records. Locks are `SET key owner NX PX ttl` and are released with a
 * compare-and-delete script, so a process never releases a lock that expired and was taken by another.
 * Commands fail fast while disconnected (no offline queue): the relay answers instead of hanging.
 */
// Only the type at the top: `redis` is an optional peer, loaded when a Redis store is actually made,
// so the rest of lockwire/cloud loads without it installed.
import type { createClient } from 'redis';
import { DEFAULT_KEY_PREFIX, SharedStore, checkTtl } from './shared-store';

type RedisClient = ReturnType<typeof createClient>;

export interface RedisStoreOptions {
  /** redis://host:port (with credentials if any). Used when `client` is not given. */
  url?: string;
  /** A client you created and connected yourself; close() leaves it open. */
  client?: RedisClient;
  /** Key prefix; default "lockwire:". */
  prefix?: string;
  /** Connect timeout for a client this store creates; default 5000 ms. */
  connectTimeoutMs?: number;
  /** Receives connection errors (redacted to their code); without it they are ignored, never thrown. */
  onError?: (line: string) => void;
}

const RELEASE_SCRIPT = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end";

/** Connects (when given a URL) and returns the store; rejects with a clear error when Redis is unreachable. */
export async function createRedisStore(options: RedisStoreOptions): Promise<SharedStore> {
  const prefix = options.prefix ?? DEFAULT_KEY_PREFIX;
  let owned: RedisClient | null = null;
  let client: RedisClient;
  if (options.client) {
    client = options.client;
  } else {
    if (typeof options.url !== 'string' || !/^rediss?:\/\//.test(options.url)) {
      throw new TypeError('createRedisStore: "url" expected redis://host:port or rediss://host:port');
    }
    let connectedOnce = false;
    let lastCode = '';
    const { createClient: connect } = await import('redis');
    owned = connect({
      url: options.url,
      disableOfflineQueue: true,
      socket: {
        connectTimeout: options.connectTimeoutMs ?? 5000,
        // The first connection fails at once (a clear error at start-up); later drops reconnect with back-off.
        // (A new Error: the client checks `instanceof Error`, which a socket error from another realm can fail.)
        reconnectStrategy: (retries, cause) => {
          if (connectedOnce) return Math.min(50 * 2 ** retries, 2000);
          const code = (cause as { code?: unknown } | undefined)?.code;
          lastCode = typeof code === 'string' ? code : '';
          return new Error('redis connect failed');
        },
      },
    });
    owned.once('ready', () => (connectedOnce = true));
    // Without a listener an 'error' event would crash the process; the URL may hold a password, so only the code.
    owned.on('error', (err: { code?: unknown }) => options.onError?.(`redis store: ${typeof err?.code === 'string' ? err.code : 'connection error'}`));
    try {
      await owned.connect();
    } catch (err) {
      await owned.disconnect().catch(() => undefined);
      const code = (err as { code?: unknown })?.code;
      const why = typeof code === 'string' ? code : lastCode;
      throw new Error(`createRedisStore: cannot connect to Redis${why ? ` (${why})` : ''}`);
    }
    client = owned;
  }

  return {
    async get(key) {
      const value = await client.get(prefix + key);
      return typeof value === 'string' ? value : null;
    },
    async set(key, value, ttlMs) {
      await client.set(prefix + key, value, { expiration: { type: 'PX', value: checkTtl(ttlMs) } });
    },
    async setIfAbsent(key, value, ttlMs) {
      const reply = await client.set(prefix + key, value, { expiration: { type: 'PX', value: checkTtl(ttlMs) }, condition: 'NX' });
      return reply === 'OK';
    },
    async deleteIfEquals(key, value) {
      const reply = await client.eval(RELEASE_SCRIPT, { keys: [prefix + key], arguments: [value] });
      return reply === 1;
    },
    async close() {
      if (owned && owned.isOpen) await owned.close();
    },
  };
}
