/**
 * The HTTPS transport's extra CA: the trust store is built once per transport, not once per connection,
 * and it still verifies: the mock's test CA is trusted in addition to Node's roots, and a server whose
 * certificate no trusted CA signed is refused.
 */
import * as https from 'node:https';
import * as tls from 'node:tls';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AddressInfo } from 'node:net';
import { createHttpsTransport } from '../../cloud/transport';
import { mockCertDir, startMockTuyaCloud } from '../../simulator/tuya-cloud';

describe('https transport with an extra CA', () => {
  it('builds one secure context for many connections, and every request is verified', async () => {
    const mock = await startMockTuyaCloud();
    const transport = createHttpsTransport({ ca: mock.ca, timeoutMs: 5000 });
    const contexts: unknown[] = [];
    const agent = transport.agent as unknown as { createConnection(o: { secureContext?: unknown }, ...rest: unknown[]): unknown };
    const connect = agent.createConnection.bind(agent);
    agent.createConnection = (o, ...rest) => (contexts.push(o.secureContext), connect(o, ...rest));
    try {
      const answers = await Promise.all(Array.from({ length: 20 }, () => transport.send({ method: 'GET', url: `${mock.baseUrl}/v1.0/token?grant_type=1`, headers: {} })));
      expect(answers.every((a) => a.status === 200 && a.text.includes('"success":false'))).toBe(true); // unsigned: Tuya's refusal, over verified TLS
      expect(mock.stats.connections).toBeGreaterThan(1);
      expect(contexts.length).toBe(mock.stats.connections);
      expect(contexts[0]).toBeInstanceOf((tls as unknown as { SecureContext: new () => unknown }).SecureContext);
      expect(new Set(contexts).size).toBe(1); // one trust store, shared by every connection
    } finally {
      transport.close();
      await mock.close();
    }
  });

  it('refuses a server whose certificate the CA did not sign', async () => {
    const dir = mockCertDir();
    const server = https.createServer({ key: fs.readFileSync(path.join(dir, 'test-server-key.pem')), cert: fs.readFileSync(path.join(dir, 'test-server.pem')) }, (_q, r) => r.end('{}'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const transport = createHttpsTransport({ ca: tls.rootCertificates[0], timeoutMs: 5000 });
    try {
      const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/`;
      await expect(transport.send({ method: 'GET', url, headers: {} })).rejects.toMatchObject({ code: expect.stringMatching(/CERT|SIGNED|VERIFY/) });
    } finally {
      transport.close();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });
});
