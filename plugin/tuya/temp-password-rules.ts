/**
 * Validation rules for a Tuya temporary password, shared by the plugin (before wx.request), the relay
 * (before trusting a mini-program) and the cloud client (before any signed request). Pure: no wx, no Node.
 * Messages name the field and describe what arrived, but never echo the PIN itself (only its length).
 */
import { isNonNullObject, isNumber, isObject, isString } from '../core/assert';

/** One weekly window: minutes after midnight and a weekday bitmask (bit0 = Sunday ... bit6 = Saturday). */
export interface TempPasswordScheduleItem {
  startMinute: number;
  endMinute: number;
  weekdays: number;
}

/** The fields of one temporary password, in lockwire units (times in epoch milliseconds). */
export interface TempPasswordFields {
  deviceId: string;
  /** The PIN as ASCII digits. */
  password: string;
  effectiveTime: number;
  invalidTime: number;
  /** Tuya's meaning: 1 = usable once, 0 = usable any number of times within the window. */
  type?: 0 | 1;
  phone?: string;
  /** IANA name such as "Asia/Shanghai"; required when `schedule` is given. */
  timeZone?: string;
  schedule?: TempPasswordScheduleItem[];
}

export interface PinLengthRule {
  min: number;
  max: number;
}

/** Zigbee/BLE locks take 6 digits, Wi-Fi locks 7, some models up to 8; 10 leaves room for others. */
export const DEFAULT_PIN_LENGTH: PinLengthRule = { min: 6, max: 10 };
/** Tuya's encryption gives one AES block for up to 15 digits; longer PINs are never valid. */
export const MAX_PIN_LENGTH = 15;
export const MAX_SCHEDULE_ITEMS = 16;
export const MINUTES_PER_DAY = 1440;
/** Anything below this is not an epoch-ms time after 2001: most likely seconds passed by mistake. */
export const MIN_EPOCH_MS = 1e12;

/** Letters, digits, '_' and '-' only: the id goes into a URL path, so no '/', '.', '%' or '?'. */
const DEVICE_ID = /^[A-Za-z0-9_-]{1,64}$/;
const PHONE = /^\+?[0-9][0-9-]{2,23}$/;
const TIME_ZONE = /^[A-Za-z0-9_+\-/:]{1,64}$/;

/** Shared wording (one copy in the bundle): an epoch-ms field, and a window that is over. */
export const EPOCH_MS = 'an integer epoch time in ms (13 digits)';
export const ENDED = 'has already ended';

export interface RuleViolation {
  field: string;
  message: string;
}

/** What arrived, by kind only: 'null', 'an array' or its typeof. */
function kindOf(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
}

function describe(value: unknown): string {
  if (isNumber(value)) return String(value);
  if (isString(value)) return `a string of length ${value.length}`;
  return kindOf(value);
}

/** A device or password id: it goes into a URL path, so letters, digits, "_" and "-" only. */
export function checkIdentifier(field: string, value: unknown): RuleViolation | null {
  return isString(value) && DEVICE_ID.test(value) ? null : violation(field, '1-64 of A-Z a-z 0-9 _ -', value);
}

export { isObject };

/** An epoch-ms time after 2001 that is a safe integer. */
export function isEpochMs(value: unknown): value is number {
  return isNumber(value) && Number.isSafeInteger(value) && value >= MIN_EPOCH_MS;
}

function isInt(value: unknown): value is number {
  return isNumber(value) && Number.isInteger(value);
}

/** `"field" <problem>`: every message names its field first. */
export function ruleViolation(field: string, problem: string): RuleViolation {
  return { field, message: `"${field}" ${problem}` };
}

function violation(field: string, expected: string, got: unknown): RuleViolation {
  return ruleViolation(field, `expected ${expected}, got ${describe(got)}`);
}

/** Checks a PIN without ever putting its digits in the message. */
export function checkPin(password: unknown, rule: PinLengthRule = DEFAULT_PIN_LENGTH): RuleViolation | null {
  const expected = `${rule.min} to ${rule.max} digits`;
  // A PIN sent as a number is still a PIN: describe its type, never its value.
  if (!isString(password)) {
    return ruleViolation('password', `expected ${expected} as a string, got ${kindOf(password)}`);
  }
  if (!/^[0-9]*$/.test(password)) {
    return ruleViolation('password', 'expected digits only');
  }
  if (password.length < rule.min || password.length > Math.min(rule.max, MAX_PIN_LENGTH)) {
    return ruleViolation('password', `expected ${expected}, got ${password.length} digits`);
  }
  return null;
}

function checkSchedule(schedule: unknown): RuleViolation | null {
  if (!Array.isArray(schedule)) return violation('schedule', 'an array', schedule);
  if (schedule.length > MAX_SCHEDULE_ITEMS) {
    return violation('schedule', `at most ${MAX_SCHEDULE_ITEMS} items`, schedule.length);
  }
  for (let i = 0; i < schedule.length; i++) {
    const item: unknown = schedule[i];
    const at = `schedule[${i}]`;
    if (!isNonNullObject(item)) return violation(at, 'an object', item);
    const { startMinute, endMinute, weekdays } = item as Record<string, unknown>;
    if (!isInt(startMinute) || startMinute < 0 || startMinute >= MINUTES_PER_DAY) {
      return violation(`${at}.startMinute`, 'an integer 0-1439', startMinute);
    }
    if (!isInt(endMinute) || endMinute <= startMinute || endMinute > MINUTES_PER_DAY) {
      return violation(`${at}.endMinute`, `an integer ${startMinute + 1}-1440 (after startMinute)`, endMinute);
    }
    if (!isInt(weekdays) || weekdays < 0 || weekdays > 127) {
      return violation(`${at}.weekdays`, 'a bitmask 0-127 (bit0 = Sunday)', weekdays);
    }
  }
  return null;
}

/**
 * Returns the first rule the input breaks, or null when it is a valid TempPasswordFields.
 * `input` is unknown on purpose: the relay feeds it parsed JSON straight from the network.
 */
export function checkTempPasswordFields(
  input: unknown,
  pinLength: PinLengthRule = DEFAULT_PIN_LENGTH,
  now?: number,
): RuleViolation | null {
  if (!isObject(input)) return violation('options', 'an object', input);
  return checkIdentifier('deviceId', input.deviceId) ?? checkPasswordContent(input, pinLength, now);
}

/**
 * Everything but the device: the PIN, the window, type, phone, time zone and schedule (create and modify
 * share it). With `now`, a window that has already ended is refused; one that started earlier is fine.
 */
export function checkPasswordContent(
  o: Record<string, unknown>,
  pinLength: PinLengthRule = DEFAULT_PIN_LENGTH,
  now?: number,
): RuleViolation | null {
  const pin = checkPin(o.password, pinLength);
  if (pin) return pin;
  for (const field of ['effectiveTime', 'invalidTime'] as const) {
    const t = o[field];
    if (!isEpochMs(t)) return violation(field, EPOCH_MS, t);
  }
  // Tuya takes whole seconds, so the end must still be later once both are truncated.
  if (Math.floor((o.invalidTime as number) / 1000) <= Math.floor((o.effectiveTime as number) / 1000)) {
    return ruleViolation('invalidTime', 'expected a later second than "effectiveTime"');
  }
  if (now !== undefined && (o.invalidTime as number) <= now) {
    return ruleViolation('invalidTime', ENDED);
  }
  if (o.type !== undefined && o.type !== 0 && o.type !== 1) {
    return violation('type', '0 (many uses) or 1 (once)', o.type);
  }
  if (o.phone !== undefined && (!isString(o.phone) || !PHONE.test(o.phone))) {
    return violation('phone', '3-24 digits, optional "+" and "-"', o.phone);
  }
  if (o.timeZone !== undefined && (!isString(o.timeZone) || !TIME_ZONE.test(o.timeZone))) {
    return violation('timeZone', 'an IANA zone like "Asia/Shanghai"', o.timeZone);
  }
  if (o.schedule !== undefined) {
    const bad = checkSchedule(o.schedule);
    if (bad) return bad;
    if ((o.schedule as unknown[]).length > 0 && o.timeZone === undefined) {
      return ruleViolation('timeZone', 'is required with "schedule"');
    }
  }
  return null;
}
