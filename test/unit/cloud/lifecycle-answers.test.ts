/**
 * How the client reads odd answers to lifecycle calls, through a scripted transport (Tuya's envelope, no
 * signature check): a write that is not answered `result: true` or lacks what it should return is
 * 'outcome-unknown' and is not sent again; a read that is not the documented shape fails rather than guess.
 */
import { createTuyaClient } from '../../../cloud/client';
import { HttpRequest } from '../../../cloud/transport';

const SECRET = '0123456789abcdef0123456789abcdef';

function scripted(answers: Record<string, unknown>) {
  const sent: HttpRequest[] = [];
  const client = createTuyaClient({
    baseUrl: 'https://tuya.invalid',
    accessId: 'abc123',
    accessSecret: SECRET,
    retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 1 },
    sleep: async () => {},
    lockProtocol: (d) => (d === 'zig' ? 'zigbee' : undefined),
    transport: async (request) => {
      sent.push(request);
      const path = new URL(request.url).pathname;
      const key = `${request.method} ${path.replace(/\/devices\/[^/]+/, '/devices/D')}`;
      const result = path === '/v1.0/token' ? { access_token: 'tk', refresh_token: 'rt', expire_time: 7200 } : answers[key];
      return { status: 200, text: JSON.stringify({ success: true, result, t: Date.now() }) };
    },
  });
  return { client, sent, count: (fragment: string) => sent.filter((r) => r.url.includes(fragment)).length };
}

it('a freeze, delete or clear not answered "true" is outcome-unknown, sent once', async () => {
  const s = scripted({
    'PUT /v1.0/devices/D/door-lock/temp-passwords/9/freeze-password': false,
    'DELETE /v1.0/devices/D/door-lock/temp-passwords/9': { ok: 1 },
    'POST /v1.0/devices/D/door-lock/temp-passwords/rest-password': null,
  });
  await expect(s.client.freezeTempPassword('D', '9')).rejects.toMatchObject({ kind: 'outcome-unknown' });
  await expect(s.client.deleteTempPassword('D', '9')).rejects.toMatchObject({ kind: 'outcome-unknown' });
  await expect(s.client.clearTempPasswords('D')).rejects.toMatchObject({ kind: 'outcome-unknown' });
  expect([s.count('freeze-password'), s.sent.filter((r) => r.method === 'DELETE').length, s.count('rest-password')]).toEqual([1, 1, 1]);
});

it('an offline answer without the code or its times is outcome-unknown (a code may exist), sent once', async () => {
  const s = scripted({ 'POST /v1.1/devices/D/door-lock/offline-temp-password': { offline_temp_password_id: '5' } });
  await expect(s.client.createOfflinePassword('D', { kind: 'once' })).rejects.toMatchObject({ kind: 'outcome-unknown' });
  expect(s.count('offline-temp-password')).toBe(1);
});

it('a list that is not an array is a protocol error, not an empty lock', async () => {
  const s = scripted({ 'GET /v1.0/devices/D/door-lock/temp-passwords': { records: [] } });
  await expect(s.client.listTempPasswords('D')).rejects.toMatchObject({ kind: 'protocol' });
  expect(s.count('temp-passwords')).toBe(1);
});

it('the delete body asks for the gateway push unless the lock is known to be something else', async () => {
  const s = scripted({ 'DELETE /v1.0/devices/D/door-lock/temp-passwords/9': true });
  await s.client.deleteTempPassword('unknown', '9');
  await s.client.deleteTempPassword('zig', '9');
  const deletes = s.sent.filter((r) => r.method === 'DELETE');
  expect(deletes.map((r) => r.body)).toEqual(['{"bluetooth_symbolic":true}', undefined]);
});

it('lockProtocol decides how phase reads: Zigbee phase 3 is frozen even without delivery_status', async () => {
  const s = scripted({ 'GET /v1.0/devices/D/door-lock/temp-password/9': { id: 9, phase: 3 } });
  expect(await s.client.getTempPassword('zig', '9')).toMatchObject({ state: 'frozen' });
  expect(await s.client.getTempPassword('other', '9')).toMatchObject({ state: 'revoking' });
});
