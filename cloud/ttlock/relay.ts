/**
 * The TTLock relay: a node:http handler the developer mounts on their own server so the mini-program
 * can get admin lockData and record passcodes (and a back office can use the gateway and random codes)
 * without holding the TTLock client secret or account password. The machinery (authenticate before
 * the body, strict JSON, authorize on the parsed intent, deadlines, idempotency) is the shared relay
 * core; this file adds the TTLock routes and maps TTLockError onto answers.
 */
import { RelayCoreOptions, RelayFailure, RelayHostOptions, RelayHandler, RelayIntent, RelayRoute, createRelayCore } from '../relay-core';
import type { TTLockLogger } from './call';
import { isTTLockError } from './errors';
import { TTLockRelayClient, ttlockRoutes } from './relay-routes';

export type { TTLockRelayClient } from './relay-routes';

/** The core's hooks, store and limits (RelayHostOptions), plus the TTLock client. */
export interface TTLockRelayOptions<P = unknown> extends RelayHostOptions<P> {
  client: TTLockRelayClient;
  /**
   * After validation: may this principal do `intent`? Check that they may use `intent.lockId` (and, for
   * the lock-data route, that they may manage it: lockData opens every admin operation). Only `true` allows.
   */
  authorize: (principal: P, intent: RelayIntent) => unknown;
  /** Base path; default "/ttlock" (routes "/ttlock/lock-data", "/ttlock/passcodes/record", ...). */
  path?: string;
  /**
   * Arrival to answer; default 30000 ms, because gateway writes take 3 to 8 s each and wait their turn.
   * Callers of the gateway routes need a longer timeout than that; lock-data and record answer in ~1 s.
   */
  deadlineMs?: number;
  logger?: TTLockLogger;
}

/** TTLockError -> answer. Only a write whose outcome stayed unknown (or failed unexplained) may hide a change. */
export function describeTTLockError(err: unknown, route: RelayRoute): RelayFailure {
  if (!isTTLockError(err)) {
    return route.mutates
      ? { status: 500, code: 'OUTCOME_UNKNOWN', message: `internal error: the ${route.action} may or may not have happened; list before retrying`, outcomeUnknown: true }
      : { status: 500, code: 'INTERNAL', message: 'internal error' };
  }
  if (err.kind === 'validation') return { status: 400, code: 'INVALID_FIELD', message: err.message, extra: err.field ? { field: err.field } : {} };
  if (err.kind === 'outcome-unknown') {
    return { status: 504, code: 'OUTCOME_UNKNOWN', message: `TTLock may or may not have done the ${route.action}; list the lock's passcodes before retrying`, outcomeUnknown: true };
  }
  if (err.code !== undefined) {
    // 30006 refused the call before anything was done: the caller learns how long to wait before sending it again.
    const wait = err.retryAfterMs !== undefined ? { retryAfterMs: err.retryAfterMs } : {};
    return { status: 502, code: err.code, message: err.advice ?? 'TTLock refused the request', extra: { kind: err.kind, ...wait } };
  }
  if (err.kind === 'permission' || err.kind === 'gateway-offline') {
    return { status: 502, code: err.kind.toUpperCase().replace('-', '_'), message: err.message, extra: { kind: err.kind } };
  }
  return { status: 502, code: 'UPSTREAM_UNAVAILABLE', message: `TTLock could not be reached (${err.kind}); nothing was changed` };
}

const CLIENT_METHODS: ReadonlyArray<keyof TTLockRelayClient> = ['getAdminLockData', 'recordPasscode', 'listPasscodes'];

export function createTTLockRelayHandler<P = unknown>(options: TTLockRelayOptions<P>): RelayHandler {
  for (const m of CLIENT_METHODS) {
    if (typeof options?.client?.[m] !== 'function') throw new TypeError('createTTLockRelayHandler: "client" is required (createTTLockClient)');
  }
  const core: RelayCoreOptions<P> = {
    ...options,
    routes: ttlockRoutes(options.client),
    basePath: options.path ?? '/ttlock',
    describeError: describeTTLockError,
    deadlineMs: options.deadlineMs ?? 30000,
  };
  return createRelayCore(core);
}
