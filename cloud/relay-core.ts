/**
 * The vendor-neutral relay core: a node:http handler in front of a vendor client, used by the Tuya relay
 * (relay.ts) and the TTLock relay. Order matters and is fixed here once:
 *   route → POST only → authenticate(req), before a byte of the body is read → application/json only →
 *   body (size and time limits) → strict JSON object (no duplicate or reserved keys, nothing trailing) →
 *   the route's own validation → authorize(principal, intent), where only a literal `true` allows →
 *   optional Idempotency-Key claim → the vendor call, under an end-to-end deadline.
 * A vendor supplies a route table and an error mapping. Answers never carry the body back, so no PIN or
 * secret can be echoed; logs carry the action, status and code only.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Claim, IDEMPOTENCY_KEY, createIdempotency, fingerprint } from './relay-idempotency';
import { isJsonContentType, readBody, runHook, sendJson } from './relay-http';
import { parseStrictJson } from './relay-json';
import { createMemoryStore } from './stores/memory-store';
import type { SharedStore } from './stores/shared-store';

/** What a caller asks for, exactly as it will be sent upstream; frozen before authorize sees it. */
export interface RelayIntent {
  readonly action: string;
  readonly deviceId?: string;
  readonly lockId?: string | number;
  readonly passwordId?: string;
  readonly fields: Readonly<Record<string, unknown>>;
}

export type ParsedIntent = Omit<RelayIntent, 'action'>;

export interface RelayRoute {
  action: string;
  /** True when a lost answer may hide a change upstream (create, modify, delete...). */
  mutates: boolean;
  /** Fields kept out of idempotency fingerprints (PINs). */
  secretFields?: readonly string[];
  /** Validates the parsed body (a null-prototype object); names the first bad field. */
  parse(body: Record<string, unknown>): ParsedIntent | { field: string; message: string };
  /** Calls the vendor; the answer is sent as JSON and must hold no secret. */
  run(intent: RelayIntent): Promise<object>;
}

export interface RelayFailure {
  status: number;
  code: string | number;
  message: string;
  /** The change may have happened: kept as the idempotent answer, never released for a retry. */
  outcomeUnknown?: boolean;
  extra?: Record<string, unknown>;
}

export interface RelayCoreOptions<P = unknown> {
  /** Path → route; paths are appended to `basePath` ("" is the base itself). */
  routes: Record<string, RelayRoute>;
  basePath: string;
  /** Runs before the body is read: your session or bearer check. Falsy = anonymous = 401. */
  authenticate: (req: IncomingMessage) => P | null | undefined | false | Promise<P | null | undefined | false>;
  /** Runs on the validated intent. Only a literal `true` allows; anything else is 403, a throw or timeout 500. */
  authorize: (principal: P, intent: RelayIntent) => unknown;
  /** Maps a vendor error onto an answer. */
  describeError: (err: unknown, route: RelayRoute) => RelayFailure;
  /** Idempotency records; share the token's Redis store in a fleet. Default: this process. */
  store?: SharedStore;
  /** Stable id of a principal for idempotency; default: a string principal, or its `id`. */
  principalKey?: (principal: P) => string | undefined;
  maxBodyBytes?: number;
  bodyTimeoutMs?: number;
  hookTimeoutMs?: number;
  /** Whole request, arrival to answer; keep it below the plugin's timeout (15000 ms). Default 10000. */
  deadlineMs?: number;
  idempotencyTtlMs?: number;
  /**
   * How long after the deadline a repeat of a still-unanswered keyed request hears "in progress" (a late
   * answer may still land and be replayed); after that, "outcome unknown" (the process may have died).
   */
  lateAnswerGraceMs?: number;
  logger?: { debug?(line: string): void; warn?(line: string): void };
  now?: () => number;
}

/** What a vendor relay takes from its caller unchanged: the hooks, the store and the limits. */
export type RelayHostOptions<P = unknown> = Omit<RelayCoreOptions<P>, 'routes' | 'basePath' | 'describeError' | 'now'>;

/** Arrival to answer, below the plugin's own 15000 ms (plugin/tuya/relay-client.ts DEFAULT_RELAY_TIMEOUT_MS). */
export const RELAY_DEFAULT_DEADLINE_MS = 10000;

export type RelayHandler = (req: IncomingMessage, res: ServerResponse) => void;

const defaultPrincipalKey = (p: unknown): string | undefined => {
  if (typeof p === 'string') return p;
  const id = (p as { id?: unknown } | null)?.id;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
};

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

export function createRelayCore<P>(options: RelayCoreOptions<P>): RelayHandler {
  if (typeof options?.authenticate !== 'function') throw new TypeError('relay: "authenticate" (runs before the body is read) is required');
  if (typeof options.authorize !== 'function') throw new TypeError('relay: "authorize(principal, intent)" is required');
  const routes = new Map(Object.entries(options.routes).map(([p, r]) => [options.basePath + p, r]));
  const limit = options.maxBodyBytes ?? 16 * 1024;
  const bodyTimeoutMs = options.bodyTimeoutMs ?? 5000;
  const hookTimeoutMs = options.hookTimeoutMs ?? 2000;
  const deadlineMs = options.deadlineMs ?? RELAY_DEFAULT_DEADLINE_MS;
  const now = options.now ?? Date.now;
  const idem = createIdempotency(options.store ?? createMemoryStore(), options.idempotencyTtlMs ?? 24 * 3600_000, now);
  const principalKey = options.principalKey ?? defaultPrincipalKey;
  const log = options.logger;

  async function handle(req: IncomingMessage, res: ServerResponse, started: number): Promise<void> {
    const fail = (status: number, code: string | number, message: string, extra: object = {}, headers: Record<string, string> = {}) => {
      log?.[status >= 500 ? 'warn' : 'debug']?.(`relay ${req.method} ${path.slice(0, 80)}: ${status} ${code}`);
      sendJson(res, status, { error: { code, message, ...extra } }, headers);
    };
    const path = (req.url ?? '').split('?')[0];
    const route = routes.get(path);
    if (!route) return fail(404, 'NOT_FOUND', 'no such relay route');
    if (req.method !== 'POST') return fail(405, 'METHOD_NOT_ALLOWED', 'relay routes accept POST only', {}, { allow: 'POST' });
    const bodyPending = { connection: 'close' }; // answered before reading the body: do not reuse the socket

    const who = await runHook(() => options.authenticate(req), hookTimeoutMs);
    if (!who.ok) return fail(500, 'HOOK_FAILED', `authenticate ${who.reason === 'timeout' ? 'did not answer in time' : 'threw'}`, {}, bodyPending);
    const principal = who.value;
    if (principal === null || principal === undefined || principal === false || principal === ('' as unknown)) {
      return fail(401, 'UNAUTHORIZED', 'authentication required', {}, bodyPending);
    }
    if (!isJsonContentType(req.headers['content-type'])) {
      return fail(415, 'UNSUPPORTED_MEDIA_TYPE', 'content-type must be application/json', {}, bodyPending);
    }
    const idemHeader = req.headers['idempotency-key'];
    const idemKey = typeof idemHeader === 'string' ? idemHeader : undefined;
    const pKey = idemKey === undefined ? undefined : principalKey(principal as P);
    if (idemHeader !== undefined && (idemKey === undefined || !IDEMPOTENCY_KEY.test(idemKey))) {
      return fail(400, 'INVALID_IDEMPOTENCY_KEY', 'Idempotency-Key expected 1 to 128 letters, digits, "_-.:"', {}, bodyPending);
    }
    if (idemKey !== undefined && pKey === undefined) {
      return fail(400, 'INVALID_IDEMPOTENCY_KEY', 'Idempotency-Key needs a principal with a string id', {}, bodyPending);
    }

    const body = await readBody(req, limit, bodyTimeoutMs);
    if (!body.ok) {
      if (body.reason === 'too-large') return fail(413, 'BODY_TOO_LARGE', `body larger than ${limit} bytes`, {}, bodyPending);
      if (body.reason === 'timeout') return fail(408, 'BODY_TIMEOUT', `body not received within ${bodyTimeoutMs} ms`, {}, bodyPending);
      if (body.reason === 'encoding') return fail(400, 'INVALID_JSON', 'body is not valid UTF-8');
      return void res.destroy();
    }
    const parsed = parseStrictJson(body.text);
    if (!parsed.ok) return fail(400, parsed.problem, parsed.message);
    const value = parsed.value;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail(400, 'NOT_AN_OBJECT', 'body must be a JSON object');
    const checked = route.parse(value as Record<string, unknown>);
    if ('field' in checked && 'message' in checked) return fail(400, 'INVALID_FIELD', checked.message, { field: checked.field });
    const intent: RelayIntent = deepFreeze({ action: route.action, ...(checked as ParsedIntent) });

    const verdict = await runHook(() => options.authorize(principal as P, intent), hookTimeoutMs);
    if (!verdict.ok) return fail(500, 'HOOK_FAILED', `authorize ${verdict.reason === 'timeout' ? 'did not answer in time' : 'threw'}`);
    if (verdict.value !== true) return fail(403, 'FORBIDDEN', `not allowed to ${route.action} on this device`);

    const remaining = started + deadlineMs - now();
    if (remaining <= 0) return fail(503, 'DEADLINE', 'the relay ran out of time before calling upstream; nothing was sent');
    const fp = idemKey ? fingerprint(route.action, intent, route.secretFields ?? []) : '';
    if (idemKey && pKey) {
      const claim: Claim = await idem.claim(pKey, idemKey, fp, started + deadlineMs + (options.lateAnswerGraceMs ?? 60000));
      if (claim.kind === 'replay') return sendJson(res, claim.status, claim.body, { 'idempotent-replayed': 'true' });
      if (claim.kind === 'mismatch') return fail(422, 'IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was used for a different request');
      if (claim.kind === 'in-progress') return fail(409, 'IN_PROGRESS', 'a request with this Idempotency-Key is still running; retry later', {}, { 'retry-after': '1' });
      if (claim.kind === 'lost') return fail(504, 'OUTCOME_UNKNOWN', unknownAdvice(route));
    }
    await callUpstream(route, intent, remaining, res, fail, idemKey && pKey ? { pKey, idemKey, fp } : null);
  }

  async function callUpstream(
    route: RelayRoute,
    intent: RelayIntent,
    remaining: number,
    res: ServerResponse,
    fail: (status: number, code: string | number, message: string, extra?: object) => void,
    claim: { pKey: string; idemKey: string; fp: string } | null,
  ): Promise<void> {
    let answered = false;
    const settle = async (status: number, payload: object, keep: boolean): Promise<void> => {
      if (!claim) return;
      try {
        if (keep) await idem.finish(claim.pKey, claim.idemKey, claim.fp, status, payload);
        else await idem.release(claim.pKey, claim.idemKey);
      } catch {
        log?.warn?.(`relay ${route.action}: could not record the idempotent answer`);
      }
    };
    const outcome = route.run(intent).then(
      async (result) => {
        await settle(200, result, true);
        if (!answered) sendJson(res, 200, result);
        else log?.warn?.(`relay ${route.action}: upstream answered after the deadline (ok)`);
      },
      async (err: unknown) => {
        const f = options.describeError(err, route);
        const payload = { error: { code: f.code, message: f.message, ...f.extra } };
        await settle(f.status, payload, f.outcomeUnknown === true);
        if (!answered) fail(f.status, f.code, f.message, f.extra);
        else log?.warn?.(`relay ${route.action}: upstream answered after the deadline (${f.code})`);
      },
    );
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'deadline'>((resolve) => (timer = setTimeout(() => resolve('deadline'), remaining)));
    const first = await Promise.race([outcome.then(() => 'done' as const), deadline]);
    clearTimeout(timer);
    if (first === 'deadline') {
      answered = true;
      if (route.mutates) fail(504, 'OUTCOME_UNKNOWN', unknownAdvice(route));
      else fail(504, 'UPSTREAM_TIMEOUT', `no answer from upstream within ${deadlineMs} ms; nothing was changed, safe to retry`);
    }
  }

  const unknownAdvice = (route: RelayRoute) =>
    `no final answer within ${deadlineMs} ms: the ${route.action} may or may not have happened; list the device's passwords before retrying`;

  return (req, res) => {
    const started = now();
    handle(req, res, started).catch(() => {
      log?.warn?.('relay: unexpected error');
      if (res.headersSent) return void res.destroy();
      sendJson(res, 500, { error: { code: 'INTERNAL', message: 'internal error' } });
    });
  };
}
