/**
 * The relay against a hostile caller: each attack gets its own status and code, and nothing reaches the
 * mock Tuya cloud (its request counter does not move) or authorize. Raw sockets send what no client
 * library would: partial bodies, lying lengths, bytes after the JSON.
 */
import * as net from 'node:net';
import { DEVICE_A, DEVICE_B, RelayHarness, SESSION_A, startRelayHarness, validBodies } from '../helpers/relay-harness';

let h: RelayHarness;
const PIN = '8642097';

beforeAll(async () => {
  h = await startRelayHarness({ bodyTimeoutMs: 300, maxBodyBytes: 4096 });
});
afterAll(() => h.close());

const json = { authorization: SESSION_A, 'content-type': 'application/json' };
const create = validBodies(DEVICE_A)['/temp-passwords'] as Record<string, unknown>;
const createText = JSON.stringify(create);

/** Sends raw bytes and collects the answer; resolves when the server answers or closes. */
function raw(text: string, endAfterMs?: number): Promise<{ status: number; text: string; ms: number }> {
  const port = Number(new URL(h.base).port);
  const began = Date.now();
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(text));
    let got = '';
    socket.on('data', (c) => (got += c.toString()));
    const timer = endAfterMs === undefined ? undefined : setTimeout(() => socket.end(), endAfterMs);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(got)?.[1] ?? 0), text: got, ms: Date.now() - began });
    });
    socket.on('error', reject);
  });
}

const head = (path: string, headers: Record<string, string>, length: number) =>
  `POST ${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n${Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('')}content-length: ${length}\r\n\r\n`;

type Case = [string, () => Promise<{ status: number; json: any; text: string }>, number, string];
const body = (text: string, headers: Record<string, string> = json, path = '/temp-passwords') => () => h.send(path, text, headers);

const cases: Case[] = [
  ['truncated JSON', body('{"deviceId":'), 400, 'INVALID_JSON'],
  ['JSON with a comment', body('{"deviceId":"x" /* hi */}'), 400, 'INVALID_JSON'],
  ['trailing garbage after the object', body(`${createText}x`), 400, 'INVALID_JSON'],
  ['a second object after the first', body(`${createText}${createText}`), 400, 'INVALID_JSON'],
  ['a NUL byte after the object', body(`${createText}\u0000`), 400, 'INVALID_JSON'],
  ['an empty body', body(''), 400, 'INVALID_JSON'],
  ['bytes that are not UTF-8', () => h.send('/temp-passwords', Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d]), json), 400, 'INVALID_JSON'],
  ['an array', body(`[${createText}]`), 400, 'NOT_AN_OBJECT'],
  ['a string', body('"deviceId"'), 400, 'NOT_AN_OBJECT'],
  ['null', body('null'), 400, 'NOT_AN_OBJECT'],
  ['a duplicate deviceId (mine, then theirs)', body(createText.replace('{', `{"deviceId":"${DEVICE_B}",`)), 400, 'DUPLICATE_KEY'],
  ['a duplicate key nested in a schedule', body(JSON.stringify({ ...create, timeZone: 'UTC', schedule: [{ startMinute: 1, endMinute: 2, weekdays: 3 }] }).replace('"startMinute":1', '"startMinute":1,"startMinute":5')), 400, 'DUPLICATE_KEY'],
  ['__proto__ carrying another device', body(createText.replace('{', `{"__proto__":{"deviceId":"${DEVICE_B}"},`)), 400, 'FORBIDDEN_KEY'],
  ['an escaped \\u005f_proto__ key', body(createText.replace('{', '{"\\u005f_proto__":{},')), 400, 'FORBIDDEN_KEY'],
  ['a constructor key', body(createText.replace('{', '{"constructor":{"prototype":{}},')), 400, 'FORBIDDEN_KEY'],
  ['nesting 100 deep', body(`{"deviceId":${'['.repeat(100)}${']'.repeat(100)}}`), 400, 'INVALID_JSON'],
  ['deviceId as a number', body(JSON.stringify({ ...create, deviceId: 12345 })), 400, 'INVALID_FIELD'],
  ['deviceId with a path', body(JSON.stringify({ ...create, deviceId: `${DEVICE_A}/../x` })), 400, 'INVALID_FIELD'],
  ['the PIN as a JSON number', body(JSON.stringify({ ...create, password: Number(PIN) })), 400, 'INVALID_FIELD'],
  ['the PIN with letters', body(JSON.stringify({ ...create, password: `${PIN}a` })), 400, 'INVALID_FIELD'],
  ['times in seconds', body(JSON.stringify({ ...create, effectiveTime: 1_900_000_000 })), 400, 'INVALID_FIELD'],
  ['a time as a string', body(JSON.stringify({ ...create, invalidTime: String(create.invalidTime) })), 400, 'INVALID_FIELD'],
  ['an unknown field', body(JSON.stringify({ ...create, ticket_id: 'smuggled' })), 400, 'INVALID_FIELD'],
  ['valid as the string "true"', body(JSON.stringify({ deviceId: DEVICE_A, valid: 'true' }), json, '/temp-passwords/list'), 400, 'INVALID_FIELD'],
  ['passwordId as a number', body(JSON.stringify({ deviceId: DEVICE_A, passwordId: 5 }), json, '/temp-passwords/delete'), 400, 'INVALID_FIELD'],
  ['an offline kind Tuya does not have', body(JSON.stringify({ deviceId: DEVICE_A, kind: 'forever' }), json, '/temp-passwords/offline'), 400, 'INVALID_FIELD'],
  ['clear_one without passwordId', body(JSON.stringify({ deviceId: DEVICE_A, kind: 'clear_one' }), json, '/temp-passwords/offline'), 400, 'INVALID_FIELD'],
  ['a body over the limit', body(JSON.stringify({ ...create, phone: '1'.repeat(5000) })), 413, 'BODY_TOO_LARGE'],
  ['text/plain (a cross-site form can send it)', body(createText, { authorization: SESSION_A, 'content-type': 'text/plain' }), 415, 'UNSUPPORTED_MEDIA_TYPE'],
  ['a urlencoded form', body(createText, { authorization: SESSION_A, 'content-type': 'application/x-www-form-urlencoded' }), 415, 'UNSUPPORTED_MEDIA_TYPE'],
  ['multipart', body(createText, { authorization: SESSION_A, 'content-type': 'multipart/form-data; boundary=x' }), 415, 'UNSUPPORTED_MEDIA_TYPE'],
  ['no content-type', body(createText, { authorization: SESSION_A }), 415, 'UNSUPPORTED_MEDIA_TYPE'],
  ['JSON in another charset', body(createText, { authorization: SESSION_A, 'content-type': 'application/json; charset=latin1' }), 415, 'UNSUPPORTED_MEDIA_TYPE'],
  ['a JSON-like media type', body(createText, { authorization: SESSION_A, 'content-type': 'application/json-patch+json' }), 415, 'UNSUPPORTED_MEDIA_TYPE'],
  ['no session', body(createText, { 'content-type': 'application/json' }), 401, 'UNAUTHORIZED'],
  ['an unknown session', body(createText, { authorization: 'Bearer forged', 'content-type': 'application/json' }), 401, 'UNAUTHORIZED'],
  ['a bad Idempotency-Key', body(createText, { ...json, 'idempotency-key': 'no spaces allowed' }), 400, 'INVALID_IDEMPOTENCY_KEY'],
  ['GET', () => h.send('/temp-passwords', '', json, 'GET'), 405, 'METHOD_NOT_ALLOWED'],
  ['PUT', () => h.send('/temp-passwords', createText, json, 'PUT'), 405, 'METHOD_NOT_ALLOWED'],
  ['DELETE', () => h.send('/temp-passwords/delete', '', json, 'DELETE'), 405, 'METHOD_NOT_ALLOWED'],
  ['OPTIONS', () => h.send('/temp-passwords', '', json, 'OPTIONS'), 405, 'METHOD_NOT_ALLOWED'],
  ['an unknown path', body(createText, json, '/other'), 404, 'NOT_FOUND'],
  ['a trailing slash', body(createText, json, '/temp-passwords/'), 404, 'NOT_FOUND'],
  ['a dot-dot path', body(createText, json, '/x/../temp-passwords'), 404, 'NOT_FOUND'],
  ['an encoded slash', body(createText, json, '/temp-passwords%2Flist'), 404, 'NOT_FOUND'],
  ['other case', body(createText, json, '/TEMP-PASSWORDS'), 404, 'NOT_FOUND'],
  ['a __proto__ route', body(createText, json, '/temp-passwords/__proto__'), 404, 'NOT_FOUND'],
  ['a constructor route', body(createText, json, '/temp-passwordsconstructor'), 404, 'NOT_FOUND'],
];

describe('hostile input never reaches Tuya', () => {
  it.each(cases)('%s', async (_label, attack, status, code) => {
    const before = h.mock.stats.requests;
    const seen = h.seen.length;
    const res = await attack();
    expect(res.status).toBe(status);
    expect(res.json?.error?.code).toBe(code);
    expect(res.text).not.toContain(PIN);
    expect(h.mock.stats.requests).toBe(before);
    expect(h.seen.length).toBe(seen);
  });

  it('a body slower than the body limit gets 408 and creates nothing', async () => {
    const before = h.mock.stats.requests;
    const res = await raw(head('/temp-passwords', json, createText.length) + createText.slice(0, 10));
    expect(res.status).toBe(408);
    expect(res.text).toContain('BODY_TIMEOUT');
    expect(h.mock.stats.requests).toBe(before);
  });

  it('an anonymous caller is refused before the relay waits for its body', async () => {
    const res = await raw(head('/temp-passwords', { 'content-type': 'application/json' }, 100_000_000), 2000);
    expect(res.status).toBe(401);
    expect(res.ms).toBeLessThan(2000); // answered from the headers alone: the body never came
  });

  it('a declared length over the limit is refused from the headers', async () => {
    const res = await raw(head('/temp-passwords', json, 100_000_000), 2000);
    expect(res.status).toBe(413);
    expect(res.ms).toBeLessThan(2000);
  });

  it('a chunked body over the limit is cut off at the limit', async () => {
    const chunk = 'a'.repeat(1000);
    const chunks = Array.from({ length: 8 }, () => `${chunk.length.toString(16)}\r\n${chunk}\r\n`).join('');
    const res = await raw(`POST /temp-passwords HTTP/1.1\r\nHost: x\r\nConnection: close\r\nauthorization: ${SESSION_A}\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n${chunks}0\r\n\r\n`);
    expect(res.status).toBe(413);
  });

  it('bytes past a short Content-Length are not part of the body: the JSON there is refused', async () => {
    const before = h.mock.stats.requests;
    const res = await raw(head('/temp-passwords', json, createText.length - 1) + createText);
    expect(res.status).toBe(400);
    expect(h.mock.stats.requests).toBe(before);
  });

  it('the PIN sent as a number is described by type, not echoed, in the answer and the log', async () => {
    const res = await h.send('/temp-passwords', JSON.stringify({ ...create, password: 8642097 }), json);
    expect(res.json.error).toMatchObject({ field: 'password', message: '"password" expected a string of digits, got number' });
    expect(h.logs.join('\n')).not.toContain(PIN);
  });
});
