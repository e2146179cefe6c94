/**
 * Benchmark: HTTPS requests, TLS connections and wall time per Tuya temporary password, for lockwire's
 * cloud client and for the same flow written on @tuya/tuya-connector-nodejs 2.1.2, side by side against
 * the same mock Tuya cloud (a fresh mock per run, so neither client sees the other's token). The
 * connector has no lock functions, so its flow is ticket + create through its generic `request()`, with
 * our ticket crypto (it has none). Its axios trusts the mock's test-only CA through an https agent
 * passed as `rpc`; nothing disables certificate checks.
 */
import * as https from 'node:https';
import { performance } from 'node:perf_hooks';
import axios from 'axios';
import { TuyaContext } from '@tuya/tuya-connector-nodejs';
import { createTuyaClient } from '../../cloud/client';
import { encryptPinWithTicket } from '../../cloud/ticket-crypto';
import { TempPasswordFields } from '../../plugin/tuya/temp-password-rules';
import { MOCK_DEVICE_ID, MockFault, MockTuyaCloud, startMockTuyaCloud } from '../../simulator/tuya-cloud';
import * as relayBench from './tuya-relay';

type Create = (fields: TempPasswordFields) => Promise<unknown>;

interface Contender {
  name: string;
  make(mock: MockTuyaCloud): { create: Create; close(): void };
}

const lockwire: Contender = {
  name: 'lockwire cloud client',
  make(mock) {
    const client = createTuyaClient({ baseUrl: mock.baseUrl, accessId: mock.accessId, accessSecret: mock.accessSecret, ca: mock.ca });
    return { create: (f) => client.createTempPassword(f), close: () => client.close() };
  },
};

const connector: Contender = {
  name: 'tuya-connector-nodejs 2.1.2',
  make(mock) {
    const agent = new https.Agent({ ca: mock.ca });
    const ctx = new TuyaContext({ baseUrl: mock.baseUrl, accessKey: mock.accessId, secretKey: mock.accessSecret, rpc: axios.create({ httpsAgent: agent }) });
    const create: Create = async (f) => {
      const ticket = await ctx.request<{ ticket_id: string; ticket_key: string }>({ path: `/v1.0/devices/${f.deviceId}/door-lock/password-ticket`, method: 'POST', body: {} });
      if (!ticket.success) throw new Error(`ticket failed: ${ticket.code}`);
      const created = await ctx.request<{ id: number }>({
        path: `/v2.0/devices/${f.deviceId}/door-lock/temp-password`,
        method: 'POST',
        body: {
          password: encryptPinWithTicket(f.password, ticket.result.ticket_key, mock.accessSecret),
          password_type: 'ticket',
          ticket_id: ticket.result.ticket_id,
          effective_time: Math.floor(f.effectiveTime / 1000),
          invalid_time: Math.floor(f.invalidTime / 1000),
          type: 0,
        },
      });
      if (!created.success) throw new Error(`create failed: ${created.code}`);
      return created.result;
    };
    return { create, close: () => agent.destroy() };
  },
};

let pinSerial = 1000000;
function nextFields(): TempPasswordFields {
  const start = Math.floor(Date.now() / 1000) * 1000 + 3600_000;
  return { deviceId: MOCK_DEVICE_ID, password: String(pinSerial++), effectiveTime: start, invalidTime: start + 3600_000 };
}

interface Row {
  scenario: string;
  client: string;
  ok: number;
  total: number;
  requests: number;
  connections: number;
  ms: number;
}

async function measure(scenario: string, contender: Contender, count: number, opts: { warmup?: number; concurrent?: boolean; fault?: MockFault }): Promise<Row> {
  const mock = await startMockTuyaCloud({ devices: { [MOCK_DEVICE_ID]: { capacity: 10000 } } });
  const c = contender.make(mock);
  try {
    for (let i = 0; i < (opts.warmup ?? 0); i++) await c.create(nextFields());
    mock.resetStats();
    if (opts.fault) mock.inject(opts.fault);
    const began = performance.now();
    let ok = 0;
    const one = () => c.create(nextFields()).then(() => void ok++, () => undefined);
    if (opts.concurrent) await Promise.all(Array.from({ length: count }, one));
    else for (let i = 0; i < count; i++) await one();
    const ms = performance.now() - began;
    return { scenario, client: contender.name, ok, total: count, requests: mock.stats.requests, connections: mock.stats.connections, ms };
  } finally {
    c.close();
    await mock.close();
  }
}

const pad = (s: string, n: number) => s.padEnd(n);
const lpad = (s: string, n: number) => s.padStart(n);

export async function run(log: (line: string) => void): Promise<void> {
  const scenarios: Array<[string, number, Parameters<typeof measure>[3]]> = [
    ['cold (first password)', 1, {}],
    ['warm (token cached), 10 sequential', 10, { warmup: 1 }],
    ['20 concurrent, cold', 20, { concurrent: true }],
    ['warm, token revoked (1010)', 1, { warmup: 1, fault: { kind: 'expire-token', on: 'ticket' } }],
  ];
  // One unprinted round each, so module loading and JIT do not land on whichever client runs first.
  for (const contender of [lockwire, connector]) await measure('warm-up', contender, 1, {});
  log('Tuya temporary password: mock Tuya cloud over HTTPS on 127.0.0.1 (one live token per Access ID, as on Tuya)');
  log(`${pad('scenario', 38)}${pad('client', 30)}${lpad('ok', 7)}${lpad('req/pwd', 9)}${lpad('TLS conns', 11)}${lpad('ms/pwd', 9)}`);
  for (const [scenario, count, opts] of scenarios) {
    for (const contender of [lockwire, connector]) {
      const r = await measure(scenario, contender, count, opts);
      const perPwd = r.ok > 0 ? (r.requests / r.ok).toFixed(2) : `${r.requests} (none ok)`;
      log(
        `${pad(r.scenario, 38)}${pad(r.client, 30)}${lpad(`${r.ok}/${r.total}`, 7)}${lpad(perPwd, 9)}${lpad(String(r.connections), 11)}${lpad((r.ms / r.total).toFixed(1), 9)}`,
      );
    }
  }
  log('req/pwd = HTTPS requests the mock received / passwords created; a failed password still costs its requests.');
  await relayBench.run(log);
}
