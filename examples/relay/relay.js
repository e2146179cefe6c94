// The relay: your server holds the Tuya access secret; the mini-program only ever sends the relay JSON.
const http = require('node:http');
const { createRelayHandler, createTuyaClient } = require('lockwire/cloud');

/**
 * Starts the relay on `port` (0 = any free port). `tuya`: { baseUrl, accessId, accessSecret, ca? }.
 * `userOf(req)`: YOUR session check, run before the body is read: the calling user, or null (401).
 * `mayUse(user, deviceId)`: YOUR ownership check, on the parsed request: only `true` lets it through (403).
 */
async function startRelay({ tuya, userOf, mayUse, port = 0, host = '127.0.0.1' }) {
  const client = createTuyaClient(tuya);
  const handler = createRelayHandler({
    client,
    authenticate: userOf,
    authorize: (user, intent) => mayUse(user, intent.deviceId) === true,
    path: '/temp-passwords',
  });
  const server = http.createServer(handler);
  await new Promise((resolve) => server.listen(port, host, resolve));
  return {
    url: `http://${host}:${server.address().port}/temp-passwords`,
    async close() {
      client.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

module.exports = { startRelay };
