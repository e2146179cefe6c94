/**
 * Injected faults of the mock Tuya cloud, each against the real client over HTTPS. Token and ticket
 * calls must recover with bounded back-off; the create call must never be re-sent once it may have
 * reached Tuya, and must say the outcome is unknown instead. Back-off values are tiny to keep this fast.
 * No expectation depends on how fast the machine is: only the injected slow answers pass the timeout.
 */
import { createTuyaClient } from '../../cloud/client';
import { TuyaError } from '../../cloud/errors';
import { MOCK_DEVICE_ID, MockFault, MockTuyaCloud, startMockTuyaCloud } from '../../simulator/tuya-cloud';

const TIMEOUT_MS = 1500;
const SLOW_MS = 3000;
let mock: MockTuyaCloud;
let client: ReturnType<typeof createTuyaClient>;
const logs: string[] = [];
const start = Math.floor(Date.now() / 1000) * 1000 + 3600_000;
const fields = (password = '1234567') => ({ deviceId: MOCK_DEVICE_ID, password, effectiveTime: start, invalidTime: start + 3600_000 });

beforeEach(async () => {
  mock = await startMockTuyaCloud();
  logs.length = 0;
  client = createTuyaClient({
    baseUrl: mock.baseUrl,
    accessId: mock.accessId,
    accessSecret: mock.accessSecret,
    ca: mock.ca,
    // generous against a loaded machine (a TLS handshake can take hundreds of ms there, and a timed-out
    // create is rightly "outcome unknown"); the slow faults answer well past it
    timeoutMs: TIMEOUT_MS,
    retry: { attempts: 3, baseDelayMs: 5, maxDelayMs: 20 },
    logger: { debug: (l) => logs.push(l), warn: (l) => logs.push(l) },
  });
});

afterEach(async () => {
  client.close();
  await mock.close();
});

const failure = (p: Promise<unknown>): Promise<TuyaError> => p.then(() => Promise.reject(new Error('expected a failure')), (e: TuyaError) => e);

describe('faults on calls that are safe to repeat are retried with back-off', () => {
  const recoverable: Array<[string, MockFault, 'token' | 'ticket']> = [
    ['HTTP 500 twice on the token call', { kind: 'http-500', on: 'token', times: 2 }, 'token'],
    ['1110 concurrent request over limit on the ticket call', { kind: 'code', code: 1110, on: 'ticket' }, 'ticket'],
    ['1111 system is busy on the ticket call', { kind: 'code', code: 1111, on: 'ticket', times: 2 }, 'ticket'],
    ['a dropped connection on the ticket call', { kind: 'drop', on: 'ticket' }, 'ticket'],
    ['malformed JSON on the token call', { kind: 'malformed-json', on: 'token' }, 'token'],
    ['a slow answer (past the timeout) on the ticket call', { kind: 'slow', delayMs: SLOW_MS, on: 'ticket' }, 'ticket'],
  ];

  it.each(recoverable)('%s', async (_label, fault, endpoint) => {
    mock.inject(fault);
    const { id } = await client.createTempPassword(fields());
    expect(mock.passwords().map((p) => p.id)).toEqual([id]);
    const times = 'times' in fault && fault.times ? fault.times : 1;
    expect(mock.stats.byEndpoint[endpoint]).toBe(1 + times);
    expect(mock.stats.byEndpoint.create).toBe(1);
    expect(logs.some((l) => /retrying in \d+ ms/.test(l))).toBe(true);
  });

  it('gives up after the configured attempts and reports the last Tuya code', async () => {
    mock.inject({ kind: 'code', code: 1111, on: 'ticket', times: 10 });
    const error = await failure(client.createTempPassword(fields()));
    expect(error).toMatchObject({ kind: 'api', code: 1111 });
    expect(mock.stats.byEndpoint.ticket).toBe(3);
    expect(mock.stats.byEndpoint.create).toBe(0);
  });

  it('does not retry a permanent error such as 1106 permission deny', async () => {
    mock.inject({ kind: 'code', code: 1106, on: 'ticket' });
    await expect(client.createTempPassword(fields())).rejects.toMatchObject({ kind: 'api', code: 1106 });
    expect(mock.stats.byEndpoint.ticket).toBe(1);
  });
});

describe('faults on the create call are never blindly re-sent', () => {
  const unknown: Array<[string, MockFault, number]> = [
    ['HTTP 500 (system error)', { kind: 'http-500', on: 'create' }, 0],
    ['a connection dropped before processing', { kind: 'drop', on: 'create' }, 0],
    ['a connection dropped after the password was stored', { kind: 'drop', on: 'create', after: true }, 1],
    ['malformed JSON after the password was stored', { kind: 'malformed-json', on: 'create', after: true }, 1],
    ['an answer slower than the timeout', { kind: 'slow', delayMs: SLOW_MS, on: 'create' }, 0],
  ];

  it.each(unknown)('%s: outcome unknown, sent once', async (_label, fault, storedCount) => {
    mock.inject(fault);
    const error = await failure(client.createTempPassword(fields()));
    expect(error.kind).toBe('outcome-unknown');
    expect(error.message).toMatch(/outcome unknown|no answer/);
    expect(mock.stats.byEndpoint.create).toBe(1);
    // Wait out a slow answer so the mock's state is final before counting.
    await new Promise((r) => setTimeout(r, fault.kind === 'slow' ? SLOW_MS - TIMEOUT_MS + 200 : 0));
    expect(mock.passwords()).toHaveLength(storedCount);
  });

  it('1110 on create is a definite refusal: passed on with its code, not re-sent', async () => {
    mock.inject({ kind: 'code', code: 1110, on: 'create' });
    const error = await failure(client.createTempPassword(fields()));
    expect(error).toMatchObject({ kind: 'api', code: 1110 });
    expect(typeof error.tid).toBe('string');
    expect(mock.stats.byEndpoint.create).toBe(1);
  });
});

describe('ticket rules enforced by the mock (1109)', () => {
  it('an expired ticket is rejected with 1109', async () => {
    await mock.close();
    mock = await startMockTuyaCloud({ ticketTtlSec: 0 });
    client = createTuyaClient({ baseUrl: mock.baseUrl, accessId: mock.accessId, accessSecret: mock.accessSecret, ca: mock.ca });
    await expect(client.createTempPassword(fields())).rejects.toMatchObject({ kind: 'api', code: 1109 });
    expect(mock.passwords()).toHaveLength(0);
  });

  it('a PIN length the lock does not take is rejected after decryption with 1109', async () => {
    await mock.close();
    mock = await startMockTuyaCloud({ devices: { [MOCK_DEVICE_ID]: { pinLength: { min: 6, max: 6 } } } });
    client = createTuyaClient({ baseUrl: mock.baseUrl, accessId: mock.accessId, accessSecret: mock.accessSecret, ca: mock.ca });
    await expect(client.createTempPassword(fields('1234567'))).rejects.toMatchObject({ kind: 'api', code: 1109 });
    await expect(client.createTempPassword(fields('123456'))).resolves.toHaveProperty('id');
  });

  it('an offline lock refuses with 2001, an unknown device with 2010', async () => {
    await mock.close();
    mock = await startMockTuyaCloud({ devices: { [MOCK_DEVICE_ID]: { online: false } } });
    client = createTuyaClient({ baseUrl: mock.baseUrl, accessId: mock.accessId, accessSecret: mock.accessSecret, ca: mock.ca });
    await expect(client.createTempPassword(fields())).rejects.toMatchObject({ code: 2001 });
    await expect(client.createTempPassword({ ...fields(), deviceId: 'nosuchdevice' })).rejects.toMatchObject({ code: 2010 });
  });
});
