/**
 * The Tuya temporary-password client (tuya-temp-password.md §0-§4, §7, §9). Token and ticket calls are
 * safe to repeat, so they get bounded back-off on 5xx, 1110/1111 and network errors. The create call is
 * repeated only when Tuya said it rejected the request before doing anything (token 1010-1012, clock
 * 1013), and always with a fresh ticket; any other doubt becomes an 'outcome-unknown' error.
 */
import { randomUUID } from 'node:crypto';
import {
  DEFAULT_PIN_LENGTH,
  PinLengthRule,
  TempPasswordFields,
  checkTempPasswordFields,
} from '../plugin/tuya/temp-password-rules';
import { ApiCallContext, ApiCallSpec, TuyaLogger, callApi, createServerClock } from './api-call';
import { DeliveryOutcome, TempPasswordDetail, parseDetail, pollDelivery } from './delivery';
import { CLOCK_SKEW_CODE, TOKEN_CODES, TuyaError, isTuyaError } from './errors';
import { resolveBaseUrl } from './regions';
import { RetryPolicy, retrying } from './retry';
import { signRequest } from './sign';
import { encryptPinWithTicket } from './ticket-crypto';
import { TokenGrant, createTokenCache } from './token-cache';
import { Transport, createHttpsTransport } from './transport';
import { toCreateBody } from './create-body';
import type { SharedStore } from './stores/shared-store';

export interface TuyaClientOptions {
  /** Either a full https origin (tests, proxies) or a region name such as "eu" (see regions.ts). */
  baseUrl?: string;
  region?: string;
  accessId: string;
  accessSecret: string;
  /** Extra CA certificate(s) to trust, in addition to Node's bundled roots. */
  ca?: string | Buffer | Array<string | Buffer>;
  /** Per-request timeout; default 10000 ms. */
  timeoutMs?: number;
  logger?: TuyaLogger;
  /** PIN lengths the locks accept; default 6 to 10 digits. */
  pinLength?: PinLengthRule;
  retry?: Partial<RetryPolicy>;
  /** Refresh the token this long before it expires; default 60000 ms. */
  tokenRefreshMarginMs?: number;
  /** Where the token lives; share one Redis store across relay processes (cloud/stores). Default: this process. */
  tokenStore?: SharedStore;
  /** Injection points for tests and benchmarks. */
  transport?: Transport;
  now?: () => number;
  nonce?: () => string;
  sleep?: (ms: number) => Promise<void>;
}

export interface TuyaClient {
  createTempPassword(input: TempPasswordFields): Promise<{ id: string }>;
  getTempPassword(deviceId: string, id: string): Promise<TempPasswordDetail>;
  waitForDelivery(deviceId: string, id: string, options?: { timeoutMs?: number; intervalMs?: number }): Promise<DeliveryOutcome>;
  /** Closes idle keep-alive connections. */
  close(): void;
}

const SAFE_ID = /^[A-Za-z0-9_-]{1,64}$/;

function checkCredentials(options: TuyaClientOptions): void {
  if (typeof options.accessId !== 'string' || !/^[A-Za-z0-9]{1,64}$/.test(options.accessId)) {
    throw new TuyaError('config', 'accessId expected 1 to 64 letters or digits', { field: 'accessId' });
  }
  if (typeof options.accessSecret !== 'string' || Buffer.byteLength(options.accessSecret, 'utf8') !== 32) {
    throw new TuyaError('config', 'accessSecret expected 32 characters', { field: 'accessSecret' });
  }
}

export function createTuyaClient(options: TuyaClientOptions): TuyaClient {
  checkCredentials(options);
  const baseUrl = resolveBaseUrl(options);
  const pinLength = options.pinLength ?? DEFAULT_PIN_LENGTH;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const policy: RetryPolicy = { attempts: 3, baseDelayMs: 250, maxDelayMs: 2000, ...options.retry };
  const https = options.transport ? null : createHttpsTransport({ ca: options.ca, timeoutMs: options.timeoutMs ?? 10000 });
  const clock = createServerClock(options.now ?? Date.now);
  const ctx: ApiCallContext = {
    baseUrl,
    accessId: options.accessId,
    accessSecret: options.accessSecret,
    transport: options.transport ?? https!.send,
    sign: signRequest,
    nonce: options.nonce ?? randomUUID,
    clock,
    logger: options.logger,
  };

  /** 1013 means the request was refused before anything happened; callApi has learned the offset. */
  async function call<T>(spec: ApiCallSpec): Promise<T> {
    try {
      return await callApi<T>(ctx, spec);
    } catch (err) {
      if (!(isTuyaError(err) && err.code === CLOCK_SKEW_CODE)) throw err;
      options.logger?.warn?.(`tuya ${spec.label}: clock skew (1013), retrying with the server's time`);
      return callApi<T>(ctx, spec);
    }
  }

  const safely = <T>(spec: ApiCallSpec): Promise<T> =>
    retrying(spec.label, () => call<T>(spec), policy, sleep, options.logger);

  const toGrant = (r: { access_token?: unknown; refresh_token?: unknown; expire_time?: unknown }): TokenGrant => {
    if (typeof r?.access_token !== 'string' || typeof r.expire_time !== 'number') {
      throw new TuyaError('protocol', 'token answer lacks access_token or expire_time');
    }
    const refreshToken = typeof r.refresh_token === 'string' ? r.refresh_token : '';
    return { accessToken: r.access_token, refreshToken, expiresInSec: r.expire_time };
  };
  const tokens = createTokenCache({
    now: clock.now,
    refreshMarginMs: options.tokenRefreshMarginMs ?? 60000,
    store: options.tokenStore,
    storeKey: `tuya:${options.accessId}:token`,
    grant: async () =>
      toGrant(await safely({ label: 'token', method: 'GET', path: '/v1.0/token', route: '/v1.0/token', query: { grant_type: 1 } })),
    refresh: async (refreshToken) =>
      toGrant(
        await safely({
          label: 'refresh',
          method: 'GET',
          path: `/v1.0/token/${encodeURIComponent(refreshToken)}`,
          route: '/v1.0/token/{refresh_token}',
        }),
      ),
  });

  /** A business call with one retry on a rejected token; `repeatable` adds back-off on busy errors. */
  async function withToken<T>(spec: ApiCallSpec, repeatable: boolean): Promise<T> {
    for (let renewed = false; ; renewed = true) {
      const accessToken = await tokens.get();
      try {
        const authed = { ...spec, accessToken };
        return await (repeatable ? safely<T>(authed) : call<T>(authed));
      } catch (err) {
        if (renewed || !(isTuyaError(err) && err.code !== undefined && TOKEN_CODES.has(err.code))) throw err;
        options.logger?.warn?.(`tuya ${spec.label}: token rejected (${err.code}), getting a new one`);
        tokens.invalidate(accessToken);
      }
    }
  }

  function checkIds(deviceId: string, id?: string): void {
    if (typeof deviceId !== 'string' || !SAFE_ID.test(deviceId)) {
      throw new TuyaError('validation', '"deviceId" expected 1 to 64 letters, digits, "_" or "-"', { field: 'deviceId' });
    }
    if (id !== undefined && (typeof id !== 'string' || !SAFE_ID.test(id))) {
      throw new TuyaError('validation', '"id" expected 1 to 64 letters, digits, "_" or "-"', { field: 'id' });
    }
  }

  async function createTempPassword(input: TempPasswordFields): Promise<{ id: string }> {
    const bad = checkTempPasswordFields(input, pinLength);
    if (bad) throw new TuyaError('validation', bad.message, { field: bad.field });
    const device = `/v1.0/devices/${input.deviceId}/door-lock`;
    // A rejected create gets exactly one more attempt, with a new ticket (tickets are single-use).
    for (let attempt = 1; ; attempt++) {
      const ticket = await withToken<{ ticket_id?: unknown; ticket_key?: unknown }>(
        { label: 'ticket', method: 'POST', path: `${device}/password-ticket`, route: '/v1.0/devices/{device_id}/door-lock/password-ticket', body: {} },
        true,
      );
      if (typeof ticket?.ticket_id !== 'string' || typeof ticket.ticket_key !== 'string') {
        throw new TuyaError('protocol', 'ticket answer lacks ticket_id or ticket_key');
      }
      const body = toCreateBody(input, encryptPinWithTicket(input.password, ticket.ticket_key, options.accessSecret), ticket.ticket_id);
      const accessToken = await tokens.get();
      try {
        const result = await call<{ id?: unknown }>({
          label: 'create',
          method: 'POST',
          path: `/v2.0/devices/${input.deviceId}/door-lock/temp-password`,
          route: '/v2.0/devices/{device_id}/door-lock/temp-password',
          body,
          accessToken,
        });
        if (typeof result?.id !== 'string' && typeof result?.id !== 'number') {
          throw new TuyaError('outcome-unknown', 'create succeeded without a password id; check the list before retrying');
        }
        return { id: String(result.id) };
      } catch (err) {
        // A rejected token means Tuya did nothing: renew it and start over with a new ticket.
        const tokenRejected = isTuyaError(err) && err.kind === 'api' && err.code !== undefined && TOKEN_CODES.has(err.code);
        if (!tokenRejected || attempt >= 2) throw asCreateFailure(err);
        options.logger?.warn?.(`tuya create: token rejected (${(err as TuyaError).code}), retrying with a new token and ticket`);
        tokens.invalidate(accessToken);
      }
    }
  }

  async function getTempPassword(deviceId: string, id: string): Promise<TempPasswordDetail> {
    checkIds(deviceId, id);
    const path = `/v1.0/devices/${deviceId}/door-lock/temp-password/${id}`;
    const route = '/v1.0/devices/{device_id}/door-lock/temp-password/{password_id}';
    return parseDetail(id, await withToken({ label: 'detail', method: 'GET', path, route }, true));
  }

  return {
    createTempPassword,
    getTempPassword,
    async waitForDelivery(deviceId, id, wait = {}) {
      checkIds(deviceId, id);
      const now = options.now ?? Date.now;
      return pollDelivery(() => getTempPassword(deviceId, id), {
        timeoutMs: wait.timeoutMs ?? 25000,
        intervalMs: wait.intervalMs ?? 2000,
        now,
        sleep,
      });
    },
    close: () => https?.close(),
  };
}

/** After the create request may have reached Tuya, only a definite Tuya answer is a plain failure. */
function asCreateFailure(err: unknown): unknown {
  if (!isTuyaError(err)) return err;
  const maybeDone =
    (err.kind === 'api' && err.code === 500) ||
    (err.kind === 'http' && (err.httpStatus ?? 0) >= 500) ||
    err.kind === 'protocol';
  if (!maybeDone) return err;
  return new TuyaError('outcome-unknown', `create outcome unknown (${err.message}); check the password list before retrying`, {
    code: err.code,
    msg: err.msg,
    tid: err.tid,
    httpStatus: err.httpStatus,
    cause: err,
  });
}
