/**
 * A mock Tuya cloud: a real HTTPS server on 127.0.0.1 (test-only certificate in simulator/certs) that
 * speaks Tuya's envelope for token, refresh, password-ticket, v2.0 temp-password create and password
 * detail/list. It checks every signature and timestamp, expires tokens and tickets, decrypts passwords
 * and simulates delivery. Faults are injected per endpoint; every request and TLS connection is counted
 * so benchmarks and tests can compare clients by what actually crossed the wire.
 */
import * as fs from 'node:fs';
import * as https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { verifySignature } from './tuya-cloud-auth';
import { MockCloudState, MockDevice, StoredPassword } from './tuya-cloud-state';
import { checkCreateBody, checkPlainPin } from './tuya-cloud-validate';

export type MockEndpoint = 'token' | 'refresh' | 'ticket' | 'create' | 'detail' | 'list' | 'unknown';

export type MockFault =
  /** The next business call answers 1010 and its token dies (another program took the token). */
  | { kind: 'expire-token'; on?: MockEndpoint }
  | { kind: 'http-500'; on?: MockEndpoint; times?: number }
  | { kind: 'code'; code: number; on?: MockEndpoint; times?: number }
  | { kind: 'slow'; delayMs: number; on?: MockEndpoint; times?: number }
  /** Destroys the socket; with `after`, only once the request has been processed (answer lost). */
  | { kind: 'drop'; on?: MockEndpoint; times?: number; after?: boolean }
  | { kind: 'malformed-json'; on?: MockEndpoint; times?: number; after?: boolean };

export interface MockTuyaCloudOptions {
  accessId?: string;
  accessSecret?: string;
  devices?: Record<string, MockDevice>;
  tokenTtlSec?: number;
  ticketTtlSec?: number;
  singleUseTickets?: boolean;
  singleLiveToken?: boolean;
  maxSkewMs?: number;
  deliveryDelayMs?: number;
}

export interface MockStats {
  requests: number;
  connections: number;
  byEndpoint: Record<MockEndpoint, number>;
  /** Ticket ids used by successful creates, in order. */
  ticketsUsed: string[];
}

export interface MockTuyaCloud {
  baseUrl: string;
  /** PEM of the test-only CA that signed the server certificate. */
  ca: string;
  caPath: string;
  accessId: string;
  accessSecret: string;
  stats: MockStats;
  inject(fault: MockFault): void;
  passwords(deviceId?: string): StoredPassword[];
  resetStats(): void;
  close(): Promise<void>;
}

export const MOCK_DEVICE_ID = 'vdevlockwire0001';

declare const __LOCKWIRE_ROOT__: string | undefined;

/** Works from source (jest), from a bundle made by scripts/run-ts.js, and from the repository root. */
export function mockCertDir(): string {
  const roots = [typeof __LOCKWIRE_ROOT__ === 'string' ? __LOCKWIRE_ROOT__ : '', path.resolve(__dirname, '..'), process.cwd()];
  for (const root of roots) {
    const dir = path.join(root, 'simulator', 'certs');
    if (root && fs.existsSync(path.join(dir, 'test-ca.pem'))) return dir;
  }
  throw new Error('simulator/certs/test-ca.pem not found');
}

function endpointOf(method: string, p: string): MockEndpoint {
  if (method === 'GET' && p === '/v1.0/token') return 'token';
  if (method === 'GET' && /^\/v1\.0\/token\/[^/]+$/.test(p)) return 'refresh';
  if (method === 'POST' && /^\/v1\.0\/devices\/[^/]+\/door-lock\/password-ticket$/.test(p)) return 'ticket';
  if (method === 'POST' && /^\/v2\.0\/devices\/[^/]+\/door-lock\/temp-password$/.test(p)) return 'create';
  if (method === 'GET' && /^\/v1\.0\/devices\/[^/]+\/door-lock\/temp-password\/[^/]+$/.test(p)) return 'detail';
  if (method === 'GET' && /^\/v1\.0\/devices\/[^/]+\/door-lock\/temp-passwords$/.test(p)) return 'list';
  return 'unknown';
}

const emptyStats = (): MockStats => ({
  requests: 0,
  connections: 0,
  byEndpoint: { token: 0, refresh: 0, ticket: 0, create: 0, detail: 0, list: 0, unknown: 0 },
  ticketsUsed: [],
});

export async function startMockTuyaCloud(options: MockTuyaCloudOptions = {}): Promise<MockTuyaCloud> {
  const certDir = mockCertDir();
  const caPath = path.join(certDir, 'test-ca.pem');
  const accessId = options.accessId ?? `mock${randomBytes(8).toString('hex')}`;
  const accessSecret = options.accessSecret ?? randomBytes(16).toString('hex');
  const devices: Record<string, MockDevice> = options.devices ?? { [MOCK_DEVICE_ID]: {} };
  const deliveryDelayMs = options.deliveryDelayMs ?? 50;
  const state = new MockCloudState(accessSecret, {
    tokenTtlSec: options.tokenTtlSec ?? 7200,
    ticketTtlSec: options.ticketTtlSec ?? 300,
    singleUseTickets: options.singleUseTickets ?? true,
    singleLiveToken: options.singleLiveToken ?? true,
  });
  let stats = emptyStats();
  const faults: MockFault[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const sockets = new Set<Socket>();

  const takeFault = (endpoint: MockEndpoint, kinds: MockFault['kind'][]): MockFault | undefined => {
    const i = faults.findIndex((f) => kinds.includes(f.kind) && (f.on === undefined || f.on === endpoint));
    if (i < 0) return undefined;
    const fault = faults[i];
    const left = ('times' in fault && fault.times !== undefined ? fault.times : 1) - 1;
    if (left > 0) faults[i] = { ...fault, times: left } as MockFault;
    else faults.splice(i, 1);
    return fault;
  };

  const envelope = (body: object): string => JSON.stringify({ ...body, t: Date.now(), tid: randomBytes(16).toString('hex') });
  const ok = (result: unknown) => ({ status: 200, text: envelope({ success: true, result }) });
  const err = (code: number, msg: string, status = 200) => ({ status, text: envelope({ success: false, code, msg }) });

  function route(endpoint: MockEndpoint, req: IncomingMessage, body: Buffer): { status: number; text: string } {
    const now = Date.now();
    const verdict = verifySignature(
      { method: req.method ?? 'GET', rawUrl: req.url ?? '/', headers: req.headers, body },
      { accessId, accessSecret, serverNow: now, maxSkewMs: options.maxSkewMs ?? 300000 },
    );
    if (!verdict.ok) return err(verdict.code, verdict.msg);
    if (endpoint === 'token') {
      if (verdict.query.get('grant_type') !== '1') return err(1109, 'param is illegal');
      return ok(state.grantToken(now));
    }
    if (endpoint === 'refresh') {
      const granted = state.refresh(verdict.path.split('/').pop() ?? '', now);
      return granted ? ok(granted) : err(1012, 'token status is invalid');
    }
    if (endpoint === 'unknown') return err(1108, 'uri path invalid', 404);
    const tokenCode = state.checkToken(verdict.accessToken, now);
    if (tokenCode !== 0) return err(tokenCode, tokenCode === 1010 ? 'token is expired' : 'token invalid');
    if (takeFault(endpoint, ['expire-token'])) {
      state.expireToken(verdict.accessToken);
      return err(1010, 'token is expired');
    }
    const deviceId = verdict.path.split('/')[3];
    const device = devices[deviceId];
    if (!device) return err(2010, 'device not exist');
    if (endpoint === 'ticket') return ok(state.issueTicket(deviceId, now));
    if (endpoint === 'detail' || endpoint === 'list') {
      const mine = state.passwords.filter((p) => p.deviceId === deviceId);
      if (endpoint === 'list') return ok(mine.map((p) => state.detail(p, device, now, deliveryDelayMs)));
      const found = mine.find((p) => p.id === verdict.path.split('/').pop());
      return found ? ok(state.detail(found, device, now, deliveryDelayMs)) : err(1109, 'param is illegal');
    }
    let parsed: Record<string, unknown>;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      return err(1109, 'param is illegal');
    }
    const problem = checkCreateBody(parsed);
    if (problem) return err(problem.code, problem.msg);
    if (device.online === false) return err(2001, 'device is offline');
    const pin = state.openPassword(String(parsed.ticket_id), deviceId, String(parsed.password), now);
    if (pin === null) return err(1109, 'param is illegal');
    const pinProblem = checkPlainPin(pin, device.pinLength ?? { min: 6, max: 10 });
    if (pinProblem) return err(pinProblem.code, pinProblem.msg);
    const stored = state.store(deviceId, pin, parsed, device, now);
    stats.ticketsUsed.push(String(parsed.ticket_id));
    return ok({ id: Number(stored.id) });
  }

  function answer(endpoint: MockEndpoint, req: IncomingMessage, res: ServerResponse, body: Buffer): void {
    if (takeFault(endpoint, ['drop'])?.kind === 'drop') return void req.socket.destroy();
    if (takeFault(endpoint, ['malformed-json'])) return void res.writeHead(200).end('{"success":tru');
    const http500 = takeFault(endpoint, ['http-500']);
    if (http500) return void res.writeHead(500, { 'content-type': 'application/json' }).end(envelope({ success: false, code: 500, msg: 'system error' }));
    const coded = takeFault(endpoint, ['code']);
    if (coded && coded.kind === 'code') return void res.writeHead(200).end(envelope({ success: false, code: coded.code, msg: 'injected' }));
    const out = route(endpoint, req, body);
    res.writeHead(out.status, { 'content-type': 'application/json' }).end(out.text);
  }

  const server = https.createServer(
    { key: fs.readFileSync(path.join(certDir, 'test-server-key.pem')), cert: fs.readFileSync(path.join(certDir, 'test-server.pem')) },
    (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        stats.requests++;
        const endpoint = endpointOf(req.method ?? '', (req.url ?? '').split('?')[0]);
        stats.byEndpoint[endpoint]++;
        const body = Buffer.concat(chunks);
        const slow = takeFault(endpoint, ['slow']);
        const lose = faults.find((f) => (f.kind === 'drop' || f.kind === 'malformed-json') && f.after && (f.on === undefined || f.on === endpoint));
        const run = (): void => {
          if (res.destroyed || req.socket.destroyed) return;
          if (lose) return loseAnswer(endpoint, req, res, body);
          answer(endpoint, req, res, body);
        };
        if (slow && slow.kind === 'slow') {
          const timer = setTimeout(() => (timers.delete(timer), run()), slow.delayMs);
          timers.add(timer);
        } else run();
      });
    },
  );

  /** Processes the request for real, then loses or garbles the answer: the "outcome unknown" case. */
  function loseAnswer(endpoint: MockEndpoint, req: IncomingMessage, res: ServerResponse, body: Buffer): void {
    const fault = takeFault(endpoint, ['drop', 'malformed-json']);
    route(endpoint, req, body);
    if (fault?.kind === 'drop') req.socket.destroy();
    else res.writeHead(200).end('{"success":tru');
  }

  server.keepAliveTimeout = 30000;
  server.on('secureConnection', (socket: Socket) => {
    stats.connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `https://127.0.0.1:${port}`,
    ca: fs.readFileSync(caPath, 'utf8'),
    caPath,
    accessId,
    accessSecret,
    get stats() {
      return stats;
    },
    inject: (fault) => void faults.push(fault),
    passwords: (deviceId) => state.passwords.filter((p) => deviceId === undefined || p.deviceId === deviceId),
    resetStats: () => void (stats = emptyStats()),
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
