/**
 * The Tuya lock-password client (tuya-temp-password.md, tuya-password-lifecycle.md). This file wires the
 * shared mechanism (token cache, signing, the two retry disciplines) into a `ClientCore`; the operations
 * live in tuya-online-passwords.ts and tuya-offline-passwords.ts.
 *
 * Two disciplines: reads (token, ticket, list, detail, dynamic) get bounded back-off on 5xx, 1110/1111/1199
 * and network errors. Writes (create, modify, freeze, unfreeze, delete, clear, offline) are repeated only
 * when Tuya said it refused the request before doing anything (token 1010-1012, clock 1013); any other
 * doubt becomes an 'outcome-unknown' error, because a blind re-send can create a second password.
 */
import { randomUUID } from 'node:crypto';
import { DEFAULT_PIN_LENGTH, PinLengthRule } from '../plugin/tuya/temp-password-rules';
import { ApiCallContext, ApiCallSpec, TuyaLogger, callApi, createServerClock } from './api-call';
import { LockProtocol } from './delivery';
import { CLOCK_SKEW_CODE, TOKEN_CODES, TuyaError, isTuyaError } from './errors';
import { resolveBaseUrl } from './regions';
import { RetryPolicy, retrying } from './retry';
import { signRequest } from './sign';
import { TokenGrant, createTokenCache } from './token-cache';
import { Transport, createHttpsTransport } from './transport';
import type { SharedStore } from './stores/shared-store';
import { CallSpec, ClientCore } from './tuya-core';
import { OnlinePasswordOperations, onlinePasswordOperations } from './tuya-online-passwords';
import { OfflinePasswordOperations, offlinePasswordOperations } from './tuya-offline-passwords';

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
  /**
   * How each lock reaches the cloud, when you know it. It decides how `phase` is read (Zigbee's table differs
   * from Wi-Fi/BLE's; without it, Zigbee is recognised by its `delivery_status`) and whether a delete asks
   * the gateway to carry it (`ble_gateway`: `bluetooth_symbolic`).
   */
  lockProtocol?: (deviceId: string) => LockProtocol | undefined;
  /** Injection points for tests and benchmarks. */
  transport?: Transport;
  now?: () => number;
  nonce?: () => string;
  sleep?: (ms: number) => Promise<void>;
}

export interface TuyaClient extends OnlinePasswordOperations, OfflinePasswordOperations {
  /** Closes idle keep-alive connections. */
  close(): void;
}

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

  const safely = <T>(spec: ApiCallSpec): Promise<T> => retrying(spec.label, () => call<T>(spec), policy, sleep, options.logger);

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
    grant: async () => toGrant(await safely({ label: 'token', method: 'GET', path: '/v1.0/token', route: '/v1.0/token', query: { grant_type: 1 } })),
    refresh: async (refreshToken) =>
      toGrant(
        await safely({ label: 'refresh', method: 'GET', path: `/v1.0/token/${encodeURIComponent(refreshToken)}`, route: '/v1.0/token/{refresh_token}' }),
      ),
  });

  /**
   * A business call with one retry on a rejected token (Tuya did nothing); `repeatable` adds back-off. A
   * function spec is rebuilt for the retry, so a ticketed write gets a fresh ticket with the new token.
   */
  async function withToken<T>(spec: CallSpec | (() => Promise<CallSpec>), repeatable: boolean, onSend?: (sending: boolean) => void): Promise<T> {
    for (let renewed = false; ; renewed = true) {
      onSend?.(false);
      const made = typeof spec === 'function' ? await spec() : spec;
      const accessToken = await tokens.get();
      try {
        const authed = { ...made, accessToken };
        onSend?.(true);
        return await (repeatable ? safely<T>(authed) : call<T>(authed));
      } catch (err) {
        if (renewed || !(isTuyaError(err) && err.code !== undefined && TOKEN_CODES.has(err.code))) throw err;
        options.logger?.warn?.(`tuya ${made.label}: token rejected (${err.code}), getting a new one`);
        tokens.invalidate(accessToken);
      }
    }
  }

  const core: ClientCore = {
    read: (spec) => withToken(spec, true),
    write: async (spec, label) => {
      // Only the write itself can leave an unknown outcome; a failed ticket or token call created nothing.
      let sent = false;
      try {
        return await withToken(spec, false, (sending) => (sent = sending));
      } catch (err) {
        throw sent ? asWriteFailure(label ?? (typeof spec === 'function' ? 'write' : spec.label), err) : err;
      }
    },
    accessSecret: options.accessSecret,
    pinLength: options.pinLength ?? DEFAULT_PIN_LENGTH,
    now: clock.now,
    localNow: options.now ?? Date.now,
    sleep,
    protocolOf: (deviceId) => options.lockProtocol?.(deviceId),
    logger: options.logger,
  };

  return {
    ...onlinePasswordOperations(core),
    ...offlinePasswordOperations(core),
    close: () => https?.close(),
  };
}

/** After a write may have reached Tuya, only a definite Tuya answer is a plain failure. */
export function asWriteFailure(label: string, err: unknown): unknown {
  if (!isTuyaError(err)) return err;
  const maybeDone =
    err.kind === 'outcome-unknown' ||
    (err.kind === 'api' && err.code === 500) ||
    (err.kind === 'http' && (err.httpStatus ?? 0) >= 500) ||
    err.kind === 'protocol';
  if (!maybeDone) return err;
  return new TuyaError('outcome-unknown', `${label} outcome unknown (${err.message}); read the password list before retrying`, {
    code: err.code,
    msg: err.msg,
    tid: err.tid,
    httpStatus: err.httpStatus,
    cause: err,
  });
}
