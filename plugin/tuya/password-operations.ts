/**
 * The rest of a Tuya password's life through the relay: list, modify, freeze, unfreeze, delete, offline
 * codes and the dynamic code. Each validates before anything is sent (the message names the field and
 * never holds a PIN) and resolves the TTLockError shape with the delivery state the relay reported.
 */
import { systemClock } from '../core/clock';
import { TTLockError, successResult } from '../core/result';
import { copyDefined, type RelayBody } from '../core/relay-request';
import { OfflineKind, checkListOptions, checkModifyFields, checkOfflinePasswordFields } from './password-lifecycle-rules';
import {
  OutcomeUnknown,
  TempPasswordResult,
  TuyaPasswordState,
  TuyaRelayOption,
  callTuyaRelay,
  checkRelayOption,
  readChange,
  unlessInvalid,
} from './relay-client';
import { DEFAULT_PIN_LENGTH, PinLengthRule, RuleViolation, checkIdentifier } from './temp-password-rules';
import { isNonNullObject, isNumber, isString } from '../core/assert';

export interface DeviceOption extends TuyaRelayOption {
  deviceId: string;
}

export interface PasswordOption extends DeviceOption {
  /** The password id Tuya gave at creation. */
  passwordId: string;
}

export interface TempPasswordItem {
  id: string;
  state: TuyaPasswordState;
  /** Why a password is `failed`: duplicate, storage-full, overlap, sending-failed. */
  reason?: string;
  name?: string;
  effectiveTime?: number;
  invalidTime?: number;
  /** The window has ended: the lock refuses the PIN whatever the state. */
  expired?: boolean;
}

export interface ListTempPasswordsResult extends TTLockError {
  passwords?: TempPasswordItem[];
}

export interface ModifyTempPasswordOption extends PasswordOption {
  password: string;
  effectiveTime: number;
  invalidTime: number;
  name?: string;
  pinLength?: PinLengthRule;
}

export interface OfflinePasswordOption extends DeviceOption {
  kind: OfflineKind;
  effectiveTime?: number;
  invalidTime?: number;
  /** For `clear_one`: the offline code's id. */
  passwordId?: string;
  name?: string;
}

export interface OfflinePasswordResult extends TTLockError, OutcomeUnknown {
  id?: string;
  kind?: OfflineKind;
  /** The code for the guest. Show it to the right person only; never log it. */
  code?: string;
  /** The window Tuya applied (rounded down to the hour), epoch ms. */
  effectiveTime?: number;
  invalidTime?: number;
  /** What the guest will experience, in plain words. */
  guestNotes?: string[];
}

export interface DynamicPasswordResult extends TTLockError {
  code?: string;
}

function checkDevice(option: unknown, withPassword: boolean): RuleViolation | string | null {
  const o = option as PasswordOption;
  return checkRelayOption(option) ?? checkIdentifier('deviceId', o.deviceId) ?? (withPassword ? checkIdentifier('passwordId', o.passwordId) : null);
}

/** Copies the string fields and the finite-number fields of a relay answer that are present and well typed. */
function copyTyped<T extends object>(to: T, from: Record<string, unknown>, strings: readonly string[], numbers: readonly string[]): T {
  const out = to as Record<string, unknown>;
  for (const f of strings) if (isString(from[f])) out[f] = from[f];
  for (const f of numbers) if (isNumber(from[f]) && Number.isFinite(from[f])) out[f] = from[f];
  return to;
}

const WINDOW = ['effectiveTime', 'invalidTime'] as const;

function readList(body: RelayBody): ListTempPasswordsResult {
  const raw = Array.isArray(body.passwords) ? body.passwords : [];
  const passwords: TempPasswordItem[] = [];
  for (const item of raw) {
    const p = (isNonNullObject(item) ? item : {}) as Record<string, unknown>;
    if (!isString(p.id) || !isString(p.state)) continue;
    const out = copyTyped<TempPasswordItem>({ id: p.id, state: p.state as TuyaPasswordState }, p, ['reason', 'name'], WINDOW);
    if (p.expired === true) out.expired = true;
    passwords.push(out);
  }
  return successResult({ passwords });
}

export function listTempPasswords(option: DeviceOption & { valid?: boolean }): Promise<ListTempPasswordsResult> {
  return unlessInvalid(checkDevice(option, false) ?? checkListOptions({ valid: option.valid }), () => {
    const data = copyDefined({ deviceId: option.deviceId }, option, ['valid']);
    return callTuyaRelay(option, '/list', data, false, readList);
  });
}

function changeOne(route: string) {
  return (option: PasswordOption): Promise<TempPasswordResult> => {
    return unlessInvalid(checkDevice(option, true), () =>
      callTuyaRelay<TempPasswordResult>(option, route, { deviceId: option.deviceId, passwordId: option.passwordId }, true, readChange),
    );
  };
}

export const freezeTempPassword = changeOne('/freeze');
export const unfreezeTempPassword = changeOne('/unfreeze');
/** Resolves `state: 'revoking'` until the lock has really forgotten the PIN (list to follow it). */
export const deleteTempPassword = changeOne('/delete');

export function modifyTempPassword(option: ModifyTempPasswordOption): Promise<TempPasswordResult> {
  return unlessInvalid(checkDevice(option, true) ?? checkModifyFields(option, option.pinLength ?? DEFAULT_PIN_LENGTH, systemClock.now()), () => {
    const data = copyDefined(
      {
        deviceId: option.deviceId,
        passwordId: option.passwordId,
        password: option.password,
        effectiveTime: option.effectiveTime,
        invalidTime: option.invalidTime,
      },
      option,
      ['name'],
    );
    return callTuyaRelay<TempPasswordResult>(option, '/modify', data, true, readChange);
  });
}

function readOffline(body: RelayBody): OfflinePasswordResult {
  const out = copyTyped<OfflinePasswordResult>(successResult({}), body, ['id', 'kind', 'code'], WINDOW);
  if (Array.isArray(body.guestNotes)) out.guestNotes = body.guestNotes.filter(isString);
  return out;
}

export function createOfflinePassword(option: OfflinePasswordOption): Promise<OfflinePasswordResult> {
  const fields = { kind: option.kind, effectiveTime: option.effectiveTime, invalidTime: option.invalidTime, passwordId: option.passwordId, name: option.name };
  return unlessInvalid(checkDevice(option, false) ?? checkOfflinePasswordFields(fields, systemClock.now()), () => {
    const data = copyDefined({ deviceId: option.deviceId, kind: option.kind }, option, ['effectiveTime', 'invalidTime', 'passwordId', 'name']);
    return callTuyaRelay(option, '/offline', data, true, readOffline);
  });
}

export function getDynamicPassword(option: DeviceOption): Promise<DynamicPasswordResult> {
  return unlessInvalid(checkDevice(option, false), () =>
    callTuyaRelay<DynamicPasswordResult>(option, '/dynamic', { deviceId: option.deviceId }, false, (body) =>
      successResult(isString(body.code) ? { code: body.code } : {}),
    ),
  );
}
