/**
 * One TTLock Open API call (ttlock-cloud-api.md §2): form-encoded, reads as GET with a query string,
 * writes as POST with a form body, `clientId` + `accessToken` + `date` (ms, server-aligned) on every
 * /v3 call. Every answer is HTTP 200 JSON; `errcode` alone decides success. The server's `Date` header
 * corrects the clock. Logs name the operation and path, never a parameter value: parameters carry the
 * token, the password hash, lockData and passcodes.
 */
import { wasNeverSent } from '../errors';
import type { TuyaLogger } from '../api-call';
import type { HttpRequest, Transport } from '../transport';
import { CLOCK_CODE, TTLockError, fromErrcode } from './errors';

export type TTLockLogger = TuyaLogger;
export type ParamValue = string | number | undefined;

export interface CallSpec {
  /** Short name for logs and errors, e.g. "passcode add (gateway)". */
  label: string;
  method: 'GET' | 'POST';
  /** "/v3/lock/list", "/oauth2/token"... */
  path: string;
  params: Record<string, ParamValue>;
  /** For gateway writes: a longer per-request timeout. */
  timeoutMs?: number;
}

export interface ServerClock {
  now(): number;
  localNow(): number;
  learn(serverT: number, localNow: number): void;
}

export interface CallContext {
  baseUrl: string;
  transport: Transport;
  clock: ServerClock;
  logger?: TTLockLogger;
}

/** What the caller should assume when a call fails without a TTLock answer. */
export type NoAnswer = 'not-sent' | 'maybe-done';

function encode(params: Record<string, ParamValue>): string {
  const form = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) form.append(k, String(v));
  return form.toString();
}

/**
 * The `Date` header has one-second precision: only a difference beyond 2 s is taken as the server's
 * clock being elsewhere, so a correct local clock is never dragged around by rounding.
 */
function learnFromDate(clock: ServerClock, header: unknown, sentAt: number, receivedAt: number): void {
  const text = Array.isArray(header) ? header[0] : header;
  if (typeof text !== 'string') return;
  const serverSecond = Date.parse(text);
  if (!Number.isFinite(serverSecond)) return;
  const local = (sentAt + receivedAt) / 2;
  const estimate = serverSecond + 500;
  if (Math.abs(estimate - clock.now()) > 2000 + (receivedAt - sentAt) / 2) clock.learn(estimate, local);
}

export async function callTTLock<T>(ctx: CallContext, spec: CallSpec): Promise<T> {
  const where = `${spec.label} (${spec.method} ${spec.path})`;
  const params = spec.path.startsWith('/v3/') ? { ...spec.params, date: Math.round(ctx.clock.now()) } : spec.params;
  const form = encode(params);
  const request: HttpRequest =
    spec.method === 'GET'
      ? { method: 'GET', url: `${ctx.baseUrl}${spec.path}?${form}`, headers: {} }
      : { method: 'POST', url: ctx.baseUrl + spec.path, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form };
  const sentAt = ctx.clock.localNow();
  let response;
  try {
    response = await ctx.transport({ ...request, timeoutMs: spec.timeoutMs });
  } catch (cause) {
    const errno = (cause as { code?: unknown } | null)?.code;
    const code = typeof errno === 'string' ? ` (${errno})` : '';
    ctx.logger?.warn?.(`ttlock ${where}: network error${code}`);
    const noAnswer: NoAnswer = wasNeverSent(cause) ? 'not-sent' : 'maybe-done';
    throw Object.assign(new TTLockError('network', `${where} got no answer${code}`, { cause }), { noAnswer });
  }
  learnFromDate(ctx.clock, response.headers?.date, sentAt, ctx.clock.localNow());

  let body: Record<string, unknown>;
  try {
    body = JSON.parse(response.text);
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new Error('not an object');
  } catch {
    ctx.logger?.warn?.(`ttlock ${where}: HTTP ${response.status}, unreadable body`);
    throw Object.assign(new TTLockError('protocol', `${where} answered HTTP ${response.status} without a JSON object`, { httpStatus: response.status }), {
      noAnswer: 'maybe-done' as NoAnswer,
    });
  }
  const errcode = body.errcode === undefined ? 0 : Number(body.errcode);
  if (errcode === 0 && response.status >= 200 && response.status < 300) {
    ctx.logger?.debug?.(`ttlock ${where}: ok`);
    return body as T;
  }
  if (errcode === 0 || !Number.isFinite(errcode)) {
    ctx.logger?.warn?.(`ttlock ${where}: HTTP ${response.status}`);
    throw Object.assign(new TTLockError('protocol', `${where} answered HTTP ${response.status}`, { httpStatus: response.status }), {
      noAnswer: 'maybe-done' as NoAnswer,
    });
  }
  const err = fromErrcode(errcode, typeof body.errmsg === 'string' ? body.errmsg : undefined, where, response.status);
  ctx.logger?.warn?.(`ttlock ${where}: errcode ${errcode}${errcode === CLOCK_CODE ? ' (clock)' : ''}`);
  throw err;
}

/** Whether a failed call may have done something on the server (a lost or garbled answer). */
export function mayHaveHappened(err: unknown): boolean {
  return (err as { noAnswer?: NoAnswer } | null)?.noAnswer === 'maybe-done';
}
