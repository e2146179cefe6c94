/**
 * Validation for the rest of a Tuya password's life (tuya-password-lifecycle.md §2-§10): modify, list
 * options, and offline codes. Pure, shared by the cloud client (before any request) and the relay (on the
 * parsed body, before authorize). Offline codes are checked against Tuya's hour rounding and 6 h / 24 h
 * rules here, and the plan says in plain words what the guest will experience.
 */
import {
  DEFAULT_PIN_LENGTH,
  ENDED,
  EPOCH_MS,
  isEpochMs,
  isObject,
  PinLengthRule,
  RuleViolation,
  TempPasswordScheduleItem,
  checkIdentifier,
  checkPasswordContent,
  ruleViolation,
} from './temp-password-rules';
import { isString } from '../core/assert';

/** What modify takes: Tuya needs the PIN again (under a fresh ticket) even to change dates only. */
export interface ModifyTempPasswordFields {
  password: string;
  effectiveTime: number;
  invalidTime: number;
  /** Tuya requires `name` on modify; absent, an empty name is sent. */
  name?: string;
  type?: 0 | 1;
  phone?: string;
  timeZone?: string;
  schedule?: TempPasswordScheduleItem[];
}

export type OfflineKind = 'once' | 'multiple' | 'clear_one' | 'clear_all';
export const OFFLINE_KINDS: readonly OfflineKind[] = ['once', 'multiple', 'clear_one', 'clear_all'];

export interface OfflinePasswordFields {
  kind: OfflineKind;
  /** Epoch ms; required for `multiple`, optional for `clear_one`, refused for `once` and `clear_all`. */
  effectiveTime?: number;
  invalidTime?: number;
  /** The offline code to clear; `clear_one` only. */
  passwordId?: string;
  name?: string;
}

/** The window Tuya will apply (rounded down to the hour) and what the guest will experience. */
export interface OfflinePlan {
  kind: OfflineKind;
  /** Absent for `clear_one` without times: Tuya picks them and the answer says which. */
  effectiveTime?: number;
  invalidTime?: number;
  guestNotes: string[];
}

export const HOUR_MS = 3600000;
const NAME_MAX = 64;

/** A fresh object each time: callers may keep or extend what they get. */
const notAnObject = (): RuleViolation => ruleViolation('options', 'expected an object');
const floorHour = (ms: number): number => Math.floor(ms / HOUR_MS) * HOUR_MS;
const when = (ms: number): string => `${new Date(ms).toISOString().slice(0, 16)}Z`;

export function checkName(name: unknown): RuleViolation | null {
  if (name === undefined) return null;
  if (!isString(name) || name.length > NAME_MAX || /[\u0000-\u001f\u007f]/.test(name)) {
    return ruleViolation('name', `expected a string of at most ${NAME_MAX} characters, no control characters`);
  }
  return null;
}

export function checkPasswordId(id: unknown): RuleViolation | null {
  return checkIdentifier('id', id);
}

export function checkModifyFields(input: unknown, pinLength: PinLengthRule = DEFAULT_PIN_LENGTH, now?: number): RuleViolation | null {
  if (!isObject(input)) return notAnObject();
  return checkName(input.name) ?? checkPasswordContent(input, pinLength, now);
}

export function checkListOptions(input: unknown): RuleViolation | null {
  if (input === undefined) return null;
  if (!isObject(input)) return notAnObject();
  if (input.valid !== undefined && typeof input.valid !== 'boolean') {
    return ruleViolation('valid', 'expected true or false');
  }
  return null;
}

/** The window Tuya will apply, without the guest notes (the plugin only validates; the notes come from the cloud). */
type OfflineWindow = Omit<OfflinePlan, 'guestNotes'>;

/** `once`/`clear_all` windows are fixed by Tuya; accepting times there would promise what Tuya ignores. */
function fixedWindow(o: Record<string, unknown>, kind: OfflineKind, hours: number, now: number): OfflineWindow | RuleViolation {
  for (const field of ['effectiveTime', 'invalidTime'] as const) {
    if (o[field] !== undefined) {
      return ruleViolation(field, `is not accepted for "${kind}": Tuya starts it this hour, for ${hours} h`);
    }
  }
  const effectiveTime = floorHour(now);
  return { kind, effectiveTime, invalidTime: effectiveTime + hours * HOUR_MS };
}

function roundedWindow(o: Record<string, unknown>, kind: OfflineKind, now: number): OfflineWindow | RuleViolation {
  if (o.effectiveTime === undefined && o.invalidTime === undefined && kind === 'clear_one') return { kind };
  for (const field of ['effectiveTime', 'invalidTime'] as const) {
    if (!isEpochMs(o[field])) return ruleViolation(field, `expected ${EPOCH_MS}`);
  }
  const effectiveTime = floorHour(o.effectiveTime as number);
  const invalidTime = floorHour(o.invalidTime as number);
  if (invalidTime <= effectiveTime) {
    return ruleViolation('invalidTime', 'expected a later hour than "effectiveTime" (Tuya rounds both down)');
  }
  if (invalidTime <= now) {
    return ruleViolation('invalidTime', `${ENDED} once rounded down to the hour`);
  }
  return { kind, effectiveTime, invalidTime };
}

/** The window Tuya will apply, or the first rule the input breaks. `now`: the cloud's clock, epoch ms. */
function offlineWindow(input: unknown, now: number): OfflineWindow | RuleViolation {
  if (!isObject(input)) return notAnObject();
  const kind = input.kind;
  if (!isString(kind) || !(OFFLINE_KINDS as readonly string[]).includes(kind)) {
    return ruleViolation('kind', `expected one of ${OFFLINE_KINDS.join(', ')}`);
  }
  const bad = checkName(input.name);
  if (bad) return bad;
  if (kind === 'clear_one') {
    if (input.passwordId === undefined) return ruleViolation('passwordId', 'is required for "clear_one"');
    const badId = checkIdentifier('passwordId', input.passwordId);
    if (badId) return badId;
  } else if (input.passwordId !== undefined) {
    return ruleViolation('passwordId', `is for "clear_one" only, not "${kind}"`);
  }
  if (kind === 'once') return fixedWindow(input, kind, 6, now);
  if (kind === 'clear_all') return fixedWindow(input, kind, 24, now);
  return roundedWindow(input, kind as OfflineKind, now);
}

/** What the guest will experience with a valid window, in plain words. */
function guestNotesFor(w: OfflineWindow, o: Record<string, unknown>, now: number): string[] {
  const { kind, effectiveTime, invalidTime } = w;
  if (effectiveTime === undefined || invalidTime === undefined) {
    return ['Typed on the keypad, it stops the offline code it names; clearing codes work for 24 h.'];
  }
  if (kind === 'once') {
    return [`Opens the door once, between ${when(effectiveTime)} and ${when(invalidTime)} (6 h from the start of the hour it was issued).`];
  }
  if (kind === 'clear_all') {
    return [`Typed on the keypad, it wipes every offline code from the lock; it works between ${when(effectiveTime)} and ${when(invalidTime)}.`];
  }
  const guestNotes: string[] = [];
  if (o.effectiveTime !== effectiveTime || o.invalidTime !== invalidTime) {
    guestNotes.push(`Tuya rounds offline codes down to the hour: the window becomes ${when(effectiveTime)} to ${when(invalidTime)}.`);
  }
  if (kind === 'multiple') {
    guestNotes.push(`Opens the door any number of times between ${when(effectiveTime)} and ${when(invalidTime)}.`);
    guestNotes.push(`It must be used at least once within 24 h of ${when(Math.max(effectiveTime, floorHour(now)))}, or the lock refuses it from then on.`);
    if (effectiveTime > now + 24 * HOUR_MS) {
      guestNotes.push('It starts more than 24 h from now: on locks that count the 24 h from issue rather than from the start, it will be dead on arrival; issue it on the day of arrival.');
    }
  } else {
    guestNotes.push(`Typed on the keypad between ${when(effectiveTime)} and ${when(invalidTime)}, it stops the offline code it names.`);
  }
  return guestNotes;
}

/** The plan Tuya will apply, or the first rule the input breaks. `now`: the cloud's clock, epoch ms. */
export function planOfflinePassword(input: unknown, now: number): OfflinePlan | RuleViolation {
  const w = offlineWindow(input, now);
  return 'field' in w ? w : Object.assign(w, { guestNotes: guestNotesFor(w, input as Record<string, unknown>, now) });
}

export function isRuleViolation(value: OfflinePlan | RuleViolation): value is RuleViolation {
  return 'field' in value;
}

/** Validation only (what the plugin runs before sending): the same rules as planOfflinePassword, no notes. */
export function checkOfflinePasswordFields(input: unknown, now: number): RuleViolation | null {
  const w = offlineWindow(input, now);
  return 'field' in w ? w : null;
}
