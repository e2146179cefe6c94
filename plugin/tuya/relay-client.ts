/**
 * `requestTempPassword`: asks the developer's relay (cloud/relay.ts) to create a Tuya temporary password.
 * The Tuya secret stays on that server; this side only validates, sends JSON over wx.request and turns
 * the answer into the TTLockError shape. The promise always resolves, never rejects.
 */
import { LockError } from '../core/errors';
import { TTLockError, errorResult, successResult } from '../core/result';
import { RelayBody, RelayTransportOption, checkRelayTransport, invalidOption, postToRelay } from '../core/relay-request';
import {
  DEFAULT_PIN_LENGTH,
  PinLengthRule,
  TempPasswordFields,
  checkTempPasswordFields,
} from './temp-password-rules';

export type { TempPasswordFields, TempPasswordScheduleItem, PinLengthRule } from './temp-password-rules';

export interface TempPasswordOption extends TempPasswordFields, RelayTransportOption {
  /** Full URL of the relay endpoint, e.g. "https://relay.example.com/temp-passwords". */
  relayUrl: string;
  /** PIN lengths this lock accepts; default 6 to 10 digits. */
  pinLength?: PinLengthRule;
}

export interface TempPasswordResult extends TTLockError {
  /** Tuya's password id, present when errorCode is 0. */
  id?: string;
}

const FIELDS = ['deviceId', 'password', 'effectiveTime', 'invalidTime', 'type', 'phone', 'timeZone', 'schedule'] as const;

function idOf(body: RelayBody): string | null {
  const id = body.id;
  return typeof id === 'string' && id.length > 0 ? id : typeof id === 'number' ? String(id) : null;
}

export function requestTempPassword(option: TempPasswordOption): Promise<TempPasswordResult> {
  if (typeof option !== 'object' || option === null) return Promise.resolve(invalidOption('options expected an object'));
  const transportProblem = checkRelayTransport(option);
  if (transportProblem) return Promise.resolve(invalidOption(transportProblem));
  const violation = checkTempPasswordFields(option, option.pinLength ?? DEFAULT_PIN_LENGTH);
  if (violation) return Promise.resolve(invalidOption(violation.message));
  const data: Record<string, unknown> = {};
  for (const field of FIELDS) if (option[field] !== undefined) data[field] = option[field];
  return postToRelay<TempPasswordResult>(option.relayUrl, option, data, (body) => {
    const id = idOf(body);
    return id === null ? errorResult(new LockError('CLOUD_SERVER_ERROR', 'relay answered without a password id')) : successResult({ id });
  });
}
