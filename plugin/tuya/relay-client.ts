/**
 * The plugin's side of the Tuya relay (cloud/relay.ts): every call validates its options, POSTs JSON to
 * one relay route over wx.request (plugin/core/relay-request.ts) and resolves the TTLockError shape,
 * never rejects. The Tuya secret stays on the relay. `relayUrl` is the create endpoint
 * ("https://relay.example.com/temp-passwords"); the other operations post to "<relayUrl>/list" etc.
 * For a change (create, modify, freeze, delete, offline code), "no answer" is not "not done": such
 * results carry `outcome: 'unknown'` and say to list the device's passwords before retrying.
 */
import { TTLockError, successResult } from '../core/result';
import { DEFAULT_RELAY_TIMEOUT_MS, RelayBody, RelayTransportOption, NOT_AN_OBJECT, answeredWithout, checkRelayTransport, copyDefined, postToRelay, unlessInvalid } from '../core/relay-request';
import { DEFAULT_PIN_LENGTH, PinLengthRule, TempPasswordFields, checkTempPasswordFields } from './temp-password-rules';
import { isNonNullObject, isNumber, isString } from '../core/assert';

export type { TempPasswordFields, TempPasswordScheduleItem, PinLengthRule } from './temp-password-rules';
export { DEFAULT_RELAY_TIMEOUT_MS };

/** How to reach the relay, common to every Tuya operation. */
export interface TuyaRelayOption extends RelayTransportOption {
  /** Sent as `Idempotency-Key`: a repeat with the same key gets the first answer instead of a second change. */
  idempotencyKey?: string;
}

export type TuyaPasswordState = 'pending' | 'active' | 'frozen' | 'revoking' | 'revoked' | 'failed';

/** Added to a failed change whose effect is unknown (no answer, or the relay's OUTCOME_UNKNOWN). */
export interface OutcomeUnknown {
  outcome?: 'unknown';
}

export interface TempPasswordOption extends TempPasswordFields, TuyaRelayOption {
  /** PIN lengths this lock accepts; default 6 to 10 digits. */
  pinLength?: PinLengthRule;
}

export interface TempPasswordResult extends TTLockError, OutcomeUnknown {
  /** Tuya's password id, present when errorCode is 0. */
  id?: string;
  /** What Tuya's acceptance means so far: `pending` until the lock has it. */
  state?: TuyaPasswordState;
}

const CREATE_FIELDS = ['deviceId', 'password', 'effectiveTime', 'invalidTime', 'type', 'phone', 'timeZone', 'schedule'] as const;
const IDEMPOTENCY_KEY = /^[A-Za-z0-9_\-.:]{1,128}$/;
const UNKNOWN_ADVICE = "outcome unknown: list the device's passwords before retrying";

/** Checks the transport and the idempotency key; a PIN that is not a string is described by type only. */
export function checkRelayOption(option: unknown): string | null {
  if (!isNonNullObject(option)) return NOT_AN_OBJECT;
  const o = option as TuyaRelayOption & { password?: unknown };
  const transport = checkRelayTransport(o);
  if (transport) return transport;
  if (o.idempotencyKey !== undefined && (!isString(o.idempotencyKey) || !IDEMPOTENCY_KEY.test(o.idempotencyKey))) {
    return '"idempotencyKey" expected 1-128 of A-Z a-z 0-9 _ - . :';
  }
  if ('password' in o && o.password !== undefined && !isString(o.password)) {
    return `"password" expected a string, got ${o.password === null ? 'null' : typeof o.password}`;
  }
  return null;
}

/** Marks a failed change as "outcome unknown" when no answer came or the relay said so. */
function withOutcome<R extends TTLockError & OutcomeUnknown>(result: R | TTLockError, change: boolean): R | TTLockError {
  if (!change || result.errorCode === 0) return result;
  const unknown = /OUTCOME_UNKNOWN/.test(result.description) || (result.errorCode === 10302 && /time(d)? ?out/i.test(result.description));
  if (!unknown) return result;
  const description = result.description.includes(UNKNOWN_ADVICE) ? result.description : `${result.description}; ${UNKNOWN_ADVICE}`;
  return Object.assign({}, result, { description, outcome: 'unknown' as const });
}

/**
 * One call of a Tuya relay route: `route` is appended to relayUrl ("" for create), `data` is the body
 * (already validated), `read` turns a 2xx body into the result.
 */
export function callTuyaRelay<R extends TTLockError>(
  option: TuyaRelayOption,
  route: string,
  data: object,
  change: boolean,
  read: (body: RelayBody) => R | TTLockError,
): Promise<R | TTLockError> {
  const extra: Record<string, string> = option.idempotencyKey ? { 'Idempotency-Key': option.idempotencyKey } : {};
  return postToRelay(route, option, data, read, extra).then((result) => withOutcome(result, change));
}

export { unlessInvalid };

/** Reads `{ id, state? }`, the answer of every change to one password. */
export function readChange(body: RelayBody): TempPasswordResult | TTLockError {
  const id = body.id;
  if ((!isString(id) || id === '') && !isNumber(id)) {
    return answeredWithout('a password id');
  }
  const result: TempPasswordResult = successResult({ id: String(id) });
  if (isString(body.state)) result.state = body.state as TuyaPasswordState;
  return result;
}

export function requestTempPassword(option: TempPasswordOption): Promise<TempPasswordResult> {
  const problem = checkRelayOption(option) ?? checkTempPasswordFields(option, option.pinLength ?? DEFAULT_PIN_LENGTH);
  return unlessInvalid(problem, () => {
    const data = copyDefined({}, option, CREATE_FIELDS);
    return callTuyaRelay<TempPasswordResult>(option, '', data, true, readChange);
  });
}
