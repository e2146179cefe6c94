/**
 * The TTLock client against the mock TTLock cloud over real HTTPS on 127.0.0.1, trusting the test-only
 * CA. The transport is the real one, wrapped only to note the secrets that crossed the wire (tokens,
 * lockData), so a test can check that none reached a log line, an error or a result it should not.
 */
import { createTTLockClient, TTLockClient, TTLockClientOptions } from '../../cloud/ttlock/client';
import { md5Hex } from '../../cloud/ttlock/token';
import { createHttpsTransport } from '../../cloud/transport';
import { MockTTLockCloud, MockTTLockCloudOptions, startMockTTLockCloud } from '../../simulator/ttlock-cloud';

export interface TTLockHarness {
  mock: MockTTLockCloud;
  client: TTLockClient;
  logs: string[];
  sensitive: Set<string>;
  lockId: number;
  /** Requests the mock saw on `path` since the harness started (or since the last resetStats). */
  hits(path: string): number;
  newClient(options?: Partial<TTLockClientOptions>): TTLockClient;
}

const open: Array<() => Promise<void> | void> = [];

/** Call from the test file: closes every mock and client after each test. */
export function closeTTLockHarnesses(): void {
  afterEach(async () => {
    while (open.length) await open.pop()!();
  });
}

export const FAST: Partial<TTLockClientOptions> = {
  retry: { attempts: 3, baseDelayMs: 5, maxDelayMs: 20 },
  busyRetry: { attempts: 3, baseDelayMs: 20, maxDelayMs: 80 },
  settleDelayMs: 10,
};

export async function ttlockHarness(mockOptions: MockTTLockCloudOptions = {}, clientOptions: Partial<TTLockClientOptions> = {}): Promise<TTLockHarness> {
  const mock = await startMockTTLockCloud({ gatewayLatencyMs: 40, ...mockOptions });
  open.push(() => mock.close());
  const logs: string[] = [];
  const sensitive = new Set<string>([mock.clientSecret, mock.users[0].password, md5Hex(mock.users[0].password)]);
  const https = createHttpsTransport({ ca: mock.ca, timeoutMs: 15000 });
  open.push(() => https.close());
  const newClient = (more: Partial<TTLockClientOptions> = {}): TTLockClient => {
    const client = createTTLockClient({
      host: mock.baseUrl,
      clientId: mock.clientId,
      clientSecret: mock.clientSecret,
      username: mock.users[0].username,
      password: mock.users[0].password,
      logger: { debug: (l) => logs.push(l), warn: (l) => logs.push(l) },
      transport: async (request) => {
        const response = await https.send(request);
        for (const m of response.text.matchAll(/"(access_token|refresh_token|lockData|noKeyPwd)":"([^"]+)"/g)) sensitive.add(m[2]);
        return response;
      },
      ...FAST,
      ...clientOptions,
      ...more,
    });
    open.push(() => client.close());
    return client;
  };
  return {
    mock,
    client: newClient(),
    logs,
    sensitive,
    lockId: mock.lockIds[0],
    hits: (path) => mock.stats.byPath[path] ?? 0,
    newClient,
  };
}

/** No secret of the harness (nor these passcodes) in the logs or in `extra` (errors, results). */
export function expectNothingSensitive(h: TTLockHarness, passcodes: string[], extra: unknown[] = []): void {
  const text = [...h.logs, ...extra.map((e) => (e instanceof Error ? `${e.message} ${e.stack} ${JSON.stringify(e)}` : JSON.stringify(e)))].join('\n');
  expect(h.sensitive.size).toBeGreaterThanOrEqual(3);
  for (const value of [...h.sensitive, ...passcodes]) expect(text).not.toContain(value);
}

/** The error a promise rejects with (fails the test if it resolves). */
export async function failure(promise: Promise<unknown>): Promise<any> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error('expected a rejection');
}

export const HOUR = 3600_000;
/** A whole hour comfortably in the future. */
export const nextHour = (): number => Math.ceil(Date.now() / HOUR) * HOUR + HOUR;
