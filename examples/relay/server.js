#!/usr/bin/env node
// npm start: the relay in front of your Tuya cloud project (TUYA_BASE_URL, TUYA_ACCESS_ID,
// TUYA_ACCESS_SECRET, RELAY_SESSION, RELAY_DEVICES: the device ids the demo user may use, comma-separated). npm run start:mock: in front of lockwire's mock Tuya cloud instead.
const { startRelay } = require('./relay');

async function main() {
  const mock = process.argv.includes('--mock');
  let cloud = null;
  let tuya;
  if (mock) {
    const { startMockTuyaCloud } = require('lockwire/simulator');
    cloud = await startMockTuyaCloud();
    tuya = { baseUrl: cloud.baseUrl, accessId: cloud.accessId, accessSecret: cloud.accessSecret, ca: cloud.ca };
  } else {
    const missing = ['TUYA_BASE_URL', 'TUYA_ACCESS_ID', 'TUYA_ACCESS_SECRET', 'RELAY_SESSION', 'RELAY_DEVICES'].filter((k) => !process.env[k]);
    if (missing.length) {
      console.error(`relay: set ${missing.join(', ')} (or run npm run start:mock)`);
      process.exit(1);
    }
    tuya = { baseUrl: process.env.TUYA_BASE_URL, accessId: process.env.TUYA_ACCESS_ID, accessSecret: process.env.TUYA_ACCESS_SECRET };
  }
  const session = process.env.RELAY_SESSION || 'Bearer demo-session';
  // Replace with your own checks: who is calling (your session), and may they use this lock?
  const userOf = (req) => (req.headers.authorization === session ? 'demo-user' : null);
  const devices = mock ? [require('lockwire/simulator').MOCK_DEVICE_ID] : process.env.RELAY_DEVICES.split(',');
  const mayUse = (user, deviceId) => user === 'demo-user' && devices.includes(deviceId);
  const relay = await startRelay({ tuya, userOf, mayUse, port: Number(process.env.PORT || 8787), host: process.env.HOST || '127.0.0.1' });
  console.log(`relay listening on ${relay.url}${mock ? ` (mock Tuya cloud at ${cloud.baseUrl}, session "${session}")` : ''}`);
  const stop = async () => {
    await relay.close();
    if (cloud) await cloud.close();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((e) => {
  console.error('relay:', e.message);
  process.exit(1);
});
