/**
 * One JSON POST to the developer's relay over wx.request, for every relay client in the plugin (Tuya
 * temporary passwords, TTLock lockData and records). It checks the transport options, guards wx's own
 * timeout with a timer of ours (some fail callbacks never come), and turns the answer into the official
 * result shape: the relay's `{ error: { code, message } }` -> 10307, another HTTP status -> 10305, no
 * answer -> 10302. A 2xx body goes to the caller's `read`. Resolves, never rejects; no vendor secret
 * ever passes here, and nothing of the request body is echoed.
 */
import { systemClock } from './clock';
import { Code, LockError, type LockErrorOptions } from './errors';
import { TTLockError, errorResult } from './result';
import { isFunction, isNonNullObject, isNumber, isObject, isString } from './assert';

export interface RelayTransportOption {
  /** The relay endpoint (or base, for clients with several routes), http(s). */
  relayUrl: string;
  /** Extra request headers, typically the relay's own authorisation (never a vendor secret). */
  header?: Record<string, string>;
  /** wx.request timeout; default 15000 ms. */
  timeoutMs?: number;
}

export const DEFAULT_RELAY_TIMEOUT_MS = 15000;
/** Our own guard fires a little after wx's timeout, in case a fail callback never arrives. */
const GUARD_MARGIN_MS = 2000;

export function invalidOption(message: string): TTLockError {
  return errorResult(new LockError(Code.INVALID_OPTION, message));
}

/** Adds to `to` each of `fields` that `from` has (not undefined): the optional parts of a request body. */
export function copyDefined<F extends string>(to: Record<string, unknown>, from: Partial<Record<F, unknown>>, fields: readonly F[]): Record<string, unknown> {
  for (const f of fields) if (from[f] !== undefined) to[f] = from[f];
  return to;
}

/** The INVALID_OPTION answer for `problem` at once (nothing is sent), or, with no problem, `send()`. */
export function unlessInvalid<R>(problem: { message: string } | string | null, send: () => Promise<R>): Promise<R> {
  return problem ? Promise.resolve(invalidOption(isString(problem) ? problem : problem.message) as R) : send();
}

/** A relay failure as a result (every path here resolves, none throws). */
function failed(code: Code.CLOUD_REQUEST_FAILED | Code.CLOUD_HTTP_STATUS | Code.CLOUD_SERVER_ERROR, message: string, options?: LockErrorOptions): TTLockError {
  return errorResult(new LockError(code, message, options));
}

/** A 2xx answer that lacks what the route promises (`what`: "lockData", "a password id", ...). */
export function answeredWithout(what: string): TTLockError {
  return failed(Code.CLOUD_SERVER_ERROR, `relay answered without ${what}`);
}

/** The transport options' problem in words, or null. */
export function checkRelayTransport(option: RelayTransportOption): string | null {
  if (!isString(option.relayUrl) || !/^https?:\/\/[^\s]+$/.test(option.relayUrl)) {
    return '"relayUrl" expected an http(s) URL';
  }
  if (option.header !== undefined) {
    if (!isNonNullObject(option.header)) return '"header" expected an object';
    for (const key of Object.keys(option.header)) {
      if (!isString(option.header[key])) return `"header.${key}" expected a string`;
    }
  }
  const t = option.timeoutMs;
  if (t !== undefined && (!isNumber(t) || !Number.isFinite(t) || t <= 0)) {
    return '"timeoutMs" expected a positive number';
  }
  return null;
}

export type RelayBody = Record<string, unknown>;

/** The relay's JSON body; wx leaves it a string when it does not parse. null if it is not an object. */
function bodyOf(data: unknown): RelayBody | null {
  let value = data;
  if (isString(data)) {
    try {
      value = JSON.parse(data);
    } catch {
      return null;
    }
  }
  return isObject(value) ? (value as RelayBody) : null;
}

function resultOf<R extends TTLockError>(statusCode: number, data: unknown, read: (body: RelayBody) => R | TTLockError): R | TTLockError {
  const body = bodyOf(data);
  const err = body?.error as { code?: unknown; message?: unknown } | undefined;
  if (err && (isNumber(err.code) || isString(err.code))) {
    const code = isNumber(err.code) ? err.code : undefined;
    const message = isString(err.message) ? err.message : '';
    const text = `relay returned error ${err.code}${message ? `: ${message}` : ''}`;
    return failed(Code.CLOUD_SERVER_ERROR, text, { httpStatus: statusCode, remoteCode: code });
  }
  if (statusCode < 200 || statusCode >= 300) {
    return failed(Code.CLOUD_HTTP_STATUS, `relay answered HTTP ${statusCode}`, { httpStatus: statusCode });
  }
  if (body === null) return answeredWithout('a JSON object');
  return read(body);
}

/** The options of every relay call are an object; this is the problem's wording when they are not. */
export const NOT_AN_OBJECT = 'options expected an object';

/**
 * POSTs `data` as JSON to relayUrl + `route` (one trailing "/" of relayUrl or more dropped) and
 * resolves with `read(body)` on a 2xx answer, else an error result.
 */
export function postToRelay<R extends TTLockError>(
  route: string,
  option: RelayTransportOption,
  data: object,
  read: (body: RelayBody) => R | TTLockError,
  extraHeader: Record<string, string> = {},
): Promise<R | TTLockError> {
  if (typeof wx === 'undefined' || !isFunction(wx.request)) {
    return Promise.resolve(failed(Code.CLOUD_REQUEST_FAILED, 'no wx.request'));
  }
  const url = option.relayUrl.replace(/\/+$/, '') + route;
  const timeout = option.timeoutMs ?? DEFAULT_RELAY_TIMEOUT_MS;
  return new Promise((resolve) => {
    let settled = false;
    const settle = (result: R | TTLockError): void => {
      if (settled) return;
      settled = true;
      systemClock.clearTimeout(guard);
      resolve(result);
    };
    // the plugin's one clock (core/clock.ts, the runtime's too), so virtual time drives this guard as well
    const guard = systemClock.setTimeout(() => {
      settle(failed(Code.CLOUD_REQUEST_FAILED, `relay timed out after ${timeout} ms`));
    }, timeout + GUARD_MARGIN_MS);
    try {
      wx.request({
        url,
        method: 'POST',
        data,
        header: Object.assign({ 'content-type': 'application/json' }, option.header, extraHeader),
        dataType: 'json',
        timeout,
        success: (res) => settle(resultOf(res.statusCode, res.data, read)),
        fail: (err) => {
          const why = err && isString(err.errMsg) ? err.errMsg : 'request failed';
          settle(failed(Code.CLOUD_REQUEST_FAILED, `relay request failed: ${why}`));
        },
      });
    } catch (cause) {
      settle(failed(Code.CLOUD_REQUEST_FAILED, 'relay request not sent', { cause }));
    }
  });
}
