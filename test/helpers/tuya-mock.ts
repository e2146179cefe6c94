/**
 * One place that starts the mock Tuya cloud and a client over real HTTPS (test-only CA through `ca`),
 * records the client's log lines and every sensitive value that crossed the wire (tokens, ticket keys),
 * and closes everything after each test.
 */
import { createTuyaClient, TuyaClient, TuyaClientOptions } from '../../cloud/client';
import { createHttpsTransport } from '../../cloud/transport';
import { MockTuyaCloud, MockTuyaCloudOptions, startMockTuyaCloud } from '../../simulator/tuya-cloud';

export interface TuyaHarness {
  mock: MockTuyaCloud;
  client: TuyaClient;
  logs: string[];
  sensitive: Set<string>;
}

const open: Array<() => Promise<void> | void> = [];

/** Call once per test file (registers the afterEach that closes what `startTuyaHarness` opened). */
export function closeTuyaHarnessesAfterEach(): void {
  afterEach(async () => {
    while (open.length) await open.pop()!();
  });
}

export async function startTuyaHarness(mockOptions: MockTuyaCloudOptions = {}, clientOptions: Partial<TuyaClientOptions> = {}): Promise<TuyaHarness> {
  const mock = await startMockTuyaCloud(mockOptions);
  open.push(() => mock.close());
  const logs: string[] = [];
  const sensitive = new Set<string>([mock.accessSecret]);
  const https = createHttpsTransport({ ca: mock.ca, timeoutMs: clientOptions.timeoutMs ?? 2000 });
  open.push(() => https.close());
  const client = createTuyaClient({
    baseUrl: mock.baseUrl,
    accessId: mock.accessId,
    accessSecret: mock.accessSecret,
    retry: { attempts: 3, baseDelayMs: 5, maxDelayMs: 20 },
    logger: { debug: (l) => logs.push(l), warn: (l) => logs.push(l) },
    transport: async (request) => {
      const response = await https.send(request);
      for (const m of response.text.matchAll(/"(access_token|refresh_token|ticket_key|offline_temp_password|dynamic_password)":"([^"]+)"/g)) sensitive.add(m[2]);
      return response;
    },
    ...clientOptions,
  });
  open.push(() => client.close());
  return { mock, client, logs, sensitive };
}

/** No token, ticket key, secret or PIN in the client's logs or in the given errors/answers. */
export function expectNothingSensitive(h: TuyaHarness, pins: string[], extra: unknown[] = []): void {
  const text = [...h.logs, ...extra.map((e) => (e instanceof Error ? `${e.message} ${JSON.stringify(e)}` : JSON.stringify(e)))].join('\n');
  expect(h.sensitive.size).toBeGreaterThan(1);
  for (const value of h.sensitive) expect(text).not.toContain(value);
  // A PIN is a short digit string: a random trace id (tid=…) contains one now and then ("…c1d10001055d…"
  // holds 1000105). A leaked PIN stands on its own, so only a match not inside a longer run of letters and digits counts.
  for (const pin of pins) expect(text).not.toMatch(new RegExp(`(?<![0-9A-Za-z])${pin}(?![0-9A-Za-z])`));
}

export const failureOf = <T>(promise: Promise<T>): Promise<unknown> => promise.then(() => null, (e: unknown) => e);
