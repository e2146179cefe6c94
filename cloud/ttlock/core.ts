/**
 * The plumbing every TTLock operation shares: transport, server-aligned clock, token with one retry on
 * 10003/10004, one retry on 80000 (the clock was corrected from the same answer), back-off for reads,
 * and the gateway queue with its long timeout. What is safe to repeat is decided here once: reads
 * always; writes only when TTLock said it did nothing (token, clock, -3003 busy) or nothing was sent.
 */
import { createServerClock } from '../api-call';
import { RetryPolicy, retrying } from '../retry';
import { Transport, createHttpsTransport } from '../transport';
import { CallSpec, ParamValue, TTLockLogger, callTTLock, mayHaveHappened } from './call';
import { CLOCK_CODE, RATE_LIMIT_CODE, TOKEN_CODES, TTLockError, isTTLockError } from './errors';
import { createSerialQueue } from './gateway-queue';
import type { SharedStore } from '../stores/shared-store';
import { TTLockTokens, createTTLockTokens, md5Hex } from './token';

export interface TTLockCoreOptions {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  username: string;
  password?: string;
  passwordMd5?: string;
  /** Where the token lives; give a fleet one (Redis) store so its processes share one token. Default: this process. */
  store?: SharedStore;
  ca?: string | Buffer | Array<string | Buffer>;
  /** Per-request timeout for ordinary calls; default 10000 ms. */
  timeoutMs?: number;
  /** Per-request timeout for gateway writes, which take seconds; default 60000 ms. */
  gatewayTimeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Back-off for -3003 "gateway busy" (something else is using the gateway); default 3 tries from 2 s. */
  busyRetry?: Partial<RetryPolicy>;
  /**
   * After 30006 (too many calls in a short time) a read waits this long and tries again, up to
   * `rateLimitRetries` times (default 2); a write is never re-sent: its error says when to try. Default 1000 ms
   * (TTLock documents no window; the mock's limiter counts per second).
   */
  rateLimitWaitMs?: number;
  rateLimitRetries?: number;
  /** Refresh this long before expiry; default 10 days of the 90-day token. */
  tokenRefreshMarginMs?: number;
  logger?: TTLockLogger;
  transport?: Transport;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export interface WriteOptions {
  /** Run in the serial queue under this key, with the gateway timeout and -3003 back-off. */
  queueKey?: string;
}

export interface TTLockCore {
  read<T>(label: string, method: 'GET' | 'POST', path: string, params: Record<string, ParamValue>): Promise<T>;
  /** Throws with `mayHaveHappened(err)` true when the answer was lost: the caller must settle it. */
  write<T>(label: string, path: string, params: Record<string, ParamValue>, options?: WriteOptions): Promise<T>;
  now(): number;
  sleep(ms: number): Promise<void>;
  tokens: TTLockTokens;
  queuePending(key: string): number;
  logger?: TTLockLogger;
  close(): void;
}

const ttlockTransient = (err: unknown): boolean =>
  isTTLockError(err) && (err.kind === 'network' || err.kind === 'protocol' || (err.code === 90000));
const notSent = (err: unknown): boolean => isTTLockError(err) && err.kind === 'network' && !mayHaveHappened(err);
const busy = (err: unknown): boolean => notSent(err) || (isTTLockError(err) && err.code === -3003);

function checkConfig(o: TTLockCoreOptions): string {
  const bad = (field: string, message: string) => new TTLockError('config', `"${field}" ${message}`, { field });
  if (typeof o.clientId !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(o.clientId)) throw bad('clientId', 'expected 1 to 64 letters or digits');
  if (typeof o.clientSecret !== 'string' || o.clientSecret.length < 1 || o.clientSecret.length > 128) throw bad('clientSecret', 'expected 1 to 128 characters');
  if (typeof o.username !== 'string' || o.username.length < 1 || o.username.length > 128) throw bad('username', 'expected 1 to 128 characters');
  if (o.passwordMd5 !== undefined) {
    if (typeof o.passwordMd5 !== 'string' || !/^[0-9a-fA-F]{32}$/.test(o.passwordMd5)) throw bad('passwordMd5', 'expected 32 hex characters');
    return o.passwordMd5.toLowerCase();
  }
  if (typeof o.password !== 'string' || o.password.length < 1) throw bad('password', 'or "passwordMd5" is required');
  return md5Hex(o.password);
}

export function createTTLockCore(o: TTLockCoreOptions): TTLockCore {
  const passwordMd5 = checkConfig(o);
  const https = o.transport ? null : createHttpsTransport({ ca: o.ca, timeoutMs: o.timeoutMs ?? 10000 });
  const clock = createServerClock(o.now ?? Date.now);
  const ctx = { baseUrl: o.baseUrl, transport: o.transport ?? https!.send, clock, logger: o.logger };
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const policy: RetryPolicy = { attempts: 3, baseDelayMs: 250, maxDelayMs: 2000, ...o.retry };
  const busyPolicy: RetryPolicy = { attempts: 3, baseDelayMs: 2000, maxDelayMs: 8000, ...o.busyRetry };
  const gatewayTimeoutMs = o.gatewayTimeoutMs ?? 60000;
  const queue = createSerialQueue();
  const vendor = (transient: (e: unknown) => boolean) => ({ transient, name: 'ttlock' });
  const retry = <T>(spec: CallSpec, p: RetryPolicy, transient: (e: unknown) => boolean) =>
    retrying(spec.label, () => callTTLock<T>(ctx, spec), p, sleep, o.logger, vendor(transient));

  const tokenCall = (label: string, params: Record<string, ParamValue>) =>
    retry<Record<string, unknown>>({ label, method: 'POST', path: '/oauth2/token', params }, policy, ttlockTransient);
  const tokens = createTTLockTokens({
    storeKey: `ttlock:${o.baseUrl}:${o.clientId}:${o.username}:token`,
    store: o.store,
    sleep,
    now: clock.now,
    refreshMarginMs: o.tokenRefreshMarginMs ?? 10 * 24 * 3600_000,
    passwordGrant: () => tokenCall('token', { clientId: o.clientId, clientSecret: o.clientSecret, username: o.username, password: passwordMd5 }),
    refreshGrant: (refreshToken) =>
      tokenCall('token refresh', { clientId: o.clientId, clientSecret: o.clientSecret, grant_type: 'refresh_token', refresh_token: refreshToken }),
  });

  /** One more attempt after a refused token (new token) or a refused date (clock now corrected). */
  async function authed<T>(send: (accessToken: string) => Promise<T>, label: string): Promise<T> {
    for (let again = 0; ; again++) {
      const accessToken = await tokens.get();
      try {
        return await send(accessToken);
      } catch (err) {
        if (again >= 1 || !isTTLockError(err) || err.code === undefined) throw err;
        if (TOKEN_CODES.has(err.code)) {
          o.logger?.warn?.(`ttlock ${label}: token refused (${err.code}), getting a new one`);
          tokens.invalidate(accessToken);
        } else if (err.code === CLOCK_CODE) {
          o.logger?.warn?.(`ttlock ${label}: date refused (80000), retrying on the server's clock`);
        } else throw err;
      }
    }
  }

  const common = (accessToken: string) => ({ clientId: o.clientId, accessToken });
  const rateLimitWaitMs = o.rateLimitWaitMs ?? 1000;

  /** Reads only: 30006 means TTLock did nothing, so after the wait the same read is asked again. */
  async function patiently<T>(label: string, call: () => Promise<T>): Promise<T> {
    for (let tried = 0; ; tried++) {
      try {
        return await call();
      } catch (err) {
        if (!isTTLockError(err) || err.code !== RATE_LIMIT_CODE || tried >= (o.rateLimitRetries ?? 2)) throw withWait(err);
        o.logger?.warn?.(`ttlock ${label}: rate limited (30006), asking again in ${rateLimitWaitMs} ms`);
        await sleep(rateLimitWaitMs);
      }
    }
  }

  /** A 30006 error tells its caller how long to wait; nothing else changes. */
  function withWait(err: unknown): unknown {
    if (!isTTLockError(err) || err.code !== RATE_LIMIT_CODE) return err;
    return Object.assign(err, { retryAfterMs: rateLimitWaitMs });
  }

  return {
    read: (label, method, path, params) =>
      patiently(label, () => authed((t) => retry({ label, method, path, params: { ...common(t), ...params } }, policy, ttlockTransient), label)),
    write<T>(label: string, path: string, params: Record<string, ParamValue>, options: WriteOptions = {}): Promise<T> {
      const once = () =>
        authed<T>((t) => {
          const spec: CallSpec = { label, method: 'POST', path, params: { ...common(t), ...params } };
          if (!options.queueKey) return retry<T>(spec, policy, notSent);
          return retry<T>({ ...spec, timeoutMs: gatewayTimeoutMs }, busyPolicy, busy);
        }, label);
      const sent = options.queueKey ? queue.run(options.queueKey, once) : once();
      return sent.catch((err) => Promise.reject(withWait(err)));
    },
    now: clock.now,
    sleep,
    tokens,
    queuePending: (key) => queue.pending(key),
    logger: o.logger,
    close: () => https?.close(),
  };
}
