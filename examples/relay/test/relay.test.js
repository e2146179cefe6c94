// The plugin's requestTempPassword -> this relay -> lockwire's mock Tuya cloud, all on 127.0.0.1.
const test = require('node:test');
const assert = require('node:assert');
const { startMockTuyaCloud, createLoopbackRequest, MOCK_DEVICE_ID } = require('lockwire/simulator');
const { startRelay } = require('../relay');

const SESSION = 'Bearer test-session';

test('the plugin gets a temporary password through the relay; the cloud stores it', async (t) => {
  const cloud = await startMockTuyaCloud({ deliveryDelayMs: 0 });
  t.after(() => cloud.close());
  const relay = await startRelay({
    tuya: { baseUrl: cloud.baseUrl, accessId: cloud.accessId, accessSecret: cloud.accessSecret, ca: cloud.ca },
    userOf: (req) => (req.headers.authorization === SESSION ? 'alice' : null), // your session check
    mayUse: (user, deviceId) => user === 'alice' && deviceId === MOCK_DEVICE_ID, // your ownership check
  });
  t.after(() => relay.close());
  globalThis.wx = { request: createLoopbackRequest() }; // wx.request of a mini-program, over loopback
  t.after(() => delete globalThis.wx);
  const plugin = require('lockwire');

  // In a page: const plugin = requirePlugin('lockwire') (plugin door) or require('lockwire') (npm door).
  const result = await plugin.requestTempPassword({
    relayUrl: relay.url, // your relay's URL, e.g. https://relay.example.com/temp-passwords
    header: { authorization: SESSION }, // your relay's own authorisation
    deviceId: MOCK_DEVICE_ID, // the lock's Tuya device id
    password: '8642097', // 6 to 10 digits by default
    effectiveTime: Date.now(),
    invalidTime: Date.now() + 24 * 3600 * 1000,
    type: 0, // Tuya's meaning: 0 = many uses, 1 = once
  });
  // result: { errorCode: 0, errorMsg: '成功', description, id } (id: Tuya's password id)
  assert.strictEqual(result.errorCode, 0, result.description);
  assert.strictEqual(result.errorMsg, '成功');
  assert.deepStrictEqual(cloud.passwords(MOCK_DEVICE_ID).map((p) => String(p.id)), [String(result.id)]);

  const refused = await plugin.requestTempPassword({
    relayUrl: relay.url,
    header: { authorization: 'Bearer someone-else' },
    deviceId: MOCK_DEVICE_ID,
    password: '8642098',
    effectiveTime: Date.now(),
    invalidTime: Date.now() + 3600 * 1000,
    type: 1,
  });
  assert.notStrictEqual(refused.errorCode, 0);
  assert.match(refused.description, /UNAUTHORIZED/); // userOf said null: refused before the body was read
  assert.strictEqual(cloud.passwords(MOCK_DEVICE_ID).length, 1); // nothing reached the cloud

  const notHers = await plugin.requestTempPassword({
    relayUrl: relay.url,
    header: { authorization: SESSION },
    deviceId: 'vdevsomeoneelses01', // a device alice may not use
    password: '8642099',
    effectiveTime: Date.now(),
    invalidTime: Date.now() + 3600 * 1000,
    type: 1,
  });
  assert.notStrictEqual(notHers.errorCode, 0);
  assert.match(notHers.description, /FORBIDDEN/); // mayUse did not say true
  assert.strictEqual(cloud.passwords(MOCK_DEVICE_ID).length, 1);
});
