/**
 * A Tuya relay on 127.0.0.1 in front of lockwire's client and the mock Tuya cloud, for relay tests.
 * Two users own one device each (A owns DEVICE_A, B owns DEVICE_B); sessions are bearer tokens. `send`
 * speaks raw HTTP so tests can send what no well-behaved client would.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTuyaClient, TuyaClient, TuyaClientOptions } from '../../cloud/client';
import { createRelayHandler, RelayOptions } from '../../cloud/relay';
import { createRelayServer } from '../../cloud/relay-http';
import type { MockTuyaCloudOptions, MockTuyaCloud } from '../../simulator/tuya-cloud-types';
import { startMockTuyaCloud } from '../../simulator/tuya-cloud';

export const DEVICE_A = 'vdevownedbyalice';
export const DEVICE_B = 'vdevownedbybob01';
export const SESSION_A = 'Bearer session-alice';
export const SESSION_B = 'Bearer session-bob';
const OWNERS: Record<string, string> = { [DEVICE_A]: 'alice', [DEVICE_B]: 'bob' };
const SESSIONS: Record<string, string> = { [SESSION_A]: 'alice', [SESSION_B]: 'bob' };

export interface RelayHarness {
  mock: MockTuyaCloud;
  client: TuyaClient;
  base: string;
  logs: string[];
  /** Every intent authorize saw, with the principal. */
  seen: Array<{ user: string; action: string; deviceId?: string }>;
  send(path: string, body: string | Buffer, headers?: Record<string, string>, method?: string): Promise<{ status: number; json: any; text: string; headers: http.IncomingHttpHeaders }>;
  post(path: string, body: object, session?: string, extra?: Record<string, string>): Promise<{ status: number; json: any; text: string; headers: http.IncomingHttpHeaders }>;
  close(): Promise<void>;
}

export async function startRelayHarness(
  more: Partial<RelayOptions<{ id: string }>> = {},
  mockOptions: MockTuyaCloudOptions = {},
  clientOptions: Partial<TuyaClientOptions> = {},
): Promise<RelayHarness> {
  const mock = await startMockTuyaCloud({ devices: { [DEVICE_A]: { protocol: 'wifi' }, [DEVICE_B]: { protocol: 'zigbee' } }, deliveryDelayMs: 0, ...mockOptions });
  const client = createTuyaClient({ baseUrl: mock.baseUrl, accessId: mock.accessId, accessSecret: mock.accessSecret, ca: mock.ca, retry: { baseDelayMs: 5 }, ...clientOptions });
  const logs: string[] = [];
  const seen: RelayHarness['seen'] = [];
  const handler = createRelayHandler<{ id: string }>({
    client,
    authenticate: (req) => {
      const user = SESSIONS[String(req.headers.authorization)];
      return user ? { id: user } : null;
    },
    authorize: (user, intent) => {
      seen.push({ user: user.id, action: intent.action, deviceId: intent.deviceId });
      return OWNERS[intent.deviceId ?? ''] === user.id;
    },
    logger: { warn: (l) => logs.push(l), debug: (l) => logs.push(l) },
    ...more,
  });
  const server = createRelayServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;

  const send: RelayHarness['send'] = (path, body, headers = {}, method = 'POST') =>
    new Promise((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, path, method, headers: { 'content-length': String(Buffer.byteLength(body)), ...headers } }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => {
          let json: unknown = null;
          try {
            json = JSON.parse(text);
          } catch {
            // left null: the test looks at `text`
          }
          resolve({ status: res.statusCode ?? 0, json, text, headers: res.headers });
        });
      });
      req.on('error', reject);
      req.end(body);
    });

  return {
    mock,
    client,
    base: `http://127.0.0.1:${port}`,
    logs,
    seen,
    send,
    post: (path, body, session = SESSION_A, extra = {}) =>
      send(path, JSON.stringify(body), { authorization: session, 'content-type': 'application/json', ...extra }),
    async close() {
      client.close();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await mock.close();
    },
  };
}

/** A valid body for every relay route, on `deviceId`. */
export function validBodies(deviceId: string, passwordId = '1', now = Date.now()): Record<string, object> {
  const start = Math.floor(now / 3600_000) * 3600_000 + 3600_000;
  return {
    '/temp-passwords': { deviceId, password: '8642097', effectiveTime: start, invalidTime: start + 86_400_000 },
    '/temp-passwords/list': { deviceId, valid: true },
    '/temp-passwords/get': { deviceId, passwordId },
    '/temp-passwords/modify': { deviceId, passwordId, password: '7531864', effectiveTime: start, invalidTime: start + 2 * 86_400_000, name: 'room 12' },
    '/temp-passwords/freeze': { deviceId, passwordId },
    '/temp-passwords/unfreeze': { deviceId, passwordId },
    '/temp-passwords/delete': { deviceId, passwordId },
    '/temp-passwords/clear': { deviceId },
    '/temp-passwords/offline': { deviceId, kind: 'multiple', effectiveTime: start, invalidTime: start + 86_400_000 },
    '/temp-passwords/dynamic': { deviceId },
  };
}
