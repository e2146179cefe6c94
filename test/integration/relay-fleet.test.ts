/**
 * Four relay processes behind one Access ID, against the mock Tuya cloud (one live token per Access ID,
 * tokens expiring every few seconds) and a real redis-server: across the whole fleet one token request
 * per expiry and every request answered 200, no 1010 storm. The same fleet without Redis shows why it is
 * needed: each process takes the token from the others.
 */
import * as http from 'node:http';
import { startMockTuyaCloud } from '../../simulator/tuya-cloud';
import type { MockTuyaCloud } from '../../simulator/tuya-cloud-types';
import { Fleet, startFleet } from '../../scripts/fleet/start-fleet';
import { RedisServer, startRedisServer } from '../../scripts/fleet/redis-server';

jest.setTimeout(90_000);

const DEVICE = 'vdevfleet0000001';
const SESSION = 'Bearer fleet-session';
const TOKEN_TTL_SEC = 4;
const REFRESH_MARGIN_MS = 1000;

let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(() => redis?.stop());

function post(url: string, path: string, body: object): Promise<{ status: number; json: any }> {
  return new Promise((resolve, reject) => {
    const text = JSON.stringify(body);
    const req = http.request(`${url}${path}`, { method: 'POST', headers: { authorization: SESSION, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)) } }, (res) => {
      let data = '';
      res.on('data', (c) => (data += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(data) }));
    });
    req.on('error', reject);
    req.end(text);
  });
}

/** Workers send creates and lists round-robin over the fleet for `ms`; returns every answer's status. */
async function drive(fleet: Fleet, ms: number, workers = 12): Promise<number[] & { createsOk?: number }> {
  const statuses: number[] & { createsOk?: number } = [];
  statuses.createsOk = 0;
  const stopAt = Date.now() + ms;
  let n = 0;
  const start = Math.floor(Date.now() / 3600_000) * 3600_000 + 3600_000;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (Date.now() < stopAt) {
        const i = n++;
        const url = fleet.urls[i % fleet.urls.length];
        const res = i % 3 === 0
          ? await post(url, '/temp-passwords', { deviceId: DEVICE, password: String(3000000 + i), effectiveTime: start, invalidTime: start + 3600_000 })
          : await post(url, '/temp-passwords/list', { deviceId: DEVICE });
        statuses.push(res.status);
        if (i % 3 === 0 && res.status === 200) statuses.createsOk!++;
      }
    }),
  );
  return statuses;
}

async function withFleet<T>(store: 'redis' | 'memory', run: (mock: MockTuyaCloud, fleet: Fleet) => Promise<T>): Promise<T> {
  const mock = await startMockTuyaCloud({ tokenTtlSec: TOKEN_TTL_SEC, devices: { [DEVICE]: { protocol: 'wifi', capacity: 100000 } }, deliveryDelayMs: 0 });
  let fleet: Fleet | null = null;
  try {
    fleet = await startFleet(mock, { size: 4, store, redisUrl: redis.url, session: SESSION, device: DEVICE, refreshMarginMs: REFRESH_MARGIN_MS });
    return await run(mock, fleet);
  } finally {
    await fleet?.stop();
    await mock.close();
  }
}

describe('a four-process fleet sharing the token through Redis', () => {
  it('asks for one token per expiry across the fleet, and answers every request', async () => {
    const DURATION = 8000;
    const { statuses, tokenRequests, creates, createsOk } = await withFleet('redis', async (mock, fleet) => {
      const statuses = await drive(fleet, DURATION);
      return { statuses, tokenRequests: mock.stats.byEndpoint.token + mock.stats.byEndpoint.refresh, creates: mock.passwords(DEVICE).length, createsOk: statuses.createsOk };
    });
    expect(statuses.length).toBeGreaterThan(40);
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    // A token is renewed REFRESH_MARGIN_MS before its TTL ends: that is one renewal per (TTL - margin).
    const expiries = Math.ceil((DURATION + 2000) / (TOKEN_TTL_SEC * 1000 - REFRESH_MARGIN_MS));
    expect(tokenRequests).toBeGreaterThanOrEqual(2); // the run did span an expiry
    expect(tokenRequests).toBeLessThanOrEqual(expiries + 1);
    expect(creates).toBe(createsOk); // one password per answered create: none lost, none doubled
  });

  it('without Redis the same fleet fights over the token (each process logs the others out)', async () => {
    const { tokenRequests, failures } = await withFleet('memory', async (mock, fleet) => {
      const statuses = await drive(fleet, 3000);
      return { tokenRequests: mock.stats.byEndpoint.token + mock.stats.byEndpoint.refresh, failures: statuses.filter((s) => s !== 200).length };
    });
    expect(tokenRequests).toBeGreaterThanOrEqual(4);
    expect(tokenRequests + failures).toBeGreaterThan(4);
  });
});
