// The plugin's requestTempPassword -> this relay -> lockwire's mock Tuya cloud, all on 127.0.0.1.
const test = require('node:test');
const assert = require('node:assert');
const { startMockTuyaCloud, createLoopbackRequest, MOCK_DEVICE_ID } = require('lockwire/simulator');
const { startRelay } = require('../relay');

const SESSION = 'Bearer test-session';

test('the plugin gets a temporary password through the relay; the cloud stores it', async (t) => {
  const cloud = await startMockTuyaCloud({ deliveryDelayMs: 0 });
  const relay = await startRelay({
    tuya: { baseUrl: cloud.baseUrl, accessId: cloud.accessId, accessSecret: cloud.accessSecret, ca: cloud.ca },
    isAllowed: (req) => req.headers.authorization === SESSION,
  });
  t.after(async () => {
    await relay.close();
    await cloud.close();
  });
  globalThis.wx = { request: createLoopbackRequest() }; // wx.request of a mini-program, over loopback
  t.after(() => delete globalThis.wx);
  const plugin = require('lockwire');

  const option = {
    relayUrl: relay.url,
    header: { authorization: SESSION },
    deviceId: MOCK_DEVICE_ID,
    password: '8642097',
    effectiveTime: Date.now(),
    invalidTime: Date.now() + 24 * 3600 * 1000,
    type: 0,
  };
  const ok = await plugin.requestTempPassword(option);
  assert.strictEqual(ok.errorCode, 0, ok.description);
  assert.deepStrictEqual(cloud.passwords(MOCK_DEVICE_ID).map((p) => String(p.id)), [String(ok.id)]);

  const refused = await plugin.requestTempPassword({ ...option, header: { authorization: 'Bearer someone-else' } });
  assert.notStrictEqual(refused.errorCode, 0);
  assert.strictEqual(cloud.passwords(MOCK_DEVICE_ID).length, 1); // nothing reached the cloud
});
