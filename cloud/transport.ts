/**
 * The default transport: one HTTPS request on node:https with a keep-alive agent (a warm client reuses
 * its TLS connection), a hard timeout, and a bounded response size. The client only sees the `Transport`
 * function type, so tests and benchmarks can swap it out.
 */
import * as https from 'node:https';
import * as tls from 'node:tls';

export interface HttpRequest {
  method: string;
  /** Absolute https URL, query already encoded. */
  url: string;
  headers: Record<string, string>;
  body?: string;
  /** Overrides the transport's timeout for this request (TTLock gateway writes take seconds). */
  timeoutMs?: number;
}

export interface HttpResponse {
  status: number;
  text: string;
  /** Response headers, lower-case names (TTLock's clock correction reads `date`). */
  headers?: Record<string, string | string[] | undefined>;
}

export type Transport = (request: HttpRequest) => Promise<HttpResponse>;

export interface HttpsTransportOptions {
  /** Extra trusted CA certificate(s), PEM. Node's default store (and NODE_EXTRA_CA_CERTS) stays in use. */
  ca?: string | Buffer | Array<string | Buffer>;
  timeoutMs: number;
  maxResponseBytes?: number;
}

export interface HttpsTransport {
  send: Transport;
  /** The keep-alive agent (one trust store for all its connections). */
  agent: https.Agent;
  /** Closes idle keep-alive sockets so a process (or a test) can exit. */
  close(): void;
}

const DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;

/** An Error with an errno-style `code`, like the ones node:net raises. */
function codedError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

export function createHttpsTransport(options: HttpsTransportOptions): HttpsTransport {
  // The trust store is built once here. Given as `ca`, Node would parse ~140 roots into a new secure
  // context for every TLS connection: about five times the CPU of a whole request under load.
  const secureContext = options.ca !== undefined ? tls.createSecureContext({ ca: withDefaultCAs(options.ca) }) : undefined;
  const agent = new https.Agent({ keepAlive: true, maxSockets: 32, ...(secureContext ? { secureContext } : {}) });
  const maxBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;

  const send: Transport = (request) =>
    new Promise<HttpResponse>((resolve, reject) => {
      const headers: Record<string, string> = { ...request.headers };
      if (request.body !== undefined) headers['content-length'] = String(Buffer.byteLength(request.body));
      const req = https.request(request.url, { method: request.method, headers, agent }, (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBytes) {
            req.destroy(codedError('ERESPONSETOOLARGE', `response larger than ${maxBytes} bytes`));
            return;
          }
          chunks.push(chunk);
        });
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8'), headers: res.headers }),
        );
        res.on('error', reject);
      });
      const timeoutMs = request.timeoutMs ?? options.timeoutMs;
      req.setTimeout(timeoutMs, () => {
        req.destroy(codedError('ETIMEDOUT', `no answer within ${timeoutMs} ms`));
      });
      req.on('error', reject);
      req.end(request.body);
    });

  return { send, agent, close: () => agent.destroy() };
}

/**
 * Passing `ca` replaces Node's trust store, so the bundled roots are added back: the option means "also
 * trust this". (NODE_EXTRA_CA_CERTS applies only when `ca` is not given, which is how the CLI runs.)
 */
function withDefaultCAs(ca: string | Buffer | Array<string | Buffer>): Array<string | Buffer> {
  return [...tls.rootCertificates, ...(Array.isArray(ca) ? ca : [ca])];
}
