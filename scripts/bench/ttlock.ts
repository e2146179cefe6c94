/**
 * Benchmark: HTTPS requests and TLS connections per TTLock operation, cold (a new client: token and,
 * for gateway writes, the gateway lookup) and warm (a client that already has both), against the mock
 * TTLock cloud; then custom passcodes added per minute through one gateway under the mock's 3 to 8 s
 * gateway latency, all sent at once and serialised by the client's queue (the mock counts any -3003).
 */
import { performance } from 'node:perf_hooks';
import { createTTLockClient, TTLockClient } from '../../cloud/ttlock/client';
import { MockTTLockCloud, startMockTTLockCloud } from '../../simulator/ttlock-cloud';

const HOUR = 3600_000;
const start = () => Math.ceil(Date.now() / HOUR) * HOUR + HOUR;
let serial = 4_100_000;
const code = () => String(serial += 7919);

function clientFor(mock: MockTTLockCloud): TTLockClient {
  const u = mock.users[0];
  return createTTLockClient({ host: mock.baseUrl, clientId: mock.clientId, clientSecret: mock.clientSecret, username: u.username, password: u.password, ca: mock.ca });
}

type Op = [string, (c: TTLockClient, lockId: number) => Promise<unknown>];

const OPS: Op[] = [
  ['listLocks', (c) => c.listLocks()],
  ['getAdminLockData', (c, id) => c.getAdminLockData(id)],
  ['recordPasscode (addType=1)', (c, id) => c.recordPasscode({ lockId: id, passcode: code(), startDate: start(), endDate: start() + 24 * HOUR })],
  ['addPasscodeViaGateway (addType=2)', (c, id) => c.addPasscodeViaGateway({ lockId: id, passcode: code(), startDate: start(), endDate: start() + 24 * HOUR })],
  ['getRandomPasscode (timed)', (c, id) => c.getRandomPasscode({ lockId: id, type: 'timed', startDate: start(), endDate: start() + 48 * HOUR })],
  ['listPasscodes (one page)', (c, id) => c.listPasscodes(id)],
];

async function requestsPerOperation(log: (line: string) => void): Promise<void> {
  const mock = await startMockTTLockCloud({ gatewayLatencyMs: 20, monthlyCap: 1_000_000 });
  const lockId = mock.lockIds[0];
  try {
    log('operation                            cold req/conn   warm req/conn');
    for (const [name, op] of OPS) {
      const cold = clientFor(mock);
      mock.resetStats();
      await op(cold, lockId);
      const c = { ...mock.stats };
      mock.resetStats();
      await op(cold, lockId);
      const w = { ...mock.stats };
      cold.close();
      log(`${name.padEnd(36)} ${`${c.requests}/${c.connections}`.padEnd(15)} ${w.requests}/${w.connections}`);
    }
  } finally {
    await mock.close();
  }
  log('(minimum the API allows: 1 per operation warm; cold adds /oauth2/token, gateway writes also /v3/gateway/listByLock)');
}

async function gatewayThroughput(log: (line: string) => void): Promise<void> {
  const mock = await startMockTTLockCloud({ gatewayLatencyMs: [3000, 8000], monthlyCap: 1_000_000 });
  const client = clientFor(mock);
  const lockId = mock.lockIds[0];
  const n = 5;
  try {
    await client.listGatewaysOfLock(lockId); // warm: token and TLS
    const t0 = performance.now();
    await Promise.all(Array.from({ length: n }, () => client.addPasscodeViaGateway({ lockId, passcode: code(), startDate: start(), endDate: start() + 24 * HOUR })));
    const seconds = (performance.now() - t0) / 1000;
    log(`${n} adds sent at once to one gateway: ${seconds.toFixed(1)} s, ${((n / seconds) * 60).toFixed(1)} adds/minute`);
    log(`gateway busy refusals (-3003): ${mock.stats.gatewayBusyRefusals}; most commands at once on the gateway: ${mock.stats.maxGatewayConcurrency}`);
  } finally {
    client.close();
    await mock.close();
  }
}

export async function run(log: (line: string) => void): Promise<void> {
  await requestsPerOperation(log);
  await gatewayThroughput(log);
}
