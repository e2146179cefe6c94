/**
 * One signed OpenAPI call: sign (as a hook), send, read Tuya's envelope, learn the server clock. Each
 * outcome becomes a value or a TuyaError; what to retry is decided by the caller (client.ts), because
 * only it knows whether a call is safe to repeat. Routes are logged by label and template, never with
 * the refresh token that sits in one of the paths.
 */
import { CODE_KINDS, TuyaError, wasNeverSent } from './errors';
import { QueryValue, SignInput, wireUrl } from './sign';
import { Transport } from './transport';

export interface TuyaLogger {
  debug?(line: string): void;
  warn?(line: string): void;
}

export interface ApiCallSpec {
  /** Short name for logs and errors: "token", "refresh", "ticket", "create", "detail", "list", ... */
  label: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  /** The path as logs may show it (e.g. "/v1.0/token/{refresh_token}"). */
  route: string;
  query?: Record<string, QueryValue>;
  /** Serialised once; the same bytes are hashed and sent. Absent: no body, hashed as "". */
  body?: unknown;
  /** Business calls carry a token; token calls do not. */
  accessToken?: string;
}

export interface ApiCallContext {
  baseUrl: string;
  accessId: string;
  accessSecret: string;
  transport: Transport;
  sign: (input: SignInput) => Record<string, string>;
  nonce: () => string;
  /** Server-aligned clock; `learn` adjusts it from each envelope's `t`. */
  clock: { now(): number; learn(serverT: number, localNow: number): void; localNow(): number };
  logger?: TuyaLogger;
}

export async function callApi<T>(ctx: ApiCallContext, spec: ApiCallSpec): Promise<T> {
  const body = spec.body === undefined ? undefined : JSON.stringify(spec.body);
  const headers = ctx.sign({
    method: spec.method,
    path: spec.path,
    query: spec.query,
    body: body ?? '',
    t: String(Math.round(ctx.clock.now())),
    nonce: ctx.nonce(),
    accessToken: spec.accessToken,
    accessId: ctx.accessId,
    accessSecret: ctx.accessSecret,
  });
  if (body !== undefined) headers['content-type'] = 'application/json';
  const where = `${spec.label} (${spec.method} ${spec.route})`;

  let response;
  try {
    response = await ctx.transport({ method: spec.method, url: ctx.baseUrl + wireUrl(spec.path, spec.query), headers, body });
  } catch (cause) {
    const errno = (cause as { code?: unknown } | null)?.code;
    ctx.logger?.warn?.(`tuya ${where}: network error ${typeof errno === 'string' ? errno : ''}`.trimEnd());
    const kind = wasNeverSent(cause) ? 'network' : 'outcome-unknown';
    throw new TuyaError(kind, `${where} got no answer${typeof errno === 'string' ? ` (${errno})` : ''}`, { cause });
  }

  let envelope: { success?: unknown; result?: unknown; code?: unknown; msg?: unknown; t?: unknown; tid?: unknown };
  try {
    envelope = JSON.parse(response.text);
    if (typeof envelope !== 'object' || envelope === null) throw new Error('not an object');
  } catch {
    ctx.logger?.warn?.(`tuya ${where}: HTTP ${response.status}, unreadable body`);
    if (response.status < 200 || response.status >= 300) {
      throw new TuyaError('http', `${where} answered HTTP ${response.status}`, { httpStatus: response.status });
    }
    throw new TuyaError('protocol', `${where} answered with a body that is not JSON`, { httpStatus: response.status });
  }

  if (typeof envelope.t === 'number' && Number.isFinite(envelope.t)) ctx.clock.learn(envelope.t, ctx.clock.localNow());
  const tid = typeof envelope.tid === 'string' ? envelope.tid : undefined;
  if (envelope.success === true) {
    ctx.logger?.debug?.(`tuya ${where}: ok${tid ? ` tid=${tid}` : ''}`);
    return envelope.result as T;
  }
  const code = typeof envelope.code === 'number' ? envelope.code : Number(envelope.code);
  const msg = typeof envelope.msg === 'string' ? envelope.msg.slice(0, 200) : undefined;
  ctx.logger?.warn?.(`tuya ${where}: code ${code}${msg ? ` (${msg})` : ''}${tid ? ` tid=${tid}` : ''}`);
  const special = CODE_KINDS.get(code);
  if (special) {
    throw new TuyaError(special.kind, `Tuya error ${code} on ${where}: ${special.advice}${tid ? ` (tid ${tid})` : ''}`, {
      code,
      msg,
      tid,
      httpStatus: response.status,
    });
  }
  throw new TuyaError('api', `Tuya error ${code}${msg ? ` (${msg})` : ''} on ${where}${tid ? `, tid ${tid}` : ''}`, {
    code: Number.isFinite(code) ? code : undefined,
    msg,
    tid,
    httpStatus: response.status,
  });
}

/** Server-aligned clock: local time plus the offset seen in the last envelope. */
export function createServerClock(localNow: () => number): ApiCallContext['clock'] {
  let offset = 0;
  return {
    now: () => localNow() + offset,
    localNow,
    learn(serverT, local) {
      offset = serverT - local;
    },
  };
}
