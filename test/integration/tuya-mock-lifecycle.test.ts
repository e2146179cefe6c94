/**
 * The mock cloud's lifecycle endpoints driven by hand-built signed requests, so paths, verbs, body shapes
 * and refusals are checked as the spec describes them (tuya-password-lifecycle.md §15), independently of
 * what our client happens to send.
 */
import { encryptPinWithTicket } from '../../cloud/ticket-crypto';
import { createHttpsTransport } from '../../cloud/transport';
import { MOCK_DEVICE_ID, MockTuyaCloud, MockTuyaCloudOptions, startMockTuyaCloud } from '../../simulator/tuya-cloud';
import { SignedCallOptions, signedCall } from '../helpers/tuya-signed-call';

const D = MOCK_DEVICE_ID;
const start = Math.floor(Date.now() / 1000);
let mock: MockTuyaCloud;
let https: ReturnType<typeof createHttpsTransport>;
let token: string;

async function useMock(options: MockTuyaCloudOptions = {}): Promise<void> {
  mock = await startMockTuyaCloud({ deliveryDelayMs: 0, ...options });
  https = createHttpsTransport({ ca: mock.ca, timeoutMs: 2000 });
  token = (await call('GET', '/v1.0/token', { query: { grant_type: '1' }, noToken: true })).result.access_token;
}
afterEach(async () => {
  https.close();
  await mock.close();
});

/** A signed call with the current token (`noToken` for token calls). */
const call = (method: string, path: string, opts: SignedCallOptions & { noToken?: boolean } = {}) =>
  signedCall(mock, https, method, path, { token: opts.noToken ? undefined : token, ...opts });

const lock = `/v1.0/devices/${D}/door-lock`;

async function createOne(pin = '1234567'): Promise<string> {
  const tk = (await call('POST', `${lock}/password-ticket`, { body: '{}' })).result;
  const body = { password: encryptPinWithTicket(pin, tk.ticket_key, mock.accessSecret), password_type: 'ticket', ticket_id: tk.ticket_id, effective_time: start, invalid_time: start + 7200 };
  return String((await call('POST', `/v2.0/devices/${D}/door-lock/temp-password`, { body: JSON.stringify(body) })).result.id);
}

describe('mock cloud: paths, verbs and envelopes', () => {
  beforeEach(() => useMock());

  it('list is plural, detail singular; the wrong version or number is 1108', async () => {
    const id = await createOne();
    expect(await call('GET', `${lock}/temp-passwords`, { query: { valid: 'true' } })).toMatchObject({ success: true, result: [{ id: Number(id), phase: 2 }] });
    expect(await call('GET', `${lock}/temp-password/${id}`)).toMatchObject({ success: true, result: { id: Number(id) } });
    expect(await call('GET', `${lock}/temp-passwords/${id}`)).toMatchObject({ success: false, code: 1108 });
    expect(await call('GET', `/v2.0/devices/${D}/door-lock/temp-passwords`)).toMatchObject({ success: false, code: 1108 });
    expect(await call('POST', `${lock}/temp-passwords/${id}/freeze-password`)).toMatchObject({ success: false, code: 1108 });
  });

  it('modify needs a name, a fresh ticket and the encrypted PIN; answers true', async () => {
    const id = await createOne();
    const tk = (await call('POST', `${lock}/password-ticket`, { body: '{}' })).result;
    const body = { password: encryptPinWithTicket('7654321', tk.ticket_key, mock.accessSecret), password_type: 'ticket', ticket_id: tk.ticket_id, effective_time: start, invalid_time: start + 3600 };
    const path = `${lock}/temp-passwords/${id}/modify-password`;
    expect(await call('PUT', path, { body: JSON.stringify(body) })).toMatchObject({ code: 1100 });
    expect(await call('PUT', path, { body: JSON.stringify({ ...body, name: '' }) })).toEqual(expect.objectContaining({ success: true, result: true }));
    expect(await call('PUT', path, { body: JSON.stringify({ ...body, name: '' }) })).toMatchObject({ code: 1109 }); // ticket spent
    expect(mock.passwords(D)[0]).toMatchObject({ pin: '7654321' });
  });

  it('delete accepts no body or a JSON body (signed over the bytes sent); clear-all at rest- and reset-password', async () => {
    const a = await createOne('1111111');
    const b = await createOne('2222222');
    expect(await call('DELETE', `${lock}/temp-passwords/${a}`, { body: '{"bluetooth_symbolic":true}' })).toMatchObject({ success: true, result: true });
    expect(await call('DELETE', `${lock}/temp-passwords/${b}`)).toMatchObject({ success: true, result: true });
    expect(mock.passwords(D).map((p) => p.phase)).toEqual([4, 4]);
    await createOne('3333333');
    expect(await call('POST', `${lock}/temp-passwords/reset-password`)).toMatchObject({ success: true, result: true });
    expect(await call('POST', `${lock}/temp-passwords/rest-password`)).toMatchObject({ success: true, result: true });
    expect(mock.tryPin(D, '3333333')).toBe(false);
  });

  it('offline: v1.1 and v1.0, flat and wrapped bodies, times floored; rename with passwordName', async () => {
    const flat = await call('POST', `/v1.1/devices/${D}/door-lock/offline-temp-password`, { body: JSON.stringify({ type: 'multiple', effective_time: start + 4000, invalid_time: start + 90000 }) });
    expect(flat.result).toMatchObject({ effective_time: Math.floor((start + 4000) / 3600) * 3600, invalid_time: Math.floor((start + 90000) / 3600) * 3600 });
    expect(Object.keys(flat.result).sort()).toEqual(['effective_time', 'invalid_time', 'offline_temp_password', 'offline_temp_password_id', 'offline_temp_password_name']);
    const wrapped = await call('POST', `/v1.0/devices/${D}/door-lock/offline-temp-password`, { body: JSON.stringify({ offline_pwd_add_request: { type: 'clear_all' } }) });
    expect(wrapped.result.invalid_time - wrapped.result.effective_time).toBe(24 * 3600);
    expect(mock.offlineCodes(D).map((c) => c.shape)).toEqual(['flat', 'wrapped']);
    expect(await call('POST', `/v1.1/devices/${D}/door-lock/offline-temp-password`, { body: JSON.stringify({ type: 'multiple' }) })).toMatchObject({ code: 1100 });
    const rename = await call('PUT', `${lock}/offline-temp-password/${flat.result.offline_temp_password_id}`, { body: JSON.stringify({ passwordName: 'Guest 3' }) });
    expect(rename).toMatchObject({ success: true, result: true });
    expect(mock.offlineCodes(D)[0].name).toBe('Guest 3');
  });

  it('list without valid returns everything; with valid=false only deleted, failed and expired ones', async () => {
    const a = await createOne('1111111');
    await createOne('2222222');
    await call('DELETE', `${lock}/temp-passwords/${a}`);
    expect((await call('GET', `${lock}/temp-passwords`)).result).toHaveLength(2);
    expect((await call('GET', `${lock}/temp-passwords`, { query: { valid: 'false' } })).result.map((p: { id: number }) => String(p.id))).toEqual([a]);
  });

  it('what a list without valid returns is a setting (Tuya does not document it)', async () => {
    await mock.close();
    https.close();
    await useMock({ listWithoutValid: 'valid' });
    const a = await createOne('1111111');
    await createOne('2222222');
    await call('DELETE', `${lock}/temp-passwords/${a}`);
    expect((await call('GET', `${lock}/temp-passwords`)).result).toHaveLength(1);
  });
});

describe('mock cloud: quota, clock and dynamic codes', () => {
  it('counts every call of the month against the quota, then answers 28841004 to everything', async () => {
    await useMock({ monthlyQuota: 2 });
    expect(await call('GET', `${lock}/dynamic-password`)).toMatchObject({ success: true });
    expect(await call('GET', `${lock}/dynamic-password`)).toMatchObject({ success: false, code: 28841004 });
    expect(await call('GET', '/v1.0/token', { query: { grant_type: '1' }, noToken: true })).toMatchObject({ code: 28841004 });
    expect(mock.quotaUsed()).toBe(4);
  });

  it('the clock moves: envelopes carry it, and dynamic codes change per 5-minute bucket', async () => {
    await useMock({ tokenTtlSec: 600 });
    const first = mock.dynamicPassword(D);
    mock.advance(first.bucketEnd - mock.now());
    expect(mock.dynamicPassword(D).bucketEnd).toBe(first.bucketEnd + 300_000);
    mock.advance(600_000);
    // Our request's `t` is now 10 minutes behind the mock: refused as stale, and the envelope shows the mock's time.
    const stale = await call('GET', `${lock}/dynamic-password`);
    expect(stale).toMatchObject({ success: false, code: 1013 });
    expect(stale.t).toBeGreaterThanOrEqual(Date.now() + 600_000);
  });
});
