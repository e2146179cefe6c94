/**
 * `requestTempPassword`: asks the developer's relay (cloud/relay.ts) to create a Tuya temporary password.
 * The Tuya secret stays on that server; this side only validates, sends JSON over wx.request and turns
 * the answer into the TTLockError shape. The promise always resolves, never rejects.
 */
import { LockError } from '../core/errors';
import { TTLockError, errorResult, successResult } from '../core/result';
import {
  DEFAULT_PIN_LENGTH,
  PinLengthRule,
  TempPasswordFields,
  checkTempPasswordFields,
} from './temp-password-rules';

export type { TempPasswordFields, TempPasswordScheduleItem, PinLengthRule } from './temp-password-rules';

export interface TempPasswordOption extends TempPasswordFields {
  /** Full URL of the relay endpoint, e.g. "https://relay.example.com/temp-passwords". */
  relayUrl: string;
  /** Extra request headers, typically the relay's own authorisation (never the Tuya secret). */
  header?: Record<string, string>;
  /** wx.request timeout; default 15000 ms. */
  timeoutMs?: number;
  /** PIN lengths this lock accepts; default 6 to 10 digits. */
  pinLength?: PinLengthRule;
}

export interface TempPasswordResult extends TTLockError {
  /** Tuya's password id, present when errorCode is 0. */
  id?: string;
}

/** Longer than the relay's own deadline (10000 ms), so the relay answers first, even "outcome unknown". */
export const DEFAULT_RELAY_TIMEOUT_MS = 15000;
const DEFAULT_TIMEOUT_MS = DEFAULT_RELAY_TIMEOUT_MS;
/** Our own guard fires a little after wx's timeout, in case a fail callback never arrives. */
const GUARD_MARGIN_MS = 2000;
const FIELDS = ['deviceId', 'password', 'effectiveTime', 'invalidTime', 'type', 'phone', 'timeZone', 'schedule'] as const;

function invalid(message: string): TempPasswordResult {
  return errorResult(new LockError('INVALID_OPTION', message));
}

function checkTransportOptions(option: TempPasswordOption): string | null {
  if (typeof option.relayUrl !== 'string' || !/^https?:\/\/[^\s]+$/.test(option.relayUrl)) {
    return '"relayUrl" expected an http(s) URL';
  }
  if (option.header !== undefined) {
    if (typeof option.header !== 'object' || option.header === null) return '"header" expected an object';
    for (const key of Object.keys(option.header)) {
      if (typeof option.header[key] !== 'string') return `"header.${key}" expected a string`;
    }
  }
  const t = option.timeoutMs;
  if (t !== undefined && (typeof t !== 'number' || !Number.isFinite(t) || t <= 0)) {
    return '"timeoutMs" expected a positive number';
  }
  return null;
}

/** The relay's JSON body; wx leaves it a string when it does not parse. null if it is not JSON. */
function bodyOf(data: unknown): { error?: { code?: unknown; message?: unknown }; id?: unknown } | null {
  if (typeof data !== 'string') return data as ReturnType<typeof bodyOf>;
  try {
    return JSON.parse(data);
  } catch {
    return null;
  }
}

/** The relay's error body is `{ error: { code, message, tid? } }`; anything else counts as no code. */
function relayErrorOf(data: unknown): { code: string | number; message: string } | null {
  const err = bodyOf(data)?.error;
  if (!err || (typeof err.code !== 'number' && typeof err.code !== 'string')) return null;
  return { code: err.code, message: typeof err.message === 'string' ? err.message : '' };
}

function idOf(data: unknown): string | null {
  const id = bodyOf(data)?.id;
  return typeof id === 'string' && id.length > 0 ? id : typeof id === 'number' ? String(id) : null;
}

function resultOf(statusCode: number, data: unknown): TempPasswordResult {
  const relayError = relayErrorOf(data);
  if (relayError) {
    const code = typeof relayError.code === 'number' ? relayError.code : undefined;
    const text = `relay returned error ${relayError.code}${relayError.message ? `: ${relayError.message}` : ''}`;
    return errorResult(
      new LockError('CLOUD_SERVER_ERROR', text, { httpStatus: statusCode, remoteCode: code }),
    );
  }
  if (statusCode < 200 || statusCode >= 300) {
    return errorResult(
      new LockError('CLOUD_HTTP_STATUS', `relay answered HTTP ${statusCode}`, { httpStatus: statusCode }),
    );
  }
  const id = idOf(data);
  if (id === null) {
    return errorResult(new LockError('CLOUD_SERVER_ERROR', 'relay answered without a password id'));
  }
  return successResult({ id });
}

export function requestTempPassword(option: TempPasswordOption): Promise<TempPasswordResult> {
  if (typeof option !== 'object' || option === null) return Promise.resolve(invalid('options expected an object'));
  const transportProblem = checkTransportOptions(option);
  if (transportProblem) return Promise.resolve(invalid(transportProblem));
  const violation = checkTempPasswordFields(option, option.pinLength ?? DEFAULT_PIN_LENGTH);
  if (violation) return Promise.resolve(invalid(violation.message));
  if (typeof wx === 'undefined' || typeof wx.request !== 'function') {
    return Promise.resolve(
      errorResult(new LockError('CLOUD_REQUEST_FAILED', 'wx.request is not available')),
    );
  }

  const data: Record<string, unknown> = {};
  for (const field of FIELDS) if (option[field] !== undefined) data[field] = option[field];
  const timeout = option.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  return new Promise<TempPasswordResult>((resolve) => {
    let settled = false;
    const settle = (result: TempPasswordResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(guard);
      resolve(result);
    };
    const guard = setTimeout(() => {
      settle(errorResult(new LockError('CLOUD_REQUEST_FAILED', `relay request timed out after ${timeout} ms`)));
    }, timeout + GUARD_MARGIN_MS);
    try {
      wx.request({
        url: option.relayUrl,
        method: 'POST',
        data,
        header: Object.assign({ 'content-type': 'application/json' }, option.header),
        dataType: 'json',
        timeout,
        success: (res) => settle(resultOf(res.statusCode, res.data)),
        fail: (err) => {
          const why = err && typeof err.errMsg === 'string' ? err.errMsg : 'request failed';
          settle(errorResult(new LockError('CLOUD_REQUEST_FAILED', `relay request failed: ${why}`)));
        },
      });
    } catch (cause) {
      settle(errorResult(new LockError('CLOUD_REQUEST_FAILED', 'relay request could not be sent', { cause })));
    }
  });
}
