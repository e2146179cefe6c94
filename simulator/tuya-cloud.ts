/**
 * A mock Tuya cloud: a real HTTPS server on 127.0.0.1 (test-only certificate in simulator/certs) that
 * speaks Tuya's envelope for every endpoint of tuya-password-lifecycle.md §15 (token, refresh, ticket,
 * create, list, detail, modify, freeze, unfreeze, delete, clear, offline, dynamic). It checks every
 * signature and timestamp, keeps one live token per Access ID, expires tokens and tickets, decrypts
 * passwords, and runs the per-protocol phase machines on a clock tests can move (tuya-cloud-locks.ts).
 * Faults, quota and rate limits are injected; every request and TLS connection is counted so benchmarks
 * and tests can compare clients by what actually crossed the wire.
 */
import * as fs from 'node:fs';
import * as https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { parseUrl, verifySignature } from './tuya-cloud-auth';
import { MockCloudState } from './tuya-cloud-state';
import { MockDevice, MockLocks } from './tuya-cloud-locks';
import { MockOfflineCodes, dynamicCode } from './tuya-cloud-offline';
import { MockFault, MockStats, MockTuyaCloud, MockTuyaCloudOptions } from './tuya-cloud-types';
import { MOCK_ENDPOINTS, MockEndpoint, endpointOf, handleBusiness } from './tuya-cloud-routes';

export type { MockEndpoint } from './tuya-cloud-routes';
export type { MockFault, MockStats, MockTuyaCloud, MockTuyaCloudOptions } from './tuya-cloud-types';
export type { MockDevice, MockProtocol, StoredPassword, LockFailure } from './tuya-cloud-locks';
export type { OfflineCode } from './tuya-cloud-offline';
export { MOCK_OFFLINE_EXHAUSTED } from './tuya-cloud-offline';

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

const emptyStats = (): MockStats => ({
  requests: 0,
  connections: 0,
  byEndpoint: Object.fromEntries(MOCK_ENDPOINTS.map((e) => [e, 0])) as Record<MockEndpoint, number>,
  ticketsUsed: [],
});

export async function startMockTuyaCloud(options: MockTuyaCloudOptions = {}): Promise<MockTuyaCloud> {
  const certDir = mockCertDir();
  const caPath = path.join(certDir, 'test-ca.pem');
  const accessId = options.accessId ?? `mock${randomBytes(8).toString('hex')}`;
  const accessSecret = options.accessSecret ?? randomBytes(16).toString('hex');
  const devices: Record<string, MockDevice> = options.devices ?? { [MOCK_DEVICE_ID]: {} };
  const state = new MockCloudState(accessSecret, {
    tokenTtlSec: options.tokenTtlSec ?? 7200,
    ticketTtlSec: options.ticketTtlSec ?? 300,
    singleUseTickets: options.singleUseTickets ?? true,
    singleLiveToken: options.singleLiveToken ?? true,
  });
  const locks = new MockLocks(devices, options.deliveryDelayMs ?? 50);
  const offline = new MockOfflineCodes({ slotBudget: options.offlineSlotBudget ?? 20, firstUseFrom: options.offlineFirstUseFrom ?? 'start' });
  let offset = 0;
  const now = () => Date.now() + offset;
  let stats = emptyStats();
  const faults: MockFault[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const sockets = new Set<Socket>();
  const quota = { month: '', used: 0 };
  const recent: number[] = [];

  const takeFault = (endpoint: MockEndpoint, kinds: MockFault['kind'][]): MockFault | undefined => {
    const i = faults.findIndex((f) => kinds.includes(f.kind) && (f.on === undefined || f.on === endpoint));
    if (i < 0) return undefined;
    const fault = faults[i];
    const left = ('times' in fault && fault.times !== undefined ? fault.times : 1) - 1;
    if (left > 0) faults[i] = { ...fault, times: left } as MockFault;
    else faults.splice(i, 1);
    return fault;
  };

  const envelope = (body: object): string => JSON.stringify({ ...body, t: now(), tid: randomBytes(16).toString('hex') });
  const ok = (result: unknown) => ({ status: 200, text: envelope({ success: true, result }) });
  const err = (code: number, msg: string, status = 200) => ({ status, text: envelope({ success: false, code, msg }) });

  /** Every call counts against the month's quota (§14); past it, everything answers 28841004. */
  function overQuota(at: number): boolean {
    if (options.monthlyQuota === undefined) return false;
    const month = new Date(at).toISOString().slice(0, 7);
    if (month !== quota.month) Object.assign(quota, { month, used: 0 });
    return ++quota.used > options.monthlyQuota;
  }

  /** A sliding window, so two quick calls are never split by a second boundary. */
  function overRate(at: number): boolean {
    if (options.rateLimit === undefined) return false;
    const windowMs = options.rateLimit.windowMs ?? 1000;
    while (recent.length > 0 && recent[0] <= at - windowMs) recent.shift();
    recent.push(at);
    return recent.length > options.rateLimit.calls;
  }

  function route(endpoint: MockEndpoint, req: IncomingMessage, body: Buffer): { status: number; text: string } {
    const at = now();
    const verdict = verifySignature(
      { method: req.method ?? 'GET', rawUrl: req.url ?? '/', headers: req.headers, body },
      { accessId, accessSecret, serverNow: at, maxSkewMs: options.maxSkewMs ?? 300000 },
    );
    if (!verdict.ok) return err(verdict.code, verdict.msg);
    if (overQuota(at)) return err(28841004, 'No permissions. Your quota of Trial Edition is used up.');
    if (endpoint === 'token') {
      if (verdict.query.get('grant_type') !== '1') return err(1109, 'param is illegal');
      return ok(state.grantToken(at));
    }
    if (endpoint === 'refresh') {
      const granted = state.refresh(verdict.path.split('/').pop() ?? '', at);
      return granted ? ok(granted) : err(1012, 'token status is invalid');
    }
    if (endpoint === 'unknown') return err(1108, 'uri path invalid', 404);
    const tokenCode = state.checkToken(verdict.accessToken, at);
    if (tokenCode !== 0) return err(tokenCode, tokenCode === 1010 ? 'token is expired' : 'token invalid');
    if (takeFault(endpoint, ['expire-token'])) {
      state.expireToken(verdict.accessToken);
      return err(1010, 'token is expired');
    }
    if (overRate(at)) return err(1199, 'your requests are too frequent');
    if (options.subscribed === false) return err(28841101, 'No permissions. This API is not subscribed.');
    const { deviceId, id } = endpointOf(req.method ?? '', verdict.path);
    const answer = handleBusiness(
      { state, locks, offline, accessSecret, now: at, listWithoutValid: options.listWithoutValid ?? 'all', onTicketUsed: (ticketId) => stats.ticketsUsed.push(ticketId) },
      endpoint,
      deviceId ?? '',
      id,
      verdict.query,
      body,
    );
    return answer.ok ? ok(answer.result) : err(answer.code, answer.msg);
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
        const endpoint = endpointOf(req.method ?? '', parseUrl(req.url ?? '/').path).endpoint;
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
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
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
    passwords: (deviceId) => {
      locks.settle(now());
      return locks.passwords.filter((p) => deviceId === undefined || p.deviceId === deviceId);
    },
    offlineCodes: (deviceId) => offline.codes.filter((c) => deviceId === undefined || c.deviceId === deviceId),
    devices,
    now,
    advance: (ms) => {
      offset += ms;
      locks.settle(now());
    },
    wake: (deviceId) => locks.settle(now(), deviceId),
    tryPin: (deviceId, code) => {
      locks.settle(now());
      return locks.tryPin(deviceId, code, now()) || offline.tryCode(deviceId, code, now());
    },
    failNextOnLock: (deviceId, reason) => locks.failNext(deviceId, reason),
    dynamicPassword: (deviceId) => dynamicCode(accessSecret, deviceId, now(), devices[deviceId]?.dynamicLength ?? 8),
    quotaUsed: () => quota.used,
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
