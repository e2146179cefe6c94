/**
 * Who may do what: every route asks authorize with the device it will act on, taken from the body and
 * only the body; user A never acts on user B's device whatever the query, headers or body say. Only a
 * literal `true` from authorize allows; anything else is 403 or 500 and nothing reaches Tuya.
 */
import { DEVICE_A, DEVICE_B, RelayHarness, SESSION_A, SESSION_B, startRelayHarness, validBodies } from '../helpers/relay-harness';
import type { RelayIntent } from '../../cloud/relay';

let h: RelayHarness;
let idA: string;
let idB: string;

beforeAll(async () => {
  h = await startRelayHarness();
  const a = await h.post('/temp-passwords', validBodies(DEVICE_A)['/temp-passwords'], SESSION_A);
  const b = await h.post('/temp-passwords', validBodies(DEVICE_B)['/temp-passwords'], SESSION_B);
  expect([a.status, b.status]).toEqual([200, 200]);
  idA = a.json.id;
  idB = b.json.id;
});
afterAll(() => h.close());

const ROUTES = Object.keys(validBodies(DEVICE_A));

describe('ownership on every route', () => {
  it.each(ROUTES)('%s: A on B\'s device is 403 and Tuya sees nothing', async (route) => {
    const before = h.mock.stats.requests;
    const res = await h.post(route, validBodies(DEVICE_B, idB)[route], SESSION_A);
    expect(res.status).toBe(403);
    expect(res.json.error.code).toBe('FORBIDDEN');
    expect(h.mock.stats.requests).toBe(before);
    expect(h.seen.at(-1)).toMatchObject({ user: 'alice', deviceId: DEVICE_B });
  });

  it.each(ROUTES)('%s: a query string or header naming A\'s device does not change what is checked', async (route) => {
    const before = h.mock.stats.requests;
    const res = await h.send(`${route}?deviceId=${DEVICE_A}&device_id=${DEVICE_A}`, JSON.stringify(validBodies(DEVICE_B, idB)[route]), {
      authorization: SESSION_A,
      'content-type': 'application/json',
      'x-device-id': DEVICE_A,
      'device-id': DEVICE_A,
    });
    expect(res.status).toBe(403);
    expect(h.mock.stats.requests).toBe(before);
  });

  it.each(ROUTES.filter((r) => r !== '/temp-passwords/clear'))('%s: A on A\'s own device works, even with B\'s device in the query', async (route) => {
    const res = await h.send(`${route}?deviceId=${DEVICE_B}`, JSON.stringify(validBodies(DEVICE_A, idA)[route]), { authorization: SESSION_A, 'content-type': 'application/json' });
    expect(res.status).toBe(200);
    expect(h.seen.at(-1)).toMatchObject({ user: 'alice', deviceId: DEVICE_A });
  });

  it('B\'s password is untouched after all of A\'s attempts; A\'s clear clears only A', async () => {
    const res = await h.post('/temp-passwords/clear', { deviceId: DEVICE_A }, SESSION_A);
    expect(res.status).toBe(200);
    const bob = h.mock.passwords(DEVICE_B).find((p) => p.id === idB);
    expect(bob?.pin).toBe('8642097');
    expect(bob?.body.password).toBeDefined();
    const list = await h.post('/temp-passwords/list', { deviceId: DEVICE_B }, SESSION_B);
    expect(list.json.passwords.find((p: { id: string }) => p.id === idB)?.state).toBe('active');
  });

  it('a password id of B\'s, asked for on A\'s device, is looked up on A\'s device only', async () => {
    const res = await h.post('/temp-passwords/delete', { deviceId: DEVICE_A, passwordId: idB }, SESSION_A);
    expect(res.status).not.toBe(200);
    expect(h.mock.passwords(DEVICE_B).find((p) => p.id === idB)?.queue).toEqual([]);
  });
});

describe('authorize answers strictly', () => {
  async function withAuthorize(authorize: (u: unknown, i: RelayIntent) => unknown, hookTimeoutMs = 200) {
    const local = await startRelayHarness({ authorize: authorize as never, hookTimeoutMs });
    try {
      const before = local.mock.stats.requests;
      const res = await local.post('/temp-passwords', validBodies(DEVICE_A)['/temp-passwords']);
      return { res, reached: local.mock.stats.requests - before, stored: local.mock.passwords().length };
    } finally {
      await local.close();
    }
  }

  it.each([
    ['false', false],
    ["'true'", 'true'],
    ["'false'", 'false'],
    ['1', 1],
    ['{}', {}],
    ['[true]', [true]],
    ['null', null],
    ['undefined', undefined],
    ['a promise of 1', Promise.resolve(1)],
  ])('%s is 403 and nothing is sent', async (_label, value) => {
    const { res, reached, stored } = await withAuthorize(() => value);
    expect(res.status).toBe(403);
    expect(res.json.error.code).toBe('FORBIDDEN');
    expect([reached, stored]).toEqual([0, 0]);
  });

  it.each([
    ['a throw', () => { throw new Error('db down'); }],
    ['a rejection', () => Promise.reject(new Error('db down'))],
    ['no answer in time', () => new Promise(() => undefined)],
  ])('%s is 500 and nothing is sent', async (_label, authorize) => {
    const { res, reached, stored } = await withAuthorize(authorize);
    expect(res.status).toBe(500);
    expect(res.json.error.code).toBe('HOOK_FAILED');
    expect(res.text).not.toContain('db down');
    expect([reached, stored]).toEqual([0, 0]);
  });

  it('a promise of true allows', async () => {
    const { res, stored } = await withAuthorize(async () => true);
    expect(res.status).toBe(200);
    expect(stored).toBe(1);
  });

  it('the intent is frozen: authorize cannot approve one device and send another', async () => {
    const { res, stored } = await withAuthorize((_u, intent) => {
      (intent as { deviceId?: string }).deviceId = DEVICE_B;
      return true;
    });
    expect(res.status).toBe(500); // strict-mode assignment to a frozen object throws
    expect(stored).toBe(0);
  });

  it('authorize sees exactly the fields that are sent: action, device, and the PIN among the fields', async () => {
    const intents: RelayIntent[] = [];
    const { res } = await withAuthorize((_u, intent) => (intents.push(intent), true));
    expect(res.status).toBe(200);
    const body = validBodies(DEVICE_A)['/temp-passwords'] as Record<string, unknown>;
    expect(intents[0]).toEqual({ action: 'create', deviceId: DEVICE_A, fields: { password: body.password, effectiveTime: body.effectiveTime, invalidTime: body.invalidTime } });
  });

  it.each([
    ['a throw: 500', () => { throw new Error('x'); }, 500],
    ['no answer in time: 500', () => new Promise(() => undefined), 500],
    ['an empty string: 401', () => '', 401],
    ['false: 401', () => false, 401],
  ])('authenticate: %s', async (_label, authenticate, status) => {
    const local = await startRelayHarness({ authenticate: authenticate as never, hookTimeoutMs: 200 });
    try {
      const res = await local.post('/temp-passwords', validBodies(DEVICE_A)['/temp-passwords']);
      expect(res.status).toBe(status);
      expect(local.mock.stats.requests).toBe(0);
    } finally {
      await local.close();
    }
  });
});
