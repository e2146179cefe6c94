/**
 * The TTLock side of the demo, all on 127.0.0.1: the mock TTLock cloud (HTTPS, test-only certificate)
 * holding the demo's virtual lock, lockwire's TTLock client, and the TTLock relay in front of it. The
 * mini-program side only gets the relay URL and a session header; the client secret and the admin
 * account's password stay in this process, as on a real server.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTTLockClient, createTTLockRelayHandler } from '../../cloud';
import type { VirtualLock } from '../../simulator';
import { startMockTTLockCloud, type MockTTLockCloud } from '../../simulator/ttlock-cloud';

export interface TTLockStack {
  /** The relay's TTLock base URL. */
  relayUrl: string;
  session: string;
  lockId: number;
  cloud: MockTTLockCloud;
  close(): Promise<void>;
}

export const TTLOCK_DEMO_SESSION = 'Bearer demo-ttlock-session';

export async function startTTLockStack(lock: VirtualLock): Promise<TTLockStack> {
  const cloud = await startMockTTLockCloud({ locks: [{ lock }] });
  const [lockId] = cloud.lockIds;
  const user = cloud.users[0];
  const client = createTTLockClient({ host: cloud.baseUrl, ca: cloud.ca, clientId: cloud.clientId, clientSecret: cloud.clientSecret, username: user.username, password: user.password });
  const handler = createTTLockRelayHandler({
    client,
    // A real relay looks the session up in its own store, then checks that this user may use the lock.
    authenticate: (req) => (req.headers.authorization === TTLOCK_DEMO_SESSION ? { id: 'demo-user' } : null),
    authorize: (_user, intent) => intent.lockId === lockId,
  });
  const relay = http.createServer(handler);
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
  return {
    relayUrl: `http://127.0.0.1:${(relay.address() as AddressInfo).port}/ttlock`,
    session: TTLOCK_DEMO_SESSION,
    lockId,
    cloud,
    async close() {
      client.close();
      relay.closeAllConnections();
      await new Promise((resolve) => relay.close(resolve));
      await cloud.close();
    },
  };
}
