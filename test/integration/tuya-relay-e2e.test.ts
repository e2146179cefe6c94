/**
 * End to end: the plugin's requestTempPassword -> a fake wx.request that really sends HTTP over loopback
 * -> the relay (node:http) -> the cloud client -> the mock Tuya cloud over HTTPS. Plus the relay's own
 * answers to bad requests, sent straight to it as a hostile caller would.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTuyaClient } from '../../cloud/client';
import { createRelayHandler } from '../../cloud/relay';
import { requestTempPassword } from '../../plugin/tuya/relay-client';
import { MOCK_DEVICE_ID, MockTuyaCloud, startMockTuyaCloud } from '../../simulator/tuya-cloud';
import { createLoopbackRequest } from '../../simulator/loopback-request';

let mock: MockTuyaCloud;
let client: ReturnType<typeof createTuyaClient>;
let relay: http.Server;
let relayBase: string;
let relayHits = 0;
const logs: string[] = [];
const SESSION = 'Bearer e2e-session';

beforeAll(async () => {
  mock = await startMockTuyaCloud();
  client = createTuyaClient({ baseUrl: mock.baseUrl, accessId: mock.accessId, accessSecret: mock.accessSecret, ca: mock.ca, retry: { baseDelayMs: 5 } });
  const handler = createRelayHandler({
    client,
    authenticate: (req) => (req.headers.authorization === SESSION ? 'user-e2e' : null),
    authorize: (_user, intent) => intent.deviceId === MOCK_DEVICE_ID,
    maxBodyBytes: 2048,
    logger: { warn: (l) => logs.push(l), debug: (l) => logs.push(l) },
  });
  relay = http.createServer((req, res) => {
    relayHits++;
    if (req.url === '/broken') return void res.writeHead(503, { 'content-type': 'text/plain' }).end('Service Unavailable');
    handler(req, res);
  });
  await new Promise<void>((r) => relay.listen(0, '127.0.0.1', r));
  relayBase = `http://127.0.0.1:${(relay.address() as AddressInfo).port}`;
  (globalThis as any).wx = { request: createLoopbackRequest() };
});

afterAll(async () => {
  delete (globalThis as any).wx;
  client.close();
  relay.closeAllConnections();
  await new Promise((r) => relay.close(r));
  await mock.close();
});

const start = Math.floor(Date.now() / 1000) * 1000 + 3600_000;
const option = (more: object = {}) => ({
  relayUrl: `${relayBase}/temp-passwords`,
  header: { authorization: SESSION },
  deviceId: MOCK_DEVICE_ID,
  password: '8642097',
  effectiveTime: start,
  invalidTime: start + 3600_000,
  ...more,
});

describe('plugin -> relay -> client -> mock Tuya cloud', () => {
  it('creates a password and resolves errorCode 0 with the id Tuya gave', async () => {
    const result = await requestTempPassword(option({ schedule: [{ startMinute: 450, endMinute: 510, weekdays: 38 }], timeZone: 'Asia/Shanghai' }));
    expect(result).toMatchObject({ errorCode: 0, errorMsg: '成功' });
    const stored = mock.passwords().find((p) => p.id === result.id);
    expect(stored?.pin).toBe('8642097');
    expect(stored?.body.schedule_list).toEqual([{ effective_time: 450, invalid_time: 510, working_day: 38 }]);
  });

  it('invalid options stop in the plugin with 11003: the relay is never called', async () => {
    const before = relayHits;
    const result = await requestTempPassword(option({ invalidTime: start }));
    expect(result).toMatchObject({ errorCode: 11003, description: expect.stringContaining('"invalidTime"') });
    expect(relayHits).toBe(before);
  });

  it('a caller the relay does not authorise gets 10307 with the relay code', async () => {
    const result = await requestTempPassword(option({ header: { authorization: 'Bearer someone-else' } }));
    expect(result).toMatchObject({ errorCode: 10307, description: expect.stringContaining('UNAUTHORIZED') });
  });

  it("Tuya's refusal travels through the relay with its code", async () => {
    mock.inject({ kind: 'code', code: 1106, on: 'ticket' });
    const result = await requestTempPassword(option({ password: '5550123' }));
    expect(result.errorCode).toBe(10307);
    expect(result.description).toContain('1106');
  });

  it('an HTTP error without a code is 10305; an unreachable relay is 10302', async () => {
    expect(await requestTempPassword(option({ relayUrl: `${relayBase}/broken` }))).toMatchObject({ errorCode: 10305 });
    expect(await requestTempPassword(option({ relayUrl: 'http://127.0.0.1:1/temp-passwords' }))).toMatchObject({ errorCode: 10302 });
  });

  it('no PIN or secret appears in the relay log', () => {
    const text = logs.join('\n');
    expect(logs.length).toBeGreaterThan(0);
    for (const value of ['8642097', '5550123', mock.accessSecret]) expect(text).not.toContain(value);
  });
});

describe('the relay on its own', () => {
  async function post(path: string, body: string, headers: Record<string, string> = { authorization: SESSION, 'content-type': 'application/json' }, method = 'POST') {
    const res = await fetch(`${relayBase}${path}`, { method, headers, body: method === 'GET' ? undefined : body });
    return { status: res.status, text: await res.text() };
  }
  const valid = () => JSON.stringify({ deviceId: MOCK_DEVICE_ID, password: '9753124', effectiveTime: start, invalidTime: start + 3600_000 });

  it.each([
    ['bad JSON', () => post('/temp-passwords', '{"deviceId":'), 400, 'INVALID_JSON'],
    ['an oversized body', () => post('/temp-passwords', ' '.repeat(5000)), 413, 'BODY_TOO_LARGE'],
    ['an invalid field', () => post('/temp-passwords', valid().replace('9753124', '97531')), 400, 'INVALID_FIELD'],
    ['a GET', () => post('/temp-passwords', '', { authorization: SESSION }, 'GET'), 405, 'METHOD_NOT_ALLOWED'],
    ['a text/plain body', () => post('/temp-passwords', valid(), { authorization: SESSION, 'content-type': 'text/plain' }), 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['an unknown path', () => post('/other', valid()), 404, 'NOT_FOUND'],
    ['no authorisation', () => post('/temp-passwords', valid(), {}), 401, 'UNAUTHORIZED'],
  ])('answers %s with a clear JSON error', async (_label, send, status, code) => {
    const res = await send();
    expect(res.status).toBe(status);
    expect(JSON.parse(res.text).error.code).toBe(code);
    expect(res.text).not.toContain('9753124');
    expect(res.text).not.toContain('97531');
  });

  it('names the invalid field, and refuses unknown fields instead of passing them on', async () => {
    const before = mock.stats.requests;
    const bad = await post('/temp-passwords', JSON.stringify({ ...JSON.parse(valid()), type: 5 }));
    expect(JSON.parse(bad.text).error).toMatchObject({ field: 'type', message: expect.stringContaining('"type"') });
    const smuggled = await post('/temp-passwords', JSON.stringify({ ...JSON.parse(valid()), ticket_id: 'smuggled' }));
    expect(smuggled.status).toBe(400);
    expect(JSON.parse(smuggled.text).error).toMatchObject({ code: 'INVALID_FIELD', field: 'ticket_id' });
    expect(mock.stats.requests).toBe(before);
  });

  it('requires authenticate and authorize, and says what replaced authorize(req)', () => {
    expect(() => createRelayHandler({ client, authorize: () => true } as any)).toThrow(/authenticate\(req\)/);
    expect(() => createRelayHandler({ client, authenticate: () => 'u' } as any)).toThrow(/authorize/);
  });
});
