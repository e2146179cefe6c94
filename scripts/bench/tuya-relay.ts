/**
 * Benchmark of the Tuya relay: creates per second through the relay (HTTP in, HTTPS to the mock Tuya
 * cloud), token requests per 1,000 creates for one process and for a four-process fleet (with the
 * Redis store, and without it to show the token fight), and Tuya requests per operation against the
 * minimum the API allows. The fleet part needs redis-server (.ci/run installs it).
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { createTuyaClient, TuyaClient } from '../../cloud/client';
import { createRelayHandler } from '../../cloud/relay';
import { createRelayServer } from '../../cloud/relay-http';
import { startMockTuyaCloud } from '../../simulator/tuya-cloud';
import type { MockTuyaCloud } from '../../simulator/tuya-cloud-types';
import { startFleet } from '../fleet/start-fleet';
import { startRedisServer } from '../fleet/redis-server';

const DEVICE = 'vdevbenchrelay01';
const SESSION = 'Bearer bench';
const HOUR = 3600_000;
let serial = 4000000;

function post(url: string, body: object): Promise<number> {
  return new Promise((resolve, reject) => {
    const text = JSON.stringify(body);
    const req = http.request(url, { method: 'POST', headers: { authorization: SESSION, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(text);
  });
}

/** `count` creates over `urls` (round-robin), `concurrency` at a time; returns ok count and seconds. */
async function creates(urls: string[], count: number, concurrency: number): Promise<{ ok: number; sec: number }> {
  const start = Math.floor(Date.now() / HOUR) * HOUR + HOUR;
  let next = 0;
  let ok = 0;
  const began = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        const status = await post(`${urls[i % urls.length]}/temp-passwords`, { deviceId: DEVICE, password: String(serial++), effectiveTime: start, invalidTime: start + HOUR });
        if (status === 200) ok++;
      }
    }),
  );
  return { ok, sec: (performance.now() - began) / 1000 };
}

const mockOptions = (tokenTtlSec = 7200) => ({ tokenTtlSec, deliveryDelayMs: 0, devices: { [DEVICE]: { protocol: 'wifi' as const, capacity: 1_000_000 } } });
const tokenRequests = (mock: MockTuyaCloud) => mock.stats.byEndpoint.token + mock.stats.byEndpoint.refresh;

async function oneRelay(mock: MockTuyaCloud): Promise<{ url: string; client: TuyaClient; close(): Promise<void> }> {
  const client = createTuyaClient({ baseUrl: mock.baseUrl, accessId: mock.accessId, accessSecret: mock.accessSecret, ca: mock.ca });
  const handler = createRelayHandler<string>({ client, authenticate: (req) => (req.headers.authorization === SESSION ? 'bench' : null), authorize: (_u, i) => i.deviceId === DEVICE });
  const server = createRelayServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    client,
    close: async () => {
      client.close();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}

async function throughput(log: (line: string) => void): Promise<void> {
  const mock = await startMockTuyaCloud(mockOptions());
  const relay = await oneRelay(mock);
  try {
    await creates([relay.url], 20, 5); // warm: token, TLS connections, JIT
    mock.resetStats();
    const r = await creates([relay.url], 1000, 20);
    log(`one relay process, 1000 creates, 20 at a time: ${(r.ok / r.sec).toFixed(0)} creates/s (${r.ok}/1000 ok), ${(mock.stats.requests / r.ok).toFixed(2)} Tuya requests per create, ${mock.stats.connections} TLS connections`);
    log(`token requests per 1,000 creates, one process: ${((tokenRequests(mock) * 1000) / Math.max(1, r.ok)).toFixed(1)} after warm-up (the cold start costs exactly 1)`);
  } finally {
    await relay.close();
    await mock.close();
  }
}

async function fleets(log: (line: string) => void): Promise<void> {
  let redis;
  try {
    redis = await startRedisServer();
  } catch (err) {
    log(`fleet: skipped (${err instanceof Error ? err.message : 'redis-server unavailable'})`);
    return;
  }
  try {
    for (const [store, ttl] of [['redis', 7200], ['redis', 5], ['memory', 7200]] as const) {
      const mock = await startMockTuyaCloud(mockOptions(ttl));
      const fleet = await startFleet(mock, { size: 4, store, redisUrl: redis.url, session: SESSION, device: DEVICE, refreshMarginMs: ttl === 5 ? 1000 : 60000 });
      try {
        const r = await creates(fleet.urls, 1000, 20);
        const per1000 = ((tokenRequests(mock) * 1000) / Math.max(1, r.ok)).toFixed(1);
        const label = store === 'redis' ? `4 processes, Redis store, token TTL ${ttl} s` : '4 processes, NO shared store (each its own token)';
        log(`${label}: ${r.ok}/1000 creates ok in ${r.sec.toFixed(1)} s (${(r.ok / r.sec).toFixed(0)}/s), ${tokenRequests(mock)} token requests = ${per1000} per 1,000 creates`);
      } finally {
        await fleet.stop();
        await mock.close();
      }
    }
  } finally {
    await redis.stop();
  }
}

async function perOperation(log: (line: string) => void): Promise<void> {
  const mock = await startMockTuyaCloud(mockOptions());
  const client = createTuyaClient({ baseUrl: mock.baseUrl, accessId: mock.accessId, accessSecret: mock.accessSecret, ca: mock.ca });
  try {
    const start = Math.floor(Date.now() / HOUR) * HOUR + HOUR;
    const { id } = await client.createTempPassword({ deviceId: DEVICE, password: '5647382', effectiveTime: start, invalidTime: start + HOUR }); // warm
    const ops: Array<[string, number, () => Promise<unknown>]> = [
      ['create (ticket + create)', 2, () => client.createTempPassword({ deviceId: DEVICE, password: String(serial++), effectiveTime: start, invalidTime: start + HOUR })],
      ['list', 1, () => client.listTempPasswords(DEVICE)],
      ['detail', 1, () => client.getTempPassword(DEVICE, id)],
      ['modify (ticket + modify)', 2, () => client.modifyTempPassword(DEVICE, id, { password: '5647383', effectiveTime: start, invalidTime: start + 2 * HOUR })],
      ['freeze', 1, () => client.freezeTempPassword(DEVICE, id)],
      ['unfreeze', 1, () => client.unfreezeTempPassword(DEVICE, id)],
      ['delete', 1, () => client.deleteTempPassword(DEVICE, id)],
      ['clear', 1, () => client.clearTempPasswords(DEVICE)],
      ['offline code', 1, () => client.createOfflinePassword(DEVICE, { kind: 'once' })],
      ['dynamic code', 1, () => client.getDynamicPassword(DEVICE)],
    ];
    log(`${'operation (warm token)'.padEnd(28)}${'requests'.padStart(9)}${'minimum'.padStart(9)}`);
    for (const [name, minimum, run] of ops) {
      const before = mock.stats.requests;
      await run();
      log(`${name.padEnd(28)}${String(mock.stats.requests - before).padStart(9)}${String(minimum).padStart(9)}`);
    }
  } finally {
    client.close();
    await mock.close();
  }
}

export async function run(log: (line: string) => void): Promise<void> {
  log('');
  log('Relay: HTTP on 127.0.0.1 -> lockwire client -> mock Tuya cloud over HTTPS (one live token per Access ID)');
  await throughput(log);
  await fleets(log);
  await perOperation(log);
}
