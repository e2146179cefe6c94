/**
 * The TTLock relay on the shared relay core, in front of the TTLock client and the mock TTLock cloud:
 * hostile input (refused before anything reaches TTLock, nothing echoed), ownership (authorize sees the
 * lock id and fields from the body, only a literal true allows), TTLock's refusals and lost answers,
 * idempotent retries; and the plugin's getLockData / recordPasscode through it over wx.request.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTTLockRelayHandler } from '../../cloud/ttlock/relay';
import type { RelayIntent } from '../../cloud/relay-core';
import { getLockData, recordPasscode } from '../../plugin/ttlock/relay-client';
import { createLoopbackRequest } from '../../simulator/loopback-request';
import { HOUR, TTLockHarness, nextHour, ttlockHarness } from '../helpers/ttlock-harness';

let h: TTLockHarness;
let relay: http.Server;
let base: string;
let lockA: number;
let lockB: number;
const intents: Array<{ who: string; intent: RelayIntent }> = [];
const relayLogs: string[] = [];
let verdict: (who: string, intent: RelayIntent) => unknown;
const owns: Record<string, number[]> = {};

beforeAll(async () => {
  h = await ttlockHarness({ locks: [{}, {}] });
  [lockA, lockB] = h.mock.lockIds;
  owns.alice = [lockA];
  owns.bob = [lockB];
  verdict = (who, intent) => owns[who]?.includes(intent.lockId as number) === true;
  const handler = createTTLockRelayHandler<string>({
    client: h.client,
    authenticate: (req) => ({ 'Bearer alice': 'alice', 'Bearer bob': 'bob' })[String(req.headers.authorization)] ?? null,
    authorize: (who, intent) => {
      intents.push({ who, intent });
      return verdict(who, intent);
    },
    maxBodyBytes: 2048,
    logger: { debug: (l) => relayLogs.push(l), warn: (l) => relayLogs.push(l) },
  });
  relay = http.createServer(handler);
  await new Promise<void>((r) => relay.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(relay.address() as AddressInfo).port}/ttlock`;
  (globalThis as any).wx = { request: createLoopbackRequest() };
});

afterAll(async () => {
  delete (globalThis as any).wx;
  relay.closeAllConnections();
  await new Promise((r) => relay.close(r));
  h.client.close();
  await h.mock.close();
});

beforeEach(() => {
  intents.length = 0;
  verdict = (who, intent) => owns[who]?.includes(intent.lockId as number) === true;
});

async function post(path: string, body: unknown, headers: Record<string, string> = { authorization: 'Bearer alice' }, method = 'POST') {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: method === 'GET' ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, text, json: JSON.parse(text) };
}

const record = (more: object = {}) => ({ lockId: lockA, passcode: '7305186', startDate: nextHour(), endDate: nextHour() + 24 * HOUR, ...more });

describe('plugin -> relay -> TTLock client -> mock cloud', () => {
  it('getLockData hands the phone the admin lockData of a lock the caller may use', async () => {
    const r = await getLockData({ relayUrl: base, header: { authorization: 'Bearer alice' }, lockId: lockA });
    expect(r).toMatchObject({ errorCode: 0, lockData: h.mock.lock(lockA).lock.lockData() });
    expect(intents).toEqual([{ who: 'alice', intent: { action: 'lock-data', lockId: lockA, fields: {} } }]);
  });

  it("someone else's lock: 403 from the relay (10307 in the plugin), TTLock never asked", async () => {
    const before = h.hits('/v3/key/get');
    const r = await getLockData({ relayUrl: base, header: { authorization: 'Bearer alice' }, lockId: lockB });
    expect(r).toMatchObject({ errorCode: 10307, description: expect.stringContaining('FORBIDDEN') });
    expect(r).not.toHaveProperty('lockData');
    expect(h.hits('/v3/key/get')).toBe(before);
  });

  it('recordPasscode records through the relay; authorize saw the lock id and the fields', async () => {
    const start = nextHour();
    const r = await recordPasscode({ relayUrl: base, header: { authorization: 'Bearer bob' }, lockId: lockB, passcode: '0418273', startDate: start, endDate: start + 2 * HOUR, name: 'Bob 2' });
    expect(r).toMatchObject({ errorCode: 0, keyboardPwdId: expect.any(Number) });
    expect(intents[0].intent).toEqual({ action: 'record', lockId: lockB, fields: { passcode: '0418273', startDate: start, endDate: start + 2 * HOUR, name: 'Bob 2' } });
    expect(Object.isFrozen(intents[0].intent.fields)).toBe(true);
    expect(h.mock.passcodes(lockB).find((p) => p.keyboardPwdId === r.keyboardPwdId)).toMatchObject({ keyboardPwd: '0418273', addType: 1 });
  });

  it('a permanent plugin code (0, 0) is recorded as a permanent cloud code', async () => {
    const r = await recordPasscode({ relayUrl: base, header: { authorization: 'Bearer alice' }, lockId: lockA, passcode: '9150374', startDate: 0, endDate: 0 });
    expect(r.errorCode).toBe(0);
    expect(h.mock.passcodes(lockA).find((p) => p.keyboardPwd === '9150374')).toMatchObject({ keyboardPwdType: 2, endDate: 0 });
  });

  it('invalid options stop in the plugin (11003): the relay is not called', async () => {
    expect(await recordPasscode({ relayUrl: base, lockId: lockA, passcode: '12', startDate: 1, endDate: 2 })).toMatchObject({ errorCode: 11003 });
    expect(await getLockData({ relayUrl: 'ftp://x', lockId: lockA })).toMatchObject({ errorCode: 11003 });
    expect(await getLockData({ relayUrl: base, lockId: -1 })).toMatchObject({ errorCode: 11003 });
    expect(intents).toEqual([]);
  });
});

describe('every route, for its owner', () => {
  it('add via gateway, change, list, random code, delete', async () => {
    const added = await post('/passcodes/add', record({ passcode: '6391720' }));
    expect(added).toMatchObject({ status: 200, json: { state: 'active' } });
    const id = added.json.keyboardPwdId;
    expect((await post('/passcodes/change', { lockId: lockA, keyboardPwdId: id, passcode: '6391721', via: 'gateway' })).json).toEqual({ state: 'active' });
    const listed = await post('/passcodes/list', { lockId: lockA, search: '6391721' });
    expect(listed.json.list).toEqual([expect.objectContaining({ keyboardPwdId: id, passcode: '6391721' })]);
    const random = await post('/random-passcode', { lockId: lockA, type: 'one-time', startDate: nextHour() });
    expect(random.json).toMatchObject({ passcode: expect.stringMatching(/^\d{6,9}$/), rule: expect.any(String) });
    expect((await post('/passcodes/delete', { lockId: lockA, keyboardPwdId: id, via: 'gateway' })).json).toEqual({ deleted: true });
    expect(h.mock.lock(lockA).lock.passcodes().map((p) => p.passcode)).not.toContain('6391721');
    expect(intents.map((i) => i.intent.action)).toEqual(['add-via-gateway', 'change', 'list', 'random-passcode', 'delete']);
  });

  it('delete by the digits (deleteByCode); exactly one of keyboardPwdId and passcode, checked before authorize', async () => {
    await post('/passcodes/record', record({ passcode: '7302194' }));
    const before = intents.length;
    for (const body of [{ lockId: lockA, via: 'record' }, { lockId: lockA, keyboardPwdId: 10001, passcode: '7302194', via: 'record' }, { lockId: lockA, passcode: '73a2194', via: 'record' }]) {
      const bad = await post('/passcodes/delete', body);
      expect(bad.status).toBe(400);
      expect(bad.text).not.toContain('7302194');
    }
    expect(intents.length).toBe(before);
    expect((await post('/passcodes/delete', { lockId: lockA, passcode: '7302194', via: 'record' })).json).toEqual({ deleted: true });
    expect(h.mock.passcodes(lockA).map((p) => p.keyboardPwd)).not.toContain('7302194');
    expect(h.hits('/v3/keyboardPwd/deleteByCode')).toBe(1);
  });

  it('30006 on a record: 502 with the code, kind quota and retryAfterMs; the write was not re-sent', async () => {
    const before = h.hits('/v3/keyboardPwd/add');
    h.mock.inject({ kind: 'errcode', errcode: 30006, on: '/v3/keyboardPwd/add' });
    const r = await post('/passcodes/record', record({ passcode: '8402931' }));
    expect(r).toMatchObject({ status: 502, json: { error: { code: 30006, kind: 'quota', retryAfterMs: 1000 } } });
    expect(h.hits('/v3/keyboardPwd/add')).toBe(before + 1);
    expect(h.mock.passcodes(lockA).map((p) => p.keyboardPwd)).not.toContain('8402931');
    expect(r.text).not.toContain('8402931');
  });

  it("TTLock's refusal comes back with its code and kind; a lost answer the list cannot settle is 504", async () => {
    await post('/passcodes/record', record({ passcode: '8203947' }));
    const dup = await post('/passcodes/record', record({ passcode: '8203947' }));
    expect(dup).toMatchObject({ status: 502, json: { error: { code: -3007, kind: 'rejected' } } });
    h.mock.inject({ kind: 'drop', on: '/v3/keyboardPwd/add' });
    const lost = await post('/passcodes/record', record({ passcode: '8203948' }));
    expect(lost).toMatchObject({ status: 504, json: { error: { code: 'OUTCOME_UNKNOWN' } } });
    for (const r of [dup, lost]) expect(r.text).not.toMatch(/820394[78]/);
  });

  it('an Idempotency-Key replays the first answer: the record reaches TTLock once', async () => {
    const before = h.hits('/v3/keyboardPwd/add');
    const headers = { authorization: 'Bearer alice', 'idempotency-key': 'rec-2031-0601-a' };
    const first = await post('/passcodes/record', record({ passcode: '5061829' }), headers);
    const again = await post('/passcodes/record', record({ passcode: '5061829' }), headers);
    expect(again.json).toEqual(first.json);
    expect(h.hits('/v3/keyboardPwd/add')).toBe(before + 1);
  });
});

describe('hostile input', () => {
  const upstreamBefore = () => h.mock.stats.requests;

  it.each([
    ['no authorisation', () => post('/lock-data', { lockId: lockA }, {}), 401, 'UNAUTHORIZED'],
    ['an unknown session', () => post('/lock-data', { lockId: lockA }, { authorization: 'Bearer mallory' }), 401, 'UNAUTHORIZED'],
    ['a GET', () => post('/lock-data', '', { authorization: 'Bearer alice' }, 'GET'), 405, 'METHOD_NOT_ALLOWED'],
    ['an unknown path', () => post('/passcodes/unlock', { lockId: lockA }), 404, 'NOT_FOUND'],
    ['bad JSON', () => post('/passcodes/record', '{"lockId":'), 400, 'INVALID_JSON'],
    ['an oversized body', () => post('/passcodes/record', JSON.stringify(record({ name: 'x'.repeat(3000) }))), 413, 'BODY_TOO_LARGE'],
    ['a text/plain body', () => post('/lock-data', { lockId: lockA }, { authorization: 'Bearer alice', 'content-type': 'text/plain' }), 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['an array', () => post('/lock-data', [lockA]), 400, 'NOT_AN_OBJECT'],
    ['a duplicate key', () => post('/lock-data', `{"lockId":${lockB},"lockId":${lockA}}`), 400, 'DUPLICATE_KEY'],
  ])('%s is refused before TTLock hears of it', async (_label, send, status, code) => {
    const before = upstreamBefore();
    const res = await send();
    expect(res.status).toBe(status);
    expect(res.json.error.code).toBe(code);
    expect(h.mock.stats.requests).toBe(before);
  });

  it.each([
    ['lockId', { lockId: String(lockA) }],
    ['lockId', { lockId: 0 }],
    ['passcode', { passcode: 7305186 }],
    ['passcode', { passcode: '73a5186' }],
    ['endDate', { endDate: nextHour() - 2 * HOUR }],
    ['smuggled', { smuggled: true }],
    ['addType', { addType: 2 }],
  ])('an invalid or unknown field (%s) is named, never echoed, never authorized', async (field, bad) => {
    const before = upstreamBefore();
    const res = await post('/passcodes/record', record(bad));
    expect(res).toMatchObject({ status: 400, json: { error: { code: 'INVALID_FIELD', field } } });
    expect(res.text).not.toMatch(/7305186|73a5186/);
    expect(intents).toEqual([]);
    expect(h.mock.stats.requests).toBe(before);
  });

  it('the lock id comes from the body only: a query string cannot redirect an authorized call', async () => {
    const res = await fetch(`${base}/lock-data?lockId=${lockB}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer alice' },
      body: JSON.stringify({ lockId: lockA }),
    });
    expect(res.status).toBe(200);
    expect((await res.json()).lockData).toBe(h.mock.lock(lockA).lock.lockData());
    expect(intents.map((i) => i.intent.lockId)).toEqual([lockA]);
  });

  it.each([['a truthy non-true', 'yes'], ['1', 1], ['an object', {}], ['a promise of true?', Promise.resolve('true')]])(
    'authorize returning %s is a refusal (403)',
    async (_label, value) => {
      verdict = () => value;
      const res = await post('/lock-data', { lockId: lockA });
      expect(res).toMatchObject({ status: 403, json: { error: { code: 'FORBIDDEN' } } });
    },
  );

  it('authorize throwing is a 500 HOOK_FAILED, and nothing reaches TTLock', async () => {
    const before = upstreamBefore();
    verdict = () => {
      throw new Error('db down');
    };
    const res = await post('/passcodes/record', record());
    expect(res).toMatchObject({ status: 500, json: { error: { code: 'HOOK_FAILED' } } });
    expect(res.text).not.toContain('db down');
    expect(h.mock.stats.requests).toBe(before);
  });

  it('no passcode, lockData, token or secret in the relay log', () => {
    const text = relayLogs.join('\n');
    expect(relayLogs.length).toBeGreaterThan(0);
    for (const value of ['7305186', '0418273', '8203947', h.mock.clientSecret, h.mock.lock(lockA).lock.lockData()]) expect(text).not.toContain(value);
  });
});
