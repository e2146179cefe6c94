/**
 * The plugin's requestTempPassword with a scripted wx.request: how each relay answer maps onto the
 * TTLockError shape, that invalid options never reach the network, and that the promise always resolves.
 */
import { requestTempPassword, TempPasswordOption } from '../../../plugin/tuya/relay-client';

type WxRequestOptions = { url: string; method: string; data: Record<string, unknown>; header: Record<string, string>; timeout: number; success(res: { statusCode: number; data: unknown }): void; fail(err: { errMsg: string }): void };

const calls: WxRequestOptions[] = [];
function installWx(behaviour: (o: WxRequestOptions) => void): void {
  (globalThis as any).wx = {
    request: (o: WxRequestOptions) => {
      calls.push(o);
      behaviour(o);
    },
  };
}
afterEach(() => {
  delete (globalThis as any).wx;
  calls.length = 0;
  jest.useRealTimers();
});

const start = Date.UTC(2030, 0, 1);
const option: TempPasswordOption = {
  relayUrl: 'https://relay.example.com/temp-passwords',
  header: { authorization: 'Bearer session' },
  deviceId: 'dev1',
  password: '1234567',
  effectiveTime: start,
  invalidTime: start + 3600_000,
};

describe('requestTempPassword over wx.request', () => {
  it('posts only the password fields, with a timeout, and resolves errorCode 0 with the id', async () => {
    installWx((o) => o.success({ statusCode: 200, data: { id: '31001' } }));
    const result = await requestTempPassword({ ...option, timeoutMs: 5000 });
    expect(result).toMatchObject({ errorCode: 0, id: '31001' });
    expect(calls[0]).toMatchObject({ url: option.relayUrl, method: 'POST', timeout: 5000 });
    expect(calls[0].header.authorization).toBe('Bearer session');
    expect(Object.keys(calls[0].data).sort()).toEqual(['deviceId', 'effectiveTime', 'invalidTime', 'password']);
  });

  it('accepts a JSON string body (dataType fallback)', async () => {
    installWx((o) => o.success({ statusCode: 200, data: '{"id":42}' }));
    expect(await requestTempPassword(option)).toMatchObject({ errorCode: 0, id: '42' });
  });

  it.each([
    ['a relay error code', 401, { error: { code: 'UNAUTHORIZED', message: 'no' } }, 10307, /UNAUTHORIZED/],
    ['a Tuya code passed on by the relay', 502, { error: { code: 1106, message: 'permission deny', tid: 't' } }, 10307, /1106.*permission deny/],
    ['an HTTP status without a code', 503, 'Service Unavailable', 10305, /HTTP 503/],
    ['a 2xx without an id', 200, { ok: true }, 10307, /without a password id/],
  ])('maps %s', async (_label, statusCode, data, errorCode, description) => {
    installWx((o) => o.success({ statusCode, data }));
    const result = await requestTempPassword(option);
    expect(result.errorCode).toBe(errorCode);
    expect(result.description).toMatch(description);
    expect(result.id).toBeUndefined();
  });

  it('maps a wx failure and a throwing wx.request to 10302', async () => {
    installWx((o) => o.fail({ errMsg: 'request:fail url not in domain list' }));
    expect(await requestTempPassword(option)).toMatchObject({ errorCode: 10302, description: expect.stringContaining('domain list') });
    installWx(() => {
      throw new Error('boom');
    });
    expect(await requestTempPassword(option)).toMatchObject({ errorCode: 10302 });
  });

  it('resolves 10302 even if wx never calls back', async () => {
    jest.useFakeTimers();
    installWx(() => undefined);
    const pending = requestTempPassword({ ...option, timeoutMs: 1000 });
    jest.advanceTimersByTime(3001);
    expect(await pending).toMatchObject({ errorCode: 10302, description: expect.stringContaining('timed out') });
  });

  it('resolves 10302 when wx is absent', async () => {
    expect(await requestTempPassword(option)).toMatchObject({ errorCode: 10302 });
  });

  it.each([
    ['relayUrl', { relayUrl: 'ftp://x' }],
    ['header', { header: { a: 1 } as any }],
    ['timeoutMs', { timeoutMs: -1 }],
    ['password', { password: '12ab567' }],
    ['timeZone', { schedule: [{ startMinute: 1, endMinute: 2, weekdays: 3 }] }],
  ])('rejects a bad %s with 11003 naming it, without calling wx', async (field, change) => {
    installWx((o) => o.success({ statusCode: 200, data: { id: '1' } }));
    const result = await requestTempPassword({ ...option, ...change });
    expect(result.errorCode).toBe(11003);
    expect(result.description).toContain(`"${field}`);
    expect(result.description).not.toContain('12ab567');
    expect(calls).toHaveLength(0);
  });
});
