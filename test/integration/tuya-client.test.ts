/**
 * The cloud client against the mock Tuya cloud over real HTTPS on 127.0.0.1 (trusting the test-only CA
 * through `ca`). The transport is the real one, wrapped only to note the sensitive values that crossed
 * the wire (tokens, ticket keys), so every test can check none of them reached a log line or an error.
 */
import { createTuyaClient } from '../../cloud/client';
import { isTuyaError } from '../../cloud/errors';
import { MOCK_DEVICE_ID } from '../../simulator/tuya-cloud';
import { closeTuyaHarnessesAfterEach, expectNothingSensitive, startTuyaHarness } from '../helpers/tuya-mock';

const HOUR = 3600_000;
const start = Math.floor(Date.now() / 1000) * 1000 + HOUR;
const setup = startTuyaHarness;
const open: Array<() => void> = [];
closeTuyaHarnessesAfterEach();
afterEach(() => open.splice(0).forEach((close) => close()));

const fields = (password: string, more: object = {}) => ({
  deviceId: MOCK_DEVICE_ID,
  password,
  effectiveTime: start,
  invalidTime: start + 2 * HOUR,
  ...more,
});

describe('createTempPassword against the mock Tuya cloud', () => {
  it('creates a password: the cloud decrypts the same PIN, times are sent in seconds', async () => {
    const h = await setup();
    const { id } = await h.client.createTempPassword(fields('7654321', { type: 1, phone: '13800000000' }));
    const [stored] = h.mock.passwords(MOCK_DEVICE_ID);
    expect(stored.id).toBe(id);
    expect(stored.pin).toBe('7654321');
    expect(stored.body).toMatchObject({ password_type: 'ticket', type: 1, phone: '13800000000' });
    expect(stored.body.effective_time).toBe(start / 1000);
    expect(stored.body.invalid_time).toBe(start / 1000 + 7200);
    expect(stored.body.password).toMatch(/^[0-9A-F]{32}$/);
    expect(stored.body.schedule_list).toBeUndefined();
    expectNothingSensitive(h, ['7654321']);
  });

  it('creates a password with a weekly schedule and its time zone', async () => {
    const h = await setup();
    const schedule = [
      { startMinute: 450, endMinute: 510, weekdays: 38 },
      { startMinute: 720, endMinute: 1080, weekdays: 0 },
    ];
    await h.client.createTempPassword(fields('246810', { schedule, timeZone: 'Asia/Shanghai' }));
    const [stored] = h.mock.passwords();
    expect(stored.body.schedule_list).toEqual([
      { effective_time: 450, invalid_time: 510, working_day: 38 },
      { effective_time: 720, invalid_time: 1080, working_day: 0 },
    ]);
    expect(stored.body.time_zone).toBe('Asia/Shanghai');
    expect(stored.body.type).toBe(0);
  });

  it('cold costs token + ticket + create; warm reuses the token and the TLS connection', async () => {
    const h = await setup();
    await h.client.createTempPassword(fields('1111111'));
    expect(h.mock.stats.byEndpoint).toMatchObject({ token: 1, ticket: 1, create: 1 });
    h.mock.resetStats();
    await h.client.createTempPassword(fields('2222222'));
    expect(h.mock.stats.requests).toBe(2);
    expect(h.mock.stats.byEndpoint).toMatchObject({ token: 0, ticket: 1, create: 1 });
    expect(h.mock.stats.connections).toBe(0);
  });

  it('twenty concurrent creates share one token request and each use their own ticket', async () => {
    const h = await setup();
    const pins = Array.from({ length: 20 }, (_, i) => String(1000000 + i * 7));
    const results = await Promise.all(pins.map((p) => h.client.createTempPassword(fields(p))));
    expect(new Set(results.map((r) => r.id)).size).toBe(20);
    expect(h.mock.stats.byEndpoint).toMatchObject({ token: 1, refresh: 0, ticket: 20, create: 20 });
    expect(new Set(h.mock.stats.ticketsUsed).size).toBe(20);
    expect(h.mock.passwords().map((p) => p.pin).sort()).toEqual([...pins].sort());
    expectNothingSensitive(h, pins);
  });

  it.each(['ticket', 'create'] as const)('token expiry on the %s call: one new token, a fresh ticket, one retry', async (on) => {
    const h = await setup();
    await h.client.createTempPassword(fields('1234567'));
    h.mock.resetStats();
    h.mock.inject({ kind: 'expire-token', on });
    await h.client.createTempPassword(fields('7654321'));
    expect(h.mock.stats.byEndpoint).toMatchObject({ token: 1, ticket: 2, create: on === 'create' ? 2 : 1 });
    expect(h.mock.stats.ticketsUsed).toHaveLength(1);
    expect(h.mock.passwords().map((p) => p.pin)).toEqual(['1234567', '7654321']);
    expectNothingSensitive(h, ['1234567', '7654321']);
  });

  it('refreshes a token close to expiry with its refresh token (new signature), not a new grant', async () => {
    let shift = 0;
    const h = await setup({ tokenTtlSec: 3 }, { now: () => Date.now() + shift });
    await h.client.createTempPassword(fields('1234567'));
    shift = 1600; // past the refresh point (half of 3 s) but before the mock expires the token
    await h.client.createTempPassword(fields('7654321'));
    expect(h.mock.stats.byEndpoint).toMatchObject({ token: 1, refresh: 1, ticket: 2, create: 2 });
    expect(h.logs.some((l) => l.includes('/v1.0/token/{refresh_token}'))).toBe(true);
    expectNothingSensitive(h, ['1234567', '7654321']);
  });

  it('learns the server clock: a local clock 10 minutes slow costs one 1013, then works', async () => {
    const h = await setup({}, { now: () => Date.now() - 10 * 60_000 });
    await h.client.createTempPassword(fields('1234567'));
    expect(h.mock.stats.byEndpoint).toMatchObject({ token: 2, ticket: 1, create: 1 });
    h.mock.resetStats();
    await h.client.createTempPassword(fields('7654321'));
    expect(h.mock.stats.requests).toBe(2);
  });

  it('a bad secret surfaces 1004 from the first call and is not retried', async () => {
    const h = await setup();
    const wrong = h.mock.accessSecret.replace(/^./, (c) => (c === 'a' ? 'b' : 'a'));
    h.sensitive.add(wrong);
    const client = createTuyaClient({ baseUrl: h.mock.baseUrl, accessId: h.mock.accessId, accessSecret: wrong, ca: h.mock.ca, logger: { warn: (l) => h.logs.push(l) } });
    open.push(() => client.close());
    const error = await client.createTempPassword(fields('1234567')).then(() => null, (e: unknown) => e);
    expect(error).toMatchObject({ name: 'TuyaError', kind: 'api', code: 1004, msg: 'sign invalid' });
    expect(isTuyaError(error) && typeof error.tid).toBe('string');
    expect(h.mock.stats.requests).toBe(1);
    expectNothingSensitive(h, ['1234567'], [error]);
  });

  it('an untrusted certificate fails without retrying and without turning verification off', async () => {
    const h = await setup();
    const client = createTuyaClient({ baseUrl: h.mock.baseUrl, accessId: h.mock.accessId, accessSecret: h.mock.accessSecret, retry: { baseDelayMs: 1 } });
    open.push(() => client.close());
    const error = await client.createTempPassword(fields('1234567')).then(() => null, (e: unknown) => e);
    expect(error).toMatchObject({ kind: 'network' });
    expect(h.mock.stats.requests).toBe(0);
  });
});
