/**
 * One relay process of a fleet, for the fleet test and the benchmark: the Tuya client and the relay,
 * sharing the token and idempotency records through Redis (LOCKWIRE_STORE=redis) or keeping them in
 * this process (LOCKWIRE_STORE=memory, to show the token fight a fleet has without Redis). Prints
 * `READY <port>` when it listens; SIGTERM closes everything and exits.
 */
import * as fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createTuyaClient } from '../../cloud/client';
import { createRelayHandler } from '../../cloud/relay';
import { createRelayServer } from '../../cloud/relay-http';
import { createMemoryStore } from '../../cloud/stores/memory-store';
import { createRedisStore } from '../../cloud/stores/redis-store';

async function main(): Promise<void> {
  const env = process.env;
  const store = env.LOCKWIRE_STORE === 'redis' ? await createRedisStore({ url: env.LOCKWIRE_REDIS_URL!, prefix: env.LOCKWIRE_REDIS_PREFIX }) : createMemoryStore();
  const client = createTuyaClient({
    baseUrl: env.TUYA_BASE_URL,
    accessId: env.TUYA_ACCESS_ID!,
    accessSecret: env.TUYA_ACCESS_SECRET!,
    ca: fs.readFileSync(env.LOCKWIRE_CA_PATH!, 'utf8'),
    tokenStore: store,
    tokenRefreshMarginMs: Number(env.LOCKWIRE_REFRESH_MARGIN_MS ?? 60000),
    retry: { baseDelayMs: 5 },
  });
  const session = env.LOCKWIRE_SESSION!;
  const device = env.LOCKWIRE_DEVICE!;
  const handler = createRelayHandler<string>({
    client,
    store,
    authenticate: (req) => (req.headers.authorization === session ? 'fleet-user' : null),
    authorize: (_user, intent) => intent.deviceId === device,
    deadlineMs: 20000,
  });
  const server = createRelayServer(handler);
  server.listen(0, '127.0.0.1', () => process.stdout.write(`READY ${(server.address() as AddressInfo).port}\n`));
  process.on('SIGTERM', () => {
    server.closeAllConnections();
    server.close(() => {
      client.close();
      store.close().finally(() => process.exit(0));
    });
  });
}

main().catch((err) => {
  process.stderr.write(`fleet relay failed to start: ${err instanceof Error ? err.message : 'error'}\n`);
  process.exit(1);
});
