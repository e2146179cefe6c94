/**
 * A mock TTLock cloud (ttlock-cloud-api.md §11): a real HTTPS server on 127.0.0.1 with the test-only
 * certificate in simulator/certs. Form transport (query and body merged, both spellings of the client
 * fields), OAuth password and refresh grants, the ±5 min date check (80000), the application's region
 * (30008), monthly cap (30007) and optional per-second limit (30006), admin-only permissions, gateways
 * that hold the answer for seconds and refuse a second command meanwhile (-3003) and that stay reported
 * online for the heartbeat lag after an unplug, Wi-Fi locks (-3035 / -3036), and the callback POSTs
 * (ttlock-cloud-callbacks.ts: notifyType 4 here, 1 and 3 from the lock events in ttlock-cloud-events.ts).
 * Each lock is a virtual lock from this simulator.
 */
import * as fs from 'node:fs';
import * as https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { mockCertDir } from './tuya-cloud';
import { createVirtualLock } from './virtual-lock';
import { MockTTLockLock, MockTTLockState, md5 } from './ttlock-cloud-state';
import { Params, Reply, fail, writeToLock } from './ttlock-cloud-passcodes';
import { KNOWN_PATHS, routeV3 } from './ttlock-cloud-routes';
import { createFaults } from './ttlock-cloud-faults';
import { createMockCallbacks } from './ttlock-cloud-callbacks';
import { createLockEvents } from './ttlock-cloud-events';
import type { MockTTLockCloud, MockTTLockCloudOptions, MockTTLockStats } from './ttlock-cloud-types';

export type { MockTTLockFault } from './ttlock-cloud-faults';
export type { MockCallbackOptions, MockCallbackRecord } from './ttlock-cloud-callbacks';
export type { MockTTLockLockSpec, MockTTLockCloudOptions, MockTTLockStats, MockTTLockCloud } from './ttlock-cloud-types';

const emptyStats = (): MockTTLockStats => ({ requests: 0, connections: 0, byPath: {}, gatewayBusyRefusals: 0, maxGatewayConcurrency: 0, rateLimited: 0 });

export async function startMockTTLockCloud(options: MockTTLockCloudOptions = {}): Promise<MockTTLockCloud> {
  const certDir = mockCertDir();
  const caPath = path.join(certDir, 'test-ca.pem');
  const clientId = options.clientId ?? `mock${randomBytes(8).toString('hex')}`;
  const clientSecret = options.clientSecret ?? randomBytes(16).toString('hex');
  const region = options.region ?? 'eu';
  const state = new MockTTLockState(options.tokenTtlSec ?? 7_776_000);
  state.offlineLagMs = options.offlineLagMs ?? 480_000;
  state.linkCacheMs = options.linkCacheMs ?? 1_800_000;
  const users = options.users ?? [{ username: 'owner@example.com', password: randomBytes(6).toString('hex') }];
  users.forEach((u, i) => state.users.set(u.username, { ...u, uid: 2340 + i }));
  for (const g of options.gateways ?? [{ gatewayId: 501 }]) {
    state.gateways.set(g.gatewayId, { gatewayId: g.gatewayId, gatewayName: g.name ?? `G2_${g.gatewayId}`, online: g.online ?? true, inFlight: 0 });
  }
  const firstGateway = state.gateways.size ? [...state.gateways.keys()][0] : null;
  (options.locks ?? [{}]).forEach((spec, i) => {
    const lockId = spec.lockId ?? 3_000_001 + i;
    const ekeys = Object.fromEntries(Object.entries(spec.ekeys ?? {}).map(([u, k]) => [u, { userType: k.userType, keyStatus: k.keyStatus ?? '110401' }]));
    const gatewayId = spec.gatewayId === undefined ? (spec.wifi ? null : firstGateway) : spec.gatewayId;
    state.locks.set(lockId, {
      lockId, lock: spec.lock ?? createVirtualLock(), adminUsername: spec.admin ?? users[0].username, ekeys,
      gatewayId, rssi: -60, hasPasscodeData: spec.hasPasscodeData ?? true, alias: `Room ${101 + i}`,
      ...(spec.wifi ? { wifi: { powerSaving: spec.wifi.powerSaving ?? false, online: spec.wifi.online ?? true, networkName: spec.wifi.networkName ?? 'Guest-WLAN' } } : {}),
    });
  });
  let stats = emptyStats();
  const faults = createFaults();
  const callbacks = createMockCallbacks(options.callback ?? {}, (ms) => later(ms));
  const timers = new Set<NodeJS.Timeout>();
  const events = createLockEvents({ state, callbacks, serverNow: () => serverNow(), later: (ms) => later(ms), wifiOfflineNotifyLagMs: options.wifiOfflineNotifyLagMs ?? 900_000 });
  const sockets = new Set<Socket>();
  const serverNow = () => Date.now() + (options.clockSkewMs ?? 0);
  const latency = options.gatewayLatencyMs ?? [3000, 8000];
  const later = (ms: number) => new Promise<void>((resolve) => {
    const t = setTimeout(() => (timers.delete(t), resolve()), ms);
    timers.add(t);
  });

  async function gateway(rec: MockTTLockLock, action: () => Reply): Promise<Reply> {
    if (rec.wifi) {
      // A Wi-Fi lock takes the same calls itself (§6.2); asleep in power saving it cannot (-3035).
      if (rec.wifi.powerSaving) return fail(-3035, 'The Wi-Fi lock is in power-saving mode.');
      if (!rec.wifi.online) return fail(-3036, 'The lock is offline.');
      await later(typeof latency === 'number' ? latency : latency[0]);
      return action();
    }
    const linked = state.linkedGateway(rec, serverNow());
    const g = linked === null ? undefined : state.gatewayAt(linked, serverNow(), state.offlineLagMs);
    if (!g) return fail(-2012, 'No gateway is near the lock.');
    if (!g.online) return fail(-3002, 'The gateway is offline.');
    if (g.unpluggedAt !== undefined) {
      // Reported online during the heartbeat lag, so the cloud tries, waits and gives up.
      await later(typeof latency === 'number' ? latency : latency[1]);
      return fail(-3002, 'The gateway is offline.');
    }
    if (g.inFlight > 0) {
      stats.gatewayBusyRefusals++;
      return fail(-3003, 'The gateway is busy. Please try again later.');
    }
    if (rec.linkLostAt !== undefined) {
      // Still linked in the cloud's cache, but the gateway no longer hears the lock: it tries and gives up.
      // The code is our choice (the docs name none for this case): -2012, no usable gateway near the lock.
      await later(typeof latency === 'number' ? latency : latency[1]);
      return fail(-2012, 'No gateway is near the lock.');
    }
    g.inFlight++;
    stats.maxGatewayConcurrency = Math.max(stats.maxGatewayConcurrency, g.inFlight);
    try {
      await later(typeof latency === 'number' ? latency : latency[0] + Math.random() * (latency[1] - latency[0]));
      return action();
    } finally {
      g.inFlight--;
    }
  }

  function oauth(params: Params): Reply {
    if (params.get('grant_type') === 'refresh_token') {
      const granted = state.refresh(params.get('refresh_token') ?? '', serverNow());
      return granted ?? fail(10011, 'invalid refresh_token');
    }
    const user = state.users.get(params.get('username') ?? '');
    const password = params.get('password') ?? '';
    if (!/^[0-9a-f]{32}$/.test(password)) return fail(30005, 'The password must be MD5 encrypted.');
    if (!user || md5(user.password) !== password) return fail(10007, 'invalid account or invalid password');
    return state.grant(user.username, serverNow());
  }

  /** Calls accepted in the current one-second window (the per-second limiter, §11.11). */
  let second = { start: 0, calls: 0 };
  function overPerSecondLimit(): boolean {
    if (options.perSecondLimit === undefined) return false;
    const t = serverNow();
    if (t - second.start >= (options.rateWindowMs ?? 1000)) second = { start: t, calls: 0 };
    if (second.calls >= options.perSecondLimit) return true;
    second.calls++;
    return false;
  }

  async function route(pathname: string, params: Params): Promise<Reply> {
    const id = params.get('clientId') ?? params.get('client_id');
    if (id !== clientId) return fail(10000, 'client_id does not exist');
    if (overPerSecondLimit()) {
      stats.rateLimited++;
      return fail(30006, 'Exceeds the restriction on API call number.');
    }
    if ((options.appRegion ?? region) !== region) return fail(30008, 'Please use the correct domain: cn for mainland China, eu for others.');
    if (++state.monthRequestCount > (options.monthlyCap ?? 5000)) return fail(30007, 'The number of API calls this month exceeds the limit.');
    if (pathname === '/oauth2/token') {
      const secret = params.get('clientSecret') ?? params.get('client_secret');
      return secret === clientSecret ? oauth(params) : fail(10001, 'invalid client');
    }
    const now = serverNow();
    const checked = state.checkToken(params.get('accessToken') ?? null, now);
    if (checked.code !== 0) return fail(checked.code, checked.code === 10003 ? 'token does not exist' : 'invalid token');
    if (faults.take(pathname, ['expire-token'])) {
      state.revokeAll();
      return fail(10004, 'invalid token');
    }
    if (pathname === '/app/getMonthRequestCount') return { monthRequestCount: state.monthRequestCount };
    const date = Number(params.get('date'));
    if (!Number.isFinite(date) || Math.abs(date - now) > (options.maxDateSkewMs ?? 300_000)) return fail(80000, 'date must be current time, in 5 minutes');
    return routeV3({
      path: pathname, state, user: checked.user!, params, now, gateway,
      tooSimpleRule: options.tooSimpleRule ?? true, deleteUnknownReturnsOk: options.deleteUnknownReturnsOk ?? false,
    });
  }

  function reply(res: ServerResponse, status: number, text: string): void {
    res.writeHead(status, { 'content-type': 'application/json;charset=UTF-8', date: new Date(serverNow()).toUTCString() }).end(text);
  }

  const server = https.createServer(
    { key: fs.readFileSync(path.join(certDir, 'test-server-key.pem')), cert: fs.readFileSync(path.join(certDir, 'test-server.pem')) },
    (req: IncomingMessage, res: ServerResponse) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', async () => {
        stats.requests++;
        const url = new URL(req.url ?? '/', 'https://mock');
        const pathname = url.pathname;
        stats.byPath[pathname] = (stats.byPath[pathname] ?? 0) + 1;
        const params: Params = new Map(url.searchParams);
        for (const [k, v] of new URLSearchParams(Buffer.concat(chunks).toString('utf8'))) params.set(k, v);
        const early = faults.before(pathname);
        if (early === 'drop') return void req.socket.destroy();
        if (early && typeof early === 'object') return reply(res, early.status, early.text);
        const delay = faults.delay(pathname);
        if (delay) await later(delay);
        const lose = faults.take(pathname, ['lose-answer']);
        const out = KNOWN_PATHS.includes(pathname) ? await route(pathname, params) : fail(-3, 'Invalid parameter: unknown API');
        if (res.destroyed || req.socket.destroyed) return;
        if (lose) return void req.socket.destroy();
        reply(res, KNOWN_PATHS.includes(pathname) ? 200 : 404, JSON.stringify(out));
      });
    },
  );
  server.keepAliveTimeout = 30000;
  server.on('secureConnection', (socket: Socket) => {
    stats.connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    baseUrl, ca: fs.readFileSync(caPath, 'utf8'), caPath, clientId, clientSecret, users, state,
    get stats() {
      return stats;
    },
    lockIds: [...state.locks.keys()],
    lock: (lockId) => state.locks.get(lockId)!,
    passcodes: (lockId) => state.passcodes.filter((p) => lockId === undefined || p.lockId === lockId).map((p) => ({ ...p })),
    inject: (fault) => faults.add(fault),
    setGatewayOnline(gatewayId, online) {
      const g = state.gateways.get(gatewayId)!;
      if (online) {
        g.online = true;
        g.unpluggedAt = undefined;
      } else if (g.online && g.unpluggedAt === undefined) {
        g.unpluggedAt = serverNow();
      }
    },
    async wake(lockId, succeed = true, errcode = -3036) {
      const rec = state.locks.get(lockId)!;
      const failed = [];
      for (const p of state.passcodesOf(lockId).filter((q) => q.status === 4)) {
        p.onLock = succeed && writeToLock(rec, p);
        p.status = p.onLock ? 1 : 5;
        if (!p.onLock) failed.push(p);
      }
      // §7 notifyType 4: objectType 2 = passcode, objectId = its keyboardPwdId; success has no callback.
      const uid = state.users.get(rec.adminUsername)!.uid;
      for (const p of failed) {
        await callbacks.send(4, { lockId, lockMac: rec.lock.mac, uid, objectType: 2, objectId: p.keyboardPwdId, errcode: succeed ? -3007 : errcode });
      }
    },
    typeCode: events.typeCode,
    setWifiOnline: events.setWifiOnline,
    setLockInGatewayRange: events.setLockInGatewayRange,
    callbacks: () => callbacks.sent.map((c) => ({ ...c, fields: { ...c.fields } })),
    envBlock: () =>
      [
        `export TTLOCK_BASE_URL=${baseUrl}`,
        `export TTLOCK_CLIENT_ID=${clientId}`,
        `export TTLOCK_CLIENT_SECRET=${clientSecret}`,
        `export TTLOCK_USERNAME=${users[0].username}`,
        `export TTLOCK_PASSWORD=${users[0].password}`,
        `export NODE_EXTRA_CA_CERTS=${caPath}`,
      ].join('\n'),
    resetStats: () => void (stats = emptyStats()),
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        timers.clear();
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
