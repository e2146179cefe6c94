/**
 * The HTTP edge of the relay core: JSON answers, the request body read with a size limit and a time
 * limit, the content-type rule, time-boxed hooks, and a server factory with header/request timeouts.
 * Every answer is `application/json` with `cache-control: no-store`.
 */
import * as http from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';

export function sendJson(res: ServerResponse, status: number, payload: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(payload);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...headers,
  });
  res.end(text);
}

/**
 * Only `application/json` (optionally `; charset=utf-8`). A browser can send `text/plain`,
 * `application/x-www-form-urlencoded` or `multipart/form-data` cross-site without a preflight, with the
 * victim's cookies; refusing them is what keeps a session-cookie relay safe from CSRF.
 */
export function isJsonContentType(value: string | undefined): boolean {
  if (typeof value !== 'string') return false;
  const [type, ...params] = value.split(';').map((p) => p.trim().toLowerCase());
  if (type !== 'application/json') return false;
  return params.every((p) => p === '' || p === 'charset=utf-8' || p === 'charset="utf-8"');
}

export type BodyRead = { ok: true; text: string } | { ok: false; reason: 'too-large' | 'timeout' | 'aborted' | 'encoding' };

/** Reads the body as UTF-8 up to `limit` bytes within `timeoutMs`; stops reading on any failure. */
export function readBody(req: IncomingMessage, limit: number, timeoutMs: number): Promise<BodyRead> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve({ ok: false, reason: 'too-large' });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (result: BodyRead): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      req.removeListener('data', onData);
      if (!result.ok) req.pause();
      resolve(result);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) return finish({ ok: false, reason: 'too-large' });
      chunks.push(chunk);
    };
    const timer = setTimeout(() => finish({ ok: false, reason: 'timeout' }), timeoutMs);
    req.on('data', onData);
    req.on('end', () => {
      const bytes = Buffer.concat(chunks);
      const text = bytes.toString('utf8');
      // A lone invalid byte becomes U+FFFD: refuse rather than act on a different string than was sent.
      if (!Buffer.from(text, 'utf8').equals(bytes)) return finish({ ok: false, reason: 'encoding' });
      finish({ ok: true, text });
    });
    req.on('aborted', () => finish({ ok: false, reason: 'aborted' }));
    req.on('error', () => finish({ ok: false, reason: 'aborted' }));
  });
}

export type HookOutcome<T> = { ok: true; value: T } | { ok: false; reason: 'threw' | 'timeout' };

/** Runs a developer's hook with a time limit; a throw or no answer in time is a failure, never a value. */
export function runHook<T>(hook: () => T | Promise<T>, timeoutMs: number): Promise<HookOutcome<T>> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve({ ok: false, reason: 'timeout' }), timeoutMs);
    let pending: Promise<T>;
    try {
      pending = Promise.resolve(hook());
    } catch {
      clearTimeout(timer);
      return resolve({ ok: false, reason: 'threw' });
    }
    pending.then(
      (value) => (clearTimeout(timer), resolve({ ok: true, value })),
      () => (clearTimeout(timer), resolve({ ok: false, reason: 'threw' })),
    );
  });
}

export interface RelayServerOptions {
  /** Time to receive the request headers; default 5000 ms. */
  headersTimeoutMs?: number;
  /** Time to receive the whole request; default 10000 ms. */
  requestTimeoutMs?: number;
  /** Idle keep-alive; default 5000 ms. */
  keepAliveTimeoutMs?: number;
}

/** An http.Server with the relay's handler and time limits on headers, the request and idle sockets. */
export function createRelayServer(handler: http.RequestListener, options: RelayServerOptions = {}): http.Server {
  const server = http.createServer(
    { headersTimeout: options.headersTimeoutMs ?? 5000, requestTimeout: options.requestTimeoutMs ?? 10000 },
    handler,
  );
  server.keepAliveTimeout = options.keepAliveTimeoutMs ?? 5000;
  return server;
}
