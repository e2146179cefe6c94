/**
 * The Tuya side of the demo, all on 127.0.0.1: the mock Tuya cloud (HTTPS, test-only certificate),
 * lockwire's cloud client and the relay handler in front of it. The mini-program side only ever gets
 * the relay URL and a session header; the access secret stays in this process, as on a real server.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRelayHandler, createTuyaClient } from '../../cloud';
import { MOCK_DEVICE_ID, startMockTuyaCloud, type MockTuyaCloud } from '../../simulator/tuya-cloud';

export interface TuyaStack {
  /** Full URL of the relay endpoint, for the page's "Relay URL" field. */
  relayUrl: string;
  /** The session the relay accepts (the demo's stand-in for your own login session). */
  session: string;
  deviceId: string;
  cloud: MockTuyaCloud;
  /** Requests that reached the relay. */
  relayHits(): number;
  close(): Promise<void>;
}

export const DEMO_SESSION = 'Bearer demo-session';

/** `session`: the authorization header value the relay accepts (default DEMO_SESSION). */
export async function startTuyaStack(session: string = DEMO_SESSION): Promise<TuyaStack> {
  const cloud = await startMockTuyaCloud({ deliveryDelayMs: 0 });
  const client = createTuyaClient({
    baseUrl: cloud.baseUrl,
    accessId: cloud.accessId,
    accessSecret: cloud.accessSecret,
    ca: cloud.ca,
    retry: { baseDelayMs: 5 },
  });
  const handler = createRelayHandler({
    client,
    // A real relay looks the session up in its own store, then checks that this user owns the device.
    authenticate: (req) => (req.headers.authorization === session ? { id: 'demo-user' } : null),
    authorize: (_user, intent) => intent.deviceId === MOCK_DEVICE_ID,
  });
  let hits = 0;
  const relay = http.createServer((req, res) => {
    hits++;
    handler(req, res);
  });
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
  const port = (relay.address() as AddressInfo).port;
  return {
    relayUrl: `http://127.0.0.1:${port}/temp-passwords`,
    session,
    deviceId: MOCK_DEVICE_ID,
    cloud,
    relayHits: () => hits,
    async close() {
      client.close();
      relay.closeAllConnections();
      await new Promise((resolve) => relay.close(resolve));
      await cloud.close();
    },
  };
}
