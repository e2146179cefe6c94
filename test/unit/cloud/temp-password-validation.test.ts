/**
 * Each validation rule of issue 4, through the real client: the transport is a spy that would record any
 * request, so "nothing was sent" is observed, not assumed. The same rules are the plugin's (one module).
 */
import { createTuyaClient } from '../../../cloud/client';
import { isTuyaError } from '../../../cloud/errors';
import { HttpRequest } from '../../../cloud/transport';
import { TempPasswordFields, checkTempPasswordFields } from '../../../plugin/tuya/temp-password-rules';

const START = Date.UTC(2030, 0, 1);
const valid: TempPasswordFields = { deviceId: 'dev_01-a', password: '1234567', effectiveTime: START, invalidTime: START + 3600_000 };

const cases: Array<[string, Partial<Record<keyof TempPasswordFields, unknown>>, string]> = [
  ['letters in the PIN', { password: '12a4567' }, 'password'],
  ['PIN too short', { password: '12345' }, 'password'],
  ['PIN too long', { password: '12345678901' }, 'password'],
  ['PIN not a string', { password: 1234567 }, 'password'],
  ['start not finite', { effectiveTime: Number.NaN }, 'effectiveTime'],
  ['end infinite', { invalidTime: Number.POSITIVE_INFINITY }, 'invalidTime'],
  ['seconds instead of ms', { effectiveTime: 1900000000 }, 'effectiveTime'],
  ['end equal to start', { invalidTime: START }, 'invalidTime'],
  ['end before start', { invalidTime: START - 1000 }, 'invalidTime'],
  ['end within the same second', { invalidTime: START + 999 }, 'invalidTime'],
  ['type 2', { type: 2 }, 'type'],
  ['type "1"', { type: '1' }, 'type'],
  ['schedule start below 0', { schedule: [{ startMinute: -1, endMinute: 10, weekdays: 1 }], timeZone: 'UTC' }, 'schedule[0].startMinute'],
  ['schedule end above 1440', { schedule: [{ startMinute: 0, endMinute: 1441, weekdays: 1 }], timeZone: 'UTC' }, 'schedule[0].endMinute'],
  ['schedule end equal to start', { schedule: [{ startMinute: 600, endMinute: 600, weekdays: 1 }], timeZone: 'UTC' }, 'schedule[0].endMinute'],
  ['weekday bit 7', { schedule: [{ startMinute: 0, endMinute: 60, weekdays: 128 }], timeZone: 'UTC' }, 'schedule[0].weekdays'],
  ['second item bad', { schedule: [{ startMinute: 0, endMinute: 60, weekdays: 1 }, { startMinute: 5, endMinute: 6, weekdays: -1 }], timeZone: 'UTC' }, 'schedule[1].weekdays'],
  ['schedule without time zone', { schedule: [{ startMinute: 450, endMinute: 510, weekdays: 38 }] }, 'timeZone'],
  ['device id with a slash', { deviceId: '../token' }, 'deviceId'],
  ['device id with a query', { deviceId: 'abc?x=1' }, 'deviceId'],
  ['empty device id', { deviceId: '' }, 'deviceId'],
  ['phone with letters', { phone: 'call me' }, 'phone'],
];

function spyClient() {
  const sent: HttpRequest[] = [];
  const client = createTuyaClient({
    baseUrl: 'https://127.0.0.1:9',
    accessId: 'abc123',
    accessSecret: '0123456789abcdef0123456789abcdef',
    transport: async (r) => {
      sent.push(r);
      throw new Error('no request may be sent for invalid input');
    },
  });
  return { client, sent };
}

describe('createTempPassword validation, before any request', () => {
  it.each(cases)('%s is rejected naming %s', async (_label, change, field) => {
    const { client, sent } = spyClient();
    const input = { ...valid, ...change } as TempPasswordFields;
    const error = await client.createTempPassword(input).then(() => null, (e: unknown) => e);
    expect(isTuyaError(error) && error.kind).toBe('validation');
    expect(isTuyaError(error) && error.field).toBe(field);
    expect((error as Error).message).toContain(`"${field}"`);
    expect((error as Error).message).not.toContain(String(input.password));
    expect(sent).toHaveLength(0);
  });

  it('the PIN length range is configurable per lock', () => {
    expect(checkTempPasswordFields({ ...valid, password: '123456' }, { min: 7, max: 7 })?.field).toBe('password');
    expect(checkTempPasswordFields({ ...valid, password: '1234567' }, { min: 7, max: 7 })).toBeNull();
  });

  it('accepts the documented edges: 0..1440, weekday mask 0 and 127, type 0 and 1', () => {
    const schedule = [
      { startMinute: 0, endMinute: 1440, weekdays: 127 },
      { startMinute: 720, endMinute: 1080, weekdays: 0 },
    ];
    for (const type of [0, 1] as const) {
      expect(checkTempPasswordFields({ ...valid, type, schedule, timeZone: 'Asia/Shanghai', phone: '+86-13800000000' })).toBeNull();
    }
  });

  it('getTempPassword and waitForDelivery refuse unsafe ids before any request', async () => {
    const { client, sent } = spyClient();
    await expect(client.getTempPassword('dev1', '1/../../x')).rejects.toMatchObject({ kind: 'validation', field: 'id' });
    await expect(client.waitForDelivery('dev 1', '123')).rejects.toMatchObject({ kind: 'validation', field: 'deviceId' });
    expect(sent).toHaveLength(0);
  });

  it('rejects bad configuration when the client is created', () => {
    const base = { accessId: 'abc123', accessSecret: '0123456789abcdef0123456789abcdef' };
    expect(() => createTuyaClient({ ...base, baseUrl: 'http://127.0.0.1:1' })).toThrow(/https/);
    expect(() => createTuyaClient({ ...base, region: 'mars' })).toThrow(/region expected one of/);
    expect(() => createTuyaClient({ ...base, accessSecret: 'short', region: 'eu' })).toThrow(/accessSecret expected 32/);
    expect(() => createTuyaClient({ ...base })).toThrow(/baseUrl or region/);
  });
});
