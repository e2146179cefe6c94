/**
 * The mock TTLock cloud's remaining §11 behaviours, over HTTPS, and how the client reacts: the notifyType 4
 * callback POST when an asynchronous (addType=4) add fails, deleteByCode, the gateway's online lag after an
 * unplug (§6.2), and the per-second limiter's 30006 (reads asked again after the wait, writes never re-sent);
 * notifyType 1 records and 3 Wi-Fi online/offline, -3035 / -3036 for Wi-Fi locks, gateway/listLock and the
 * 30-minute link cache, the "already deleted still returns 0" switch, and the random codes' first-use rules.
 */
import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import { md5Hex } from '../../cloud/ttlock/token';
import { HOUR, closeTTLockHarnesses, failure, nextHour, ttlockHarness, TTLockHarness } from '../helpers/ttlock-harness';

closeTTLockHarnesses();

const window = () => ({ startDate: nextHour(), endDate: nextHour() + 24 * HOUR });

/** One form POST to the mock, as any TTLock client would send it (the TTLock client has no addType=4 call). */
function post(h: TTLockHarness, path: string, params: Record<string, string | number>): Promise<Record<string, unknown>> {
  const body = new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString();
  return new Promise((resolve, reject) => {
    const req = https.request(`${h.mock.baseUrl}${path}`, { method: 'POST', ca: h.mock.ca, agent: false, headers: { 'content-type': 'application/x-www-form-urlencoded' } }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve(JSON.parse(text)));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function addAsync(h: TTLockHarness, passcode: string): Promise<number> {
  const { clientId, clientSecret, users } = h.mock;
  const token = await post(h, '/oauth2/token', { clientId, clientSecret, username: users[0].username, password: md5Hex(users[0].password) });
  const w = window();
  const r = await post(h, '/v3/keyboardPwd/add', {
    clientId, accessToken: String(token.access_token), date: Date.now(), lockId: h.lockId, keyboardPwd: passcode, addType: 4, keyboardPwdType: 3, ...w,
  });
  expect(typeof r.keyboardPwdId).toBe('number');
  return r.keyboardPwdId as number;
}

/** A callback receiver the test controls: records each POST and answers with `answers` in turn (then `success`). */
async function receiver(answers: string[] = []) {
  const got: Array<{ contentType?: string; fields: Record<string, string> }> = [];
  const server = http.createServer((req, res) => {
    let text = '';
    req.on('data', (c) => (text += c));
    req.on('end', () => {
      got.push({ contentType: req.headers['content-type'], fields: Object.fromEntries(new URLSearchParams(text)) });
      res.writeHead(200, { 'content-type': 'text/plain' }).end(answers.shift() ?? 'success');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/ttlock/notify`,
    got,
    close: () => new Promise((r) => (server.closeAllConnections(), server.close(r))),
  };
}

describe('notifyType 4: an asynchronous add that fails is POSTed to the callback URL', () => {
  it('form-encoded lockId, lockMac, uid, objectType 2, objectId = keyboardPwdId, errcode; the list says failed', async () => {
    const rx = await receiver();
    try {
      const h = await ttlockHarness({ callback: { url: rx.url } });
      const id = await addAsync(h, '860271');
      expect((await h.client.listPasscodes(h.lockId)).list[0]).toMatchObject({ keyboardPwdId: id, state: 'pending', reason: 'adding' });
      await h.mock.wake(h.lockId, false, -3036);
      expect(rx.got).toEqual([{
        contentType: 'application/x-www-form-urlencoded',
        fields: { notifyType: '4', lockId: String(h.lockId), lockMac: h.mock.lock(h.lockId).lock.mac, uid: String(h.mock.state.users.get(h.mock.users[0].username)!.uid), objectType: '2', objectId: String(id), errcode: '-3036' },
      }]);
      expect(h.mock.callbacks()).toEqual([expect.objectContaining({ notifyType: 4, delivered: true, attempts: 1 })]);
      expect((await h.client.listPasscodes(h.lockId)).list[0]).toMatchObject({ keyboardPwdId: id, state: 'failed', reason: 'add-failed' });
      expect(h.mock.lock(h.lockId).lock.passcodes()).toEqual([]);
    } finally {
      await rx.close();
    }
  });

  it('a delivered add sends no callback (none is documented) and the code opens the lock', async () => {
    const rx = await receiver();
    try {
      const h = await ttlockHarness({ callback: { url: rx.url } });
      const id = await addAsync(h, '860272');
      await h.mock.wake(h.lockId, true);
      expect(rx.got).toEqual([]);
      expect((await h.client.listPasscodes(h.lockId)).list[0]).toMatchObject({ keyboardPwdId: id, state: 'active' });
      expect(h.mock.lock(h.lockId).lock.passcodes().map((p) => p.passcode)).toEqual(['860272']);
    } finally {
      await rx.close();
    }
  });

  it('a receiver that does not answer `success` is tried again, as configured, and then given up', async () => {
    const rx = await receiver(['ok', 'error', 'error']);
    try {
      const h = await ttlockHarness({ callback: { url: rx.url, attempts: 2, pauseMs: 10 } });
      await addAsync(h, '860273');
      await h.mock.wake(h.lockId, false);
      expect(rx.got).toHaveLength(2);
      expect(h.mock.callbacks()).toEqual([expect.objectContaining({ delivered: false, attempts: 2 })]);
      const again = await ttlockHarness({ callback: { url: rx.url, attempts: 3, pauseMs: 10 } });
      await addAsync(again, '860274');
      await again.mock.wake(again.lockId, false);
      expect(again.mock.callbacks()).toEqual([expect.objectContaining({ delivered: true, attempts: 2 })]);
    } finally {
      await rx.close();
    }
  });
});

describe('deleteByCode', () => {
  it('deletes by the digits through the gateway (gone from the lock) and records a Bluetooth delete by code', async () => {
    const h = await ttlockHarness();
    await h.client.addPasscodeViaGateway({ lockId: h.lockId, passcode: '0193746', ...window() });
    await h.client.recordPasscode({ lockId: h.lockId, passcode: '284657', ...window() });
    expect(await h.client.deletePasscode({ lockId: h.lockId, passcode: '0193746', via: 'gateway' })).toEqual({ deleted: true });
    expect(h.hits('/v3/keyboardPwd/deleteByCode')).toBe(1);
    expect(h.mock.lock(h.lockId).lock.passcodes()).toEqual([]);
    await h.client.deletePasscode({ lockId: h.lockId, passcode: '284657', via: 'record' });
    expect(h.mock.passcodes(h.lockId)).toEqual([]);
    expect(await failure(h.client.deletePasscode({ lockId: h.lockId, passcode: '284657', via: 'record' }))).toMatchObject({ kind: 'not-found', code: -2009 });
  });

  it('needs exactly one of keyboardPwdId and passcode, and a valid code, before anything is sent', async () => {
    const h = await ttlockHarness();
    const before = h.mock.stats.requests;
    expect(await failure(h.client.deletePasscode({ lockId: h.lockId, via: 'record' }))).toMatchObject({ kind: 'validation', field: 'keyboardPwdId' });
    expect(await failure(h.client.deletePasscode({ lockId: h.lockId, keyboardPwdId: 10001, passcode: '284657', via: 'record' }))).toMatchObject({ kind: 'validation' });
    const bad = await failure(h.client.deletePasscode({ lockId: h.lockId, passcode: '12a4', via: 'record' }));
    expect(bad).toMatchObject({ kind: 'validation', field: 'passcode' });
    expect(bad.message).not.toContain('12a4');
    expect(h.mock.stats.requests).toBe(before);
  });

  it('an answer lost after the delete is settled from the list', async () => {
    const h = await ttlockHarness();
    await h.client.recordPasscode({ lockId: h.lockId, passcode: '395768', ...window() });
    h.mock.inject({ kind: 'lose-answer', on: '/v3/keyboardPwd/deleteByCode' });
    expect(await h.client.deletePasscode({ lockId: h.lockId, passcode: '395768', via: 'record' })).toEqual({ deleted: true, settledBy: 'list' });
    expect(h.hits('/v3/keyboardPwd/deleteByCode')).toBe(1);
  });
});

describe("the gateway's online lag (§6.2: an unplugged gateway is reported online until its heartbeat expires)", () => {
  it('listed online during the lag, yet an add fails -3002 after the gateway latency, once, and nothing lands', async () => {
    const h = await ttlockHarness({ offlineLagMs: 600_000, gatewayLatencyMs: 60 });
    h.mock.setGatewayOnline(501, false);
    expect(await h.client.listGateways()).toEqual([expect.objectContaining({ gatewayId: 501, isOnline: true })]);
    // gateway/detail: the list's fields for one gateway, with the same lag; an unknown id is -4037
    expect(await api(h, '/v3/gateway/detail', { gatewayId: 501 })).toMatchObject({ gatewayId: 501, isOnline: 1, lockNum: 1 });
    expect(await api(h, '/v3/gateway/detail', { gatewayId: 999 })).toMatchObject({ errcode: -4037 });
    const t0 = Date.now();
    const err = await failure(h.client.addPasscodeViaGateway({ lockId: h.lockId, passcode: '402913', ...window() }));
    expect(err).toMatchObject({ kind: 'gateway-offline', code: -3002 });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(50); // the cloud waited for the gateway (60 ms; timers may fire a tick early)
    expect(h.hits('/v3/keyboardPwd/add')).toBe(1);
    expect(h.mock.passcodes(h.lockId)).toEqual([]);
    expect(h.mock.lock(h.lockId).lock.passcodes()).toEqual([]);
  });

  it('once the lag has passed it is listed offline and refused at once; plugged in, it is online and works at once', async () => {
    const h = await ttlockHarness({ offlineLagMs: 0, gatewayLatencyMs: 60 });
    h.mock.setGatewayOnline(501, false);
    expect(await h.client.listGateways()).toEqual([expect.objectContaining({ gatewayId: 501, isOnline: false })]);
    expect(await api(h, '/v3/gateway/detail', { gatewayId: 501 })).toMatchObject({ gatewayId: 501, isOnline: 0 });
    expect(await failure(h.client.addPasscodeViaGateway({ lockId: h.lockId, passcode: '402913', ...window() }))).toMatchObject({ code: -3002 });
    h.mock.setGatewayOnline(501, true);
    expect(await h.client.listGateways()).toEqual([expect.objectContaining({ isOnline: true })]);
    expect(await h.client.addPasscodeViaGateway({ lockId: h.lockId, passcode: '402913', ...window() })).toMatchObject({ state: 'active' });
    expect(h.mock.lock(h.lockId).lock.passcodes().map((p) => p.passcode)).toEqual(['402913']);
  });
});

describe('the per-second limit (30006)', () => {
  it('the mock accepts `perSecondLimit` calls per window and answers 30006 to the rest, which count nowhere', async () => {
    const h = await ttlockHarness({ perSecondLimit: 3, rateWindowMs: 600_000 });
    const { clientId, clientSecret, users } = h.mock;
    const grant = { clientId, clientSecret, username: users[0].username, password: md5Hex(users[0].password) };
    const answers = await Promise.all([1, 2, 3, 4, 5].map(() => post(h, '/oauth2/token', grant)));
    expect(answers.filter((a) => typeof a.access_token === 'string')).toHaveLength(3);
    expect(answers.filter((a) => a.errcode === 30006)).toHaveLength(2);
    expect(h.mock.stats.rateLimited).toBe(2);
    expect(h.mock.state.monthRequestCount).toBe(3);
  });

  it('a read refused with 30006 is asked again after the wait and succeeds', async () => {
    const h = await ttlockHarness({}, { rateLimitWaitMs: 300 });
    await h.client.listLocks();
    h.mock.inject({ kind: 'errcode', errcode: 30006, on: '/v3/lock/list' });
    const t0 = Date.now();
    const locks = await h.client.listLocks();
    expect(locks.map((l) => l.lockId)).toEqual([h.lockId]);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(290); // the 300 ms wait (timers may fire a tick early)
    expect(h.hits('/v3/lock/list')).toBe(3);
    expect(h.logs.some((l) => /lock list.*rate limited \(30006\)/.test(l))).toBe(true);
  });

  it('a write refused with 30006 is not re-sent: a quota error with its wait, and nothing recorded', async () => {
    const h = await ttlockHarness({ perSecondLimit: 2, rateWindowMs: 600_000 }, { rateLimitWaitMs: 1100 });
    await h.client.listLocks();
    const err = await failure(h.client.recordPasscode({ lockId: h.lockId, passcode: '517284', ...window() }));
    expect(err).toMatchObject({ name: 'TTLockError', kind: 'quota', code: 30006, retryAfterMs: 1100 });
    expect(err.advice).toContain('TTLock did nothing');
    expect(h.hits('/v3/keyboardPwd/add')).toBe(1);
    expect(h.mock.passcodes(h.lockId)).toEqual([]);
  });

  it('reads give up after rateLimitRetries, with the quota error', async () => {
    const h = await ttlockHarness({}, { rateLimitWaitMs: 5, rateLimitRetries: 1 });
    await h.client.listLocks();
    h.mock.inject({ kind: 'errcode', errcode: 30006, on: '/v3/lock/list', times: 2 });
    expect(await failure(h.client.listLocks())).toMatchObject({ kind: 'quota', code: 30006, retryAfterMs: 5 });
    expect(h.hits('/v3/lock/list')).toBe(3);
  });
});

/** Signs in once and then calls `path` with the common fields, as any TTLock client would. */
async function api(h: TTLockHarness, path: string, params: Record<string, string | number>): Promise<Record<string, any>> {
  const { clientId, clientSecret, users } = h.mock;
  const token = await post(h, '/oauth2/token', { clientId, clientSecret, username: users[0].username, password: md5Hex(users[0].password) });
  return post(h, path, { clientId, accessToken: String(token.access_token), date: Date.now(), ...params });
}

describe('notifyType 1: a lock linked to an online gateway uploads its records', () => {
  it('a code typed on the keypad is POSTed with `records` as a JSON string, opened or not', async () => {
    const rx = await receiver();
    try {
      const h = await ttlockHarness({ callback: { url: rx.url } });
      const w = { startDate: Date.now() - HOUR, endDate: Date.now() + HOUR };
      await h.client.addPasscodeViaGateway({ lockId: h.lockId, passcode: '740215', name: 'Guest 7', ...w });
      expect(await h.mock.typeCode(h.lockId, '740215')).toBe(true);
      expect(await h.mock.typeCode(h.lockId, '740216')).toBe(false);
      const rec = h.mock.lock(h.lockId);
      expect(rx.got.map((g) => g.fields.notifyType)).toEqual(['1', '1']);
      expect(Object.keys(rx.got[0].fields).sort()).toEqual(['lockId', 'lockMac', 'notifyType', 'records']);
      expect(rx.got[0].fields).toMatchObject({ lockId: String(h.lockId), lockMac: rec.lock.mac });
      const [opened] = JSON.parse(rx.got[0].fields.records);
      const [refused] = JSON.parse(rx.got[1].fields.records);
      expect(opened).toEqual({ recordType: 4, success: 1, username: 'Guest 7', keyboardPwd: '740215', lockDate: expect.any(Number), electricQuantity: rec.lock.battery, serverDate: expect.any(Number), subRecordType: 0 });
      expect(Math.abs(opened.lockDate - Date.now())).toBeLessThan(60_000);
      expect(refused).toMatchObject({ success: 0, keyboardPwd: '740216', username: '' });
    } finally {
      await rx.close();
    }
  });

  it('a lock without a gateway, or behind an unplugged one, uploads nothing (the door still decides)', async () => {
    const rx = await receiver();
    try {
      const h = await ttlockHarness({ callback: { url: rx.url }, locks: [{ gatewayId: null }, {}] });
      h.mock.lock(h.lockId).lock.addPasscodeDirectly('582913');
      expect(await h.mock.typeCode(h.lockId, '582913')).toBe(true);
      h.mock.setGatewayOnline(501, false);
      expect(await h.mock.typeCode(h.mock.lockIds[1], '582913')).toBe(false);
      expect(rx.got).toEqual([]);
    } finally {
      await rx.close();
    }
  });
});

describe('Wi-Fi locks: notifyType 3 and -3035 / -3036', () => {
  it('offline is reported late, online at once, with lockId, lockAlias, lockMac, networkName, admin, isOnline; offline commands fail -3036', async () => {
    const rx = await receiver();
    try {
      const h = await ttlockHarness({ callback: { url: rx.url }, wifiOfflineNotifyLagMs: 50, locks: [{ wifi: { networkName: 'Hotel-5G' } }] });
      const rec = h.mock.lock(h.lockId);
      const offline = h.mock.setWifiOnline(h.lockId, false);
      await Promise.resolve();
      expect(h.mock.callbacks()).toEqual([]); // not reported yet (checked before any timer can run)
      // Raw calls: the TTLock client refuses addType 2 itself when listByLock names no gateway, as for any Wi-Fi lock.
      expect(await api(h, '/v3/keyboardPwd/add', { lockId: h.lockId, keyboardPwd: '639104', addType: 2, ...window() })).toMatchObject({ errcode: -3036 });
      await offline;
      await h.mock.setWifiOnline(h.lockId, true);
      const base = { lockId: String(h.lockId), lockAlias: rec.alias, lockMac: rec.lock.mac, networkName: 'Hotel-5G', admin: h.mock.users[0].username };
      expect(rx.got.map((g) => g.fields)).toEqual([{ notifyType: '3', ...base, isOnline: '0' }, { notifyType: '3', ...base, isOnline: '1' }]);
      expect(await api(h, '/v3/keyboardPwd/add', { lockId: h.lockId, keyboardPwd: '639104', addType: 2, ...window() })).toEqual({ keyboardPwdId: expect.any(Number) });
      expect(rec.lock.passcodes().map((p) => p.passcode)).toEqual(['639104']);
    } finally {
      await rx.close();
    }
  });

  it('a Wi-Fi lock in power-saving mode refuses addType 2 with -3035 and nothing is stored', async () => {
    const h = await ttlockHarness({ locks: [{ wifi: { powerSaving: true } }] });
    expect(await api(h, '/v3/keyboardPwd/add', { lockId: h.lockId, keyboardPwd: '639105', addType: 2, ...window() })).toMatchObject({ errcode: -3035 });
    // addType 4 is the documented way to reach it: queued until it wakes.
    expect(await api(h, '/v3/keyboardPwd/add', { lockId: h.lockId, keyboardPwd: '639106', addType: 4, ...window() })).toEqual({ keyboardPwdId: expect.any(Number) });
    expect(h.mock.passcodes(h.lockId).map((p) => [p.keyboardPwd, p.status])).toEqual([['639106', 4]]);
    expect(h.mock.lock(h.lockId).lock.passcodes()).toEqual([]);
  });

  it('the client writes to a Wi-Fi lock (no gateway) like to a gateway lock; power saving gives gateway-offline', async () => {
    const h = await ttlockHarness({ locks: [{ wifi: { networkName: 'Hotel-5G' } }, { wifi: { powerSaving: true } }] });
    expect(await h.client.addPasscodeViaGateway({ lockId: h.lockId, passcode: '639107', ...window() })).toMatchObject({ state: 'active' });
    expect(h.mock.lock(h.lockId).lock.passcodes().map((p) => p.passcode)).toEqual(['639107']);
    const asleep = await failure(h.client.addPasscodeViaGateway({ lockId: h.mock.lockIds[1], passcode: '639108', ...window() }));
    expect(asleep).toMatchObject({ kind: 'gateway-offline', code: -3035 });
    expect(h.mock.lock(h.mock.lockIds[1]).lock.passcodes()).toEqual([]);
  });
});

describe('gateway/listLock and the 30-minute link cache (§6.1, §6.2)', () => {
  it('lists the linked locks with RSSI; a lock that left is listed and tried (-2012) until the cache expires', async () => {
    const h = await ttlockHarness({ linkCacheMs: 600_000 });
    const listed = await api(h, '/v3/gateway/listLock', { gatewayId: 501 });
    const rec = h.mock.lock(h.lockId);
    expect(listed.list).toEqual([{ lockId: h.lockId, lockMac: rec.lock.mac, lockName: rec.lock.name, lockAlias: rec.alias, rssi: -60, updateDate: expect.any(Number) }]);
    expect(await api(h, '/v3/gateway/listLock', { gatewayId: 999 })).toMatchObject({ errcode: -4037 });
    h.mock.setLockInGatewayRange(h.lockId, false);
    expect((await api(h, '/v3/gateway/listLock', { gatewayId: 501 })).list).toHaveLength(1);
    expect((await api(h, '/v3/gateway/listByLock', { lockId: h.lockId })).list).toHaveLength(1);
    expect(await failure(h.client.addPasscodeViaGateway({ lockId: h.lockId, passcode: '471920', ...window() }))).toMatchObject({ code: -2012 });
    expect(rec.lock.passcodes()).toEqual([]);
  });

  it('once the cache expired the lock is gone from both lists and -2012 comes at once; back in range it is linked again', async () => {
    const h = await ttlockHarness({ linkCacheMs: 0 });
    h.mock.setLockInGatewayRange(h.lockId, false);
    expect((await api(h, '/v3/gateway/listLock', { gatewayId: 501 })).list).toEqual([]);
    expect((await api(h, '/v3/gateway/listByLock', { lockId: h.lockId })).list).toEqual([]);
    expect(await api(h, '/v3/keyboardPwd/add', { lockId: h.lockId, keyboardPwd: '471920', addType: 2, ...window() })).toMatchObject({ errcode: -2012 });
    // Through the client: no gateway listed, so the cloud decides (this is no Wi-Fi lock): -2012, sent once.
    expect(await failure(h.client.addPasscodeViaGateway({ lockId: h.lockId, passcode: '471921', ...window() }))).toMatchObject({ kind: 'gateway-offline', code: -2012 });
    expect(h.hits('/v3/keyboardPwd/add')).toBe(2);
    h.mock.setLockInGatewayRange(h.lockId, true, 501, -88);
    expect((await api(h, '/v3/gateway/listLock', { gatewayId: 501 })).list).toEqual([expect.objectContaining({ lockId: h.lockId, rssi: -88 })]);
  });
});

describe('the reported "already deleted still returns 0" (§11 item 6)', () => {
  it('off by default (-2009); switched on, a second delete of the same id answers 0', async () => {
    for (const quirk of [false, true]) {
      const h = await ttlockHarness({ deleteUnknownReturnsOk: quirk });
      const { keyboardPwdId } = await h.client.recordPasscode({ lockId: h.lockId, passcode: '305817', ...window() });
      const first = await api(h, '/v3/keyboardPwd/delete', { lockId: h.lockId, keyboardPwdId, deleteType: 1 });
      const again = await api(h, '/v3/keyboardPwd/delete', { lockId: h.lockId, keyboardPwdId, deleteType: 1 });
      expect(first).toMatchObject({ errcode: 0 });
      expect(again.errcode).toBe(quirk ? 0 : -2009);
      expect(h.mock.passcodes(h.lockId)).toEqual([]);
    }
  });
});

describe('random codes on the lock: first use within 24 h (timed, permanent), one-time within 6 h and once', () => {
  async function random(h: TTLockHarness, type: number, start: number, end = 0): Promise<string> {
    const r = await api(h, '/v3/keyboardPwd/get', { lockId: h.lockId, keyboardPwdType: type, startDate: start, ...(end ? { endDate: end } : {}) });
    expect(typeof r.keyboardPwd).toBe('string');
    return r.keyboardPwd;
  }

  it('timed: refused before its start and when first typed after 24 h; used in time, it works to its end and may then be changed (-3008 before)', async () => {
    const h = await ttlockHarness();
    const lock = h.mock.lock(h.lockId).lock;
    const start = nextHour();
    const late = await random(h, 3, start, start + 72 * HOUR);
    const early = await random(h, 3, start + HOUR, start + 72 * HOUR);
    lock.setLockTime(start - 60_000);
    expect(await h.mock.typeCode(h.lockId, late)).toBe(false);
    lock.setLockTime(start + 25 * HOUR);
    expect(await h.mock.typeCode(h.lockId, late)).toBe(false);
    const earlyId = h.mock.passcodes(h.lockId)[1].keyboardPwdId;
    const rename = { lockId: h.lockId, keyboardPwdId: earlyId, changeType: 1, startDate: start + HOUR, endDate: start + 96 * HOUR };
    expect(await api(h, '/v3/keyboardPwd/change', rename)).toMatchObject({ errcode: -3008 }); // never used on the lock
    lock.setLockTime(start + 2 * HOUR);
    expect(await h.mock.typeCode(h.lockId, early)).toBe(true);
    expect(await api(h, '/v3/keyboardPwd/change', rename)).toMatchObject({ errcode: 0 });
    expect(h.mock.passcodes(h.lockId)[1].endDate).toBe(start + 96 * HOUR);
    lock.setLockTime(start + 60 * HOUR);
    expect(await h.mock.typeCode(h.lockId, early)).toBe(true);
    lock.setLockTime(start + 97 * HOUR);
    expect(await h.mock.typeCode(h.lockId, early)).toBe(false);
    expect(h.mock.passcodes(h.lockId).map((p) => p.used)).toEqual([false, true]);
  });

  it('permanent: the same 24 h rule, then no end; one-time: within 6 h, once', async () => {
    const h = await ttlockHarness();
    const lock = h.mock.lock(h.lockId).lock;
    const start = nextHour();
    const permanent = await random(h, 2, start);
    const stale = await random(h, 2, start + HOUR);
    lock.setLockTime(start + 23 * HOUR);
    expect(await h.mock.typeCode(h.lockId, permanent)).toBe(true);
    lock.setLockTime(start + 400 * 24 * HOUR);
    expect(await h.mock.typeCode(h.lockId, permanent)).toBe(true);
    expect(await h.mock.typeCode(h.lockId, stale)).toBe(false);
    const once = await random(h, 1, start);
    const expired = await random(h, 1, start);
    lock.setLockTime(start + 5 * HOUR);
    expect(await h.mock.typeCode(h.lockId, once)).toBe(true);
    expect(await h.mock.typeCode(h.lockId, once)).toBe(false);
    lock.setLockTime(start + 6 * HOUR);
    expect(await h.mock.typeCode(h.lockId, expired)).toBe(false);
  });
});
