/**
 * The SharedStore contract, run against the memory store and a real redis-server: TTLs, set-if-absent as
 * a lock, compare-and-delete, and the Redis store's clear error when Redis is not there.
 */
import { createMemoryStore } from '../../../cloud/stores/memory-store';
import { createRedisStore } from '../../../cloud/stores/redis-store';
import type { SharedStore } from '../../../cloud/stores/shared-store';
import { RedisServer, startRedisServer } from '../../../scripts/fleet/redis-server';

let redis: RedisServer;
let redisStore: SharedStore;
let clock = 1_000_000;
const memory = createMemoryStore({ now: () => clock });

beforeAll(async () => {
  redis = await startRedisServer();
  redisStore = await createRedisStore({ url: redis.url, prefix: `t${process.pid}:` });
});

afterAll(async () => {
  await redisStore?.close();
  await redis?.stop();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each([
  ['memory', () => memory, async (ms: number) => void (clock += ms)],
  ['redis', () => redisStore, (ms: number) => sleep(ms)],
])('%s store', (_name, store, pass) => {
  it('keeps a value for its TTL, then forgets it', async () => {
    await store().set('a', 'one', 150);
    expect(await store().get('a')).toBe('one');
    await pass(250);
    expect(await store().get('a')).toBeNull();
  });

  it('setIfAbsent lets exactly one of many claimers win, and again after expiry', async () => {
    const wins = await Promise.all(Array.from({ length: 20 }, (_, i) => store().setIfAbsent('lock', `owner-${i}`, 150)));
    expect(wins.filter(Boolean)).toHaveLength(1);
    const winner = `owner-${wins.indexOf(true)}`;
    expect(await store().get('lock')).toBe(winner);
    await pass(250);
    expect(await store().setIfAbsent('lock', 'late', 150)).toBe(true);
  });

  it('deleteIfEquals releases only its own value', async () => {
    await store().set('mine', 'owner-a', 10000);
    expect(await store().deleteIfEquals('mine', 'owner-b')).toBe(false);
    expect(await store().get('mine')).toBe('owner-a');
    expect(await store().deleteIfEquals('mine', 'owner-a')).toBe(true);
    expect(await store().get('mine')).toBeNull();
  });

  it('refuses a TTL that is not positive', async () => {
    await expect(store().set('x', 'y', 0)).rejects.toThrow(/ttlMs/);
  });
});

describe('redis store errors', () => {
  it('says clearly when Redis cannot be reached, without echoing the URL', async () => {
    const err = await createRedisStore({ url: 'redis://:s3cretpass@127.0.0.1:1', connectTimeoutMs: 500 }).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(/cannot connect to Redis/);
    expect((err as Error).message).not.toContain('s3cretpass');
  });

  it('refuses a URL that is not redis://', async () => {
    await expect(createRedisStore({ url: 'http://127.0.0.1:6379' })).rejects.toThrow(/redis:\/\//);
  });

  it('prefixes keys so two relays can share one Redis', async () => {
    const other = await createRedisStore({ url: redis.url, prefix: `u${process.pid}:` });
    try {
      await redisStore.set('shared-name', 'first', 10000);
      expect(await other.get('shared-name')).toBeNull();
    } finally {
      await other.close();
    }
  });
});
