/**
 * The mock Tuya cloud's own rules, driven by hand-built signed requests (so single-use tickets, wrong
 * encryption and the connector's wire quirks can be exercised directly), and password delivery as seen
 * through the client's waitForDelivery.
 */
import { createCipheriv, randomBytes } from 'node:crypto';
import { createTuyaClient } from '../../cloud/client';
import { encryptPinWithTicket } from '../../cloud/ticket-crypto';
import { createHttpsTransport } from '../../cloud/transport';
import { MOCK_DEVICE_ID, MockTuyaCloud, MockTuyaCloudOptions, startMockTuyaCloud } from '../../simulator/tuya-cloud';
import { SignedCallOptions, signedCall } from '../helpers/tuya-signed-call';

const start = Math.floor(Date.now() / 1000) + 3600;
let mock: MockTuyaCloud;
let https: ReturnType<typeof createHttpsTransport>;

async function useMock(options: MockTuyaCloudOptions = {}): Promise<void> {
  mock = await startMockTuyaCloud(options);
  https = createHttpsTransport({ ca: mock.ca, timeoutMs: 2000 });
}
afterEach(async () => {
  https.close();
  await mock.close();
});

/** One signed call; `raw` options let a test send exactly the bytes and headers another client would. */
const call = (method: string, path: string, opts: SignedCallOptions = {}) => signedCall(mock, https, method, path, opts);

const token = async () => (await call('GET', '/v1.0/token', { query: { grant_type: '1' } })).result.access_token as string;
const ticket = async (t: string) => (await call('POST', `/v1.0/devices/${MOCK_DEVICE_ID}/door-lock/password-ticket`, { token: t, body: '{}' })).result;
const create = (t: string, body: object) =>
  call('POST', `/v2.0/devices/${MOCK_DEVICE_ID}/door-lock/temp-password`, { token: t, body: JSON.stringify(body) });
const createBody = (tk: { ticket_id: string }, password: string) => ({
  password,
  password_type: 'ticket',
  ticket_id: tk.ticket_id,
  effective_time: start,
  invalid_time: start + 3600,
});

describe('mock Tuya cloud rules', () => {
  beforeEach(() => useMock());

  it('tickets are single-use: the same ticket a second time gets 1109', async () => {
    const t = await token();
    const tk = await ticket(t);
    const password = encryptPinWithTicket('1234567', tk.ticket_key, mock.accessSecret);
    expect(await create(t, createBody(tk, password))).toMatchObject({ success: true });
    expect(await create(t, createBody(tk, password))).toMatchObject({ success: false, code: 1109 });
  });

  it('a password encrypted under another key gets 1109; lower-case hex is accepted', async () => {
    const t = await token();
    const wrongKey = createCipheriv('aes-128-ecb', randomBytes(16), null);
    const wrong = Buffer.concat([wrongKey.update('1234567'), wrongKey.final()]).toString('hex').toUpperCase();
    expect(await create(t, createBody(await ticket(t), wrong))).toMatchObject({ success: false, code: 1109 });
    const tk = await ticket(t);
    const lower = encryptPinWithTicket('1234567', tk.ticket_key, mock.accessSecret).toLowerCase();
    expect(await create(t, createBody(tk, lower))).toMatchObject({ success: true });
  });

  it('verifies the connector-style wire form: "{}" body on GET, no nonce, empty Signature-Headers', async () => {
    const t = await token();
    const tk = await ticket(t);
    const { result } = await create(t, createBody(tk, encryptPinWithTicket('1234567', tk.ticket_key, mock.accessSecret)));
    const detail = await call('GET', `/v1.0/devices/${MOCK_DEVICE_ID}/door-lock/temp-password/${result.id}`, {
      token: t,
      body: '{}',
      extra: { 'Signature-Headers': '', 'content-type': 'application/json' },
    });
    expect(detail).toMatchObject({ success: true, result: { id: result.id } });
    const list = await call('GET', `/v1.0/devices/${MOCK_DEVICE_ID}/door-lock/temp-passwords`, { token: t, query: { valid: 'true' }, nonce: 'n-1' });
    expect(list.result).toHaveLength(1);
  });

  it('rejects stale timestamps (1013), unknown tokens (1011) and body rules like Tuya', async () => {
    expect(await call('GET', '/v1.0/token', { query: { grant_type: '1' }, t: Date.now() - 6 * 60_000 })).toMatchObject({ code: 1013 });
    const unknownToken = await call('POST', `/v1.0/devices/${MOCK_DEVICE_ID}/door-lock/password-ticket`, { token: 'not-a-token', body: '{}' });
    expect(unknownToken).toMatchObject({ success: false, code: 1011 });
    const t = await token();
    const tk = await ticket(t);
    const password = encryptPinWithTicket('1234567', tk.ticket_key, mock.accessSecret);
    expect(await create(t, { ...createBody(tk, password), invalid_time: start })).toMatchObject({ code: 1109 });
    expect(await create(t, { ...createBody(tk, password), effective_time: start * 1000 })).toMatchObject({ code: 1109 });
    expect(await create(t, { ...createBody(tk, password), schedule_list: [{ effective_time: 0, invalid_time: 60, working_day: 1 }] })).toMatchObject({ code: 1100 });
    expect(await create(t, { ...createBody(tk, password), type: 3 })).toMatchObject({ code: 1101 });
  });

  it('a new grant replaces the previous token (one live token per Access ID): 1010', async () => {
    const first = await token();
    await token();
    expect(await call('POST', `/v1.0/devices/${MOCK_DEVICE_ID}/door-lock/password-ticket`, { token: first, body: '{}' })).toMatchObject({ code: 1010 });
  });
});

describe('waitForDelivery through the client', () => {
  const fields = (password: string) => ({ deviceId: MOCK_DEVICE_ID, password, effectiveTime: start * 1000, invalidTime: (start + 3600) * 1000 });
  const clientFor = () => {
    const client = createTuyaClient({ baseUrl: mock.baseUrl, accessId: mock.accessId, accessSecret: mock.accessSecret, ca: mock.ca });
    afterEachClose.push(client);
    return client;
  };
  const afterEachClose: Array<{ close(): void }> = [];
  afterEach(() => afterEachClose.splice(0).forEach((c) => c.close()));

  it('polls until the lock has it', async () => {
    await useMock({ deliveryDelayMs: 60 });
    const client = clientFor();
    const { id } = await client.createTempPassword(fields('1234567'));
    const outcome = await client.waitForDelivery(MOCK_DEVICE_ID, id, { intervalMs: 25, timeoutMs: 2000 });
    expect(outcome).toMatchObject({ state: 'active', phase: 2, deliveryStatus: 2 });
    expect(outcome.polls).toBeGreaterThan(1);
  });

  it('reports a duplicate PIN and a full lock as the lock reported them', async () => {
    await useMock({ deliveryDelayMs: 0, devices: { [MOCK_DEVICE_ID]: { capacity: 1 } } });
    const client = clientFor();
    await client.createTempPassword(fields('1234567'));
    const dup = await client.createTempPassword(fields('1234567'));
    expect(await client.waitForDelivery(MOCK_DEVICE_ID, dup.id, { intervalMs: 10 })).toMatchObject({ state: 'failed', reason: 'duplicate', deliveryStatus: 4 });
    const full = await client.createTempPassword(fields('7654321'));
    expect(await client.waitForDelivery(MOCK_DEVICE_ID, full.id, { intervalMs: 10 })).toMatchObject({ state: 'failed', reason: 'storage-full', deliveryStatus: 5 });
  });

  it('uses phase alone on Wi-Fi locks, and stops at the deadline while still pending', async () => {
    await useMock({ deliveryDelayMs: 10_000, devices: { [MOCK_DEVICE_ID]: { family: 'wifi' } } });
    const client = clientFor();
    const { id } = await client.createTempPassword(fields('1234567'));
    const began = Date.now();
    const outcome = await client.waitForDelivery(MOCK_DEVICE_ID, id, { intervalMs: 40, timeoutMs: 200 });
    expect(outcome).toMatchObject({ state: 'pending', phase: 1 });
    expect(outcome.deliveryStatus).toBeUndefined();
    expect(Date.now() - began).toBeLessThan(1500);
  });
});
