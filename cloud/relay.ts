/**
 * The Tuya relay: a node:http handler the developer mounts on their own server so the mini-program can
 * manage Tuya lock passwords without ever holding the Tuya secret. The generic machinery (hooks, limits,
 * strict JSON, deadlines, idempotency) lives in relay-core.ts; this file adds the Tuya route table and
 * maps TuyaError onto answers. Every failure answers `{ error: { code, message, field?, tid? } }`, where
 * `code` is Tuya's number when Tuya refused, or one of the relay's own words. The PIN is never echoed.
 */
import { DEFAULT_PIN_LENGTH, PinLengthRule } from '../plugin/tuya/temp-password-rules';
import { TuyaLogger } from './api-call';
import { isTuyaError } from './errors';
import { RelayCoreOptions, RelayFailure, RelayHostOptions, RelayHandler, RelayRoute, createRelayCore } from './relay-core';
import { TuyaRelayClient, tuyaRoutes } from './relay-tuya-routes';

export type { RelayIntent } from './relay-core';
export { RELAY_DEFAULT_DEADLINE_MS } from './relay-core';
export type { TuyaRelayClient } from './relay-tuya-routes';

/** The core's hooks, store and limits (RelayHostOptions), plus the Tuya client and rules. */
export interface RelayOptions<P = unknown> extends RelayHostOptions<P> {
  client: TuyaRelayClient;
  /** Base path; default "/temp-passwords" (create), with "/list", "/get", ... below it. */
  path?: string;
  pinLength?: PinLengthRule;
  logger?: TuyaLogger;
}

export type RelayErrorCode =
  | 'NOT_FOUND'
  | 'METHOD_NOT_ALLOWED'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'HOOK_FAILED'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'BODY_TOO_LARGE'
  | 'BODY_TIMEOUT'
  | 'INVALID_JSON'
  | 'DUPLICATE_KEY'
  | 'FORBIDDEN_KEY'
  | 'NOT_AN_OBJECT'
  | 'INVALID_FIELD'
  | 'INVALID_IDEMPOTENCY_KEY'
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'IN_PROGRESS'
  | 'DEADLINE'
  | 'OUTCOME_UNKNOWN'
  | 'UPSTREAM_TIMEOUT'
  | 'UPSTREAM_UNAVAILABLE'
  | 'INTERNAL';

const CLIENT_METHODS: ReadonlyArray<keyof TuyaRelayClient> = ['createTempPassword'];

/** TuyaError → answer. Only an 'outcome-unknown' (or an unexplained failure of a change) may hide a change. */
export function describeTuyaError(err: unknown, route: RelayRoute): RelayFailure {
  if (!isTuyaError(err)) {
    return route.mutates
      ? { status: 500, code: 'OUTCOME_UNKNOWN', message: `internal error: the ${route.action} may or may not have happened; list before retrying`, outcomeUnknown: true }
      : { status: 500, code: 'INTERNAL', message: 'internal error' };
  }
  if (err.kind === 'validation') return { status: 400, code: 'INVALID_FIELD', message: err.message, extra: err.field ? { field: err.field } : {} };
  if (err.kind === 'outcome-unknown') {
    return {
      status: 504,
      code: 'OUTCOME_UNKNOWN',
      message: `Tuya may or may not have done the ${route.action}; list the device's passwords before retrying`,
      outcomeUnknown: true,
    };
  }
  if (err.code !== undefined) {
    return { status: 502, code: err.code, message: err.msg ?? 'Tuya refused the request', extra: err.tid ? { tid: err.tid } : {} };
  }
  return { status: 502, code: 'UPSTREAM_UNAVAILABLE', message: `Tuya could not be reached (${err.kind}); nothing was changed` };
}

export function createRelayHandler<P = unknown>(options: RelayOptions<P>): RelayHandler {
  if (typeof (options as { authenticate?: unknown })?.authenticate !== 'function') {
    throw new TypeError('createRelayHandler: "authenticate(req)" is required (authorize(req) became authenticate(req) + authorize(principal, intent))');
  }
  for (const m of CLIENT_METHODS) {
    if (typeof options.client?.[m] !== 'function') throw new TypeError('createRelayHandler: "client" is required (createTuyaClient)');
  }
  const core: RelayCoreOptions<P> = {
    ...options,
    routes: tuyaRoutes(options.client, options.pinLength ?? DEFAULT_PIN_LENGTH),
    basePath: options.path ?? '/temp-passwords',
    describeError: describeTuyaError,
  };
  return createRelayCore(core);
}
