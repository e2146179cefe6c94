/**
 * The lock's keypad passcode memory and the rules of the requests that change it (protocol doc
 * §5.5, lifecycle spec §2–§4, §10). The exact firmware checks are not known; these are the
 * documented inferences. A request is checked first (format 0x0F, type/dates 0x20), then the
 * memory (unknown 0x15, exists 0x14, full 0x16). Codes keep insertion order: the list's sequence
 * number is the index.
 */
import { fromLockTime, type LockTimeFields } from '../plugin/protocol';

export const LOCK_ERROR = {
  CRC_CHECK: 0x01,
  NO_PERMISSION: 0x02,
  ADMIN_CHECK: 0x03,
  INIT_KEYBOARD_FAILED: 0x0b,
  KEY_FLAG_INVALID: 0x0d,
  KEY_EXPIRED: 0x0e,
  PASSWORD_LENGTH_INVALID: 0x0f,
  KEY_NOT_YET_VALID: 0x11,
  USER_NOT_LOGIN: 0x12,
  PASSWORD_EXIST: 0x14,
  PASSWORD_NOT_EXIST: 0x15,
  NO_FREE_MEMORY: 0x16,
  INVALID_COMMAND: 0x1b,
  INVALID_PARAM: 0x20,
} as const;

/** BLE numbering of KeyboardPwdType. */
export const PASSCODE_TYPE = { PERMANENT: 1, COUNT: 2, PERIOD: 3, CIRCLE: 4 } as const;

export interface StoredPasscode {
  /** The code as it is now. */
  passcode: string;
  /** The code as first stored; differs from `passcode` after a modify of the value. */
  original: string;
  type: number;
  start: LockTimeFields;
  /** null for PERMANENT and CIRCLE codes, which carry only a start date. */
  end: LockTimeFields | null;
  /** CIRCLE codes only. */
  cycleType?: number;
  /** Whether the code was ever typed on the keypad (some locks list only those). */
  used: boolean;
}

const TIME_BYTES = 5;
const ok = (digits: Uint8Array, n: number) => n >= 4 && n <= 9 && digits.length === n && digits.every((b) => b >= 0x30 && b <= 0x39);
const text = (digits: Uint8Array) => String.fromCharCode(...digits);

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function isValidLockTime(t: LockTimeFields): boolean {
  return (
    t.year >= 2000 && t.year <= 2099 &&
    t.month >= 1 && t.month <= 12 &&
    t.day >= 1 && t.day <= daysInMonth(t.year, t.month) &&
    t.hour <= 23 && t.minute <= 59
  );
}

export function minutesOf(t: LockTimeFields): number {
  return Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute) / 60_000;
}

/** A 10-byte window, or the error it deserves (0x20 for impossible dates or end <= start). */
function readWindow(bytes: Uint8Array): { start: LockTimeFields; end: LockTimeFields } | { error: number } {
  const start = fromLockTime(bytes.slice(0, TIME_BYTES));
  const end = fromLockTime(bytes.slice(TIME_BYTES, 2 * TIME_BYTES));
  const valid = isValidLockTime(start) && isValidLockTime(end) && minutesOf(start) < minutesOf(end);
  return valid ? { start, end } : { error: LOCK_ERROR.INVALID_PARAM };
}

/** Parses and checks the bytes after the op byte of ADD: [type][L][digits][start][end?]. */
export function parseAddRequest(body: Uint8Array): StoredPasscode | { error: number } {
  if (body.length < 2) return { error: LOCK_ERROR.PASSWORD_LENGTH_INVALID };
  const [type, length] = body;
  const dateBytes = type === PASSCODE_TYPE.PERMANENT ? TIME_BYTES : 2 * TIME_BYTES;
  const digits = body.subarray(2, 2 + length);
  if (!ok(digits, length) || body.length !== 2 + length + dateBytes) return { error: LOCK_ERROR.PASSWORD_LENGTH_INVALID };
  if (type !== PASSCODE_TYPE.PERMANENT && type !== PASSCODE_TYPE.COUNT && type !== PASSCODE_TYPE.PERIOD) {
    return { error: LOCK_ERROR.INVALID_PARAM };
  }
  const dates = body.subarray(2 + length);
  const passcode = text(digits);
  if (type === PASSCODE_TYPE.PERMANENT) {
    const start = fromLockTime(dates.slice());
    if (!isValidLockTime(start)) return { error: LOCK_ERROR.INVALID_PARAM };
    return { passcode, original: passcode, type, start, end: null, used: false };
  }
  const window = readWindow(dates);
  return 'error' in window ? window : { passcode, original: passcode, type, ...window, used: false };
}

/** After the op byte of REMOVE_ONE: [type (ignored)][L][digits]. */
export function parseDeleteRequest(body: Uint8Array): { passcode: string } | { error: number } {
  const digits = body.subarray(2);
  return body.length >= 2 && ok(digits, body[1]) ? { passcode: text(digits) } : { error: LOCK_ERROR.PASSWORD_LENGTH_INVALID };
}

export interface ModifyRequest {
  original: string;
  /** undefined keeps the value (Ln = 0). */
  passcode?: string;
  /** undefined keeps the window (no date bytes). */
  window?: { start: LockTimeFields; end: LockTimeFields };
}

/** After the op byte of MODIFY: [type][Lo][original][Ln][new][0 or 10 date bytes]. */
export function parseModifyRequest(body: Uint8Array): ModifyRequest | { error: number } {
  const lo = body[1] ?? 0;
  const original = body.subarray(2, 2 + lo);
  const ln = body[2 + lo];
  const next = body.subarray(3 + lo, 3 + lo + (ln ?? 0));
  if (!ok(original, lo) || ln === undefined || (ln !== 0 && !ok(next, ln))) return { error: LOCK_ERROR.PASSWORD_LENGTH_INVALID };
  const dates = body.subarray(3 + lo + ln);
  if (dates.length !== 0 && dates.length !== 2 * TIME_BYTES) return { error: LOCK_ERROR.INVALID_PARAM };
  const request: ModifyRequest = { original: text(original) };
  if (ln > 0) request.passcode = text(next);
  if (dates.length > 0) {
    const window = readWindow(dates);
    if ('error' in window) return window;
    request.window = window;
  }
  return request;
}

export class PasscodeStore {
  private readonly entries: StoredPasscode[] = [];

  constructor(private readonly capacity: () => number) {}

  /** 0 when stored, else the lock error code. */
  add(entry: StoredPasscode): number {
    if (this.find(entry.passcode)) return LOCK_ERROR.PASSWORD_EXIST;
    if (this.entries.length >= this.capacity()) return LOCK_ERROR.NO_FREE_MEMORY;
    this.entries.push(copyEntry(entry));
    return 0;
  }

  /** Finds a code by its current value. */
  find(passcode: string): StoredPasscode | undefined {
    return this.entries.find((e) => e.passcode === passcode);
  }

  /** 0 when removed, else 0x15. */
  remove(passcode: string): number {
    const at = this.entries.findIndex((e) => e.passcode === passcode);
    if (at < 0) return LOCK_ERROR.PASSWORD_NOT_EXIST;
    this.entries.splice(at, 1);
    return 0;
  }

  /** 0 when changed, else the lock error; the original value is kept for the list. */
  modify({ original, passcode, window }: ModifyRequest): number {
    const entry = this.find(original);
    if (!entry) return LOCK_ERROR.PASSWORD_NOT_EXIST;
    if (passcode !== undefined && passcode !== original && this.find(passcode)) return LOCK_ERROR.PASSWORD_EXIST;
    if (passcode !== undefined) entry.passcode = passcode;
    if (window) {
      // A permanent or cyclic code given a window becomes a period code; one-time codes stay one-time.
      if (entry.type !== PASSCODE_TYPE.COUNT) entry.type = PASSCODE_TYPE.PERIOD;
      entry.start = { ...window.start };
      entry.end = { ...window.end };
      delete entry.cycleType;
    }
    return 0;
  }

  /**
   * A guest typed `passcode` when the lock's wall clock read `wallMs`: true (the door opens, the code is
   * marked used) only if the lock holds it and the clock is inside its window, [start, end) to the
   * minute; codes without an end open from their start on.
   */
  markUsed(passcode: string, wallMs: number): boolean {
    const entry = this.find(passcode);
    const minute = Math.floor(wallMs / 60_000);
    const opens = entry !== undefined && minute >= minutesOf(entry.start) && (entry.end === null || minute < minutesOf(entry.end));
    if (opens) entry.used = true;
    return opens;
  }

  list(): StoredPasscode[] {
    return this.entries.map(copyEntry);
  }

  clear(): void {
    this.entries.length = 0;
  }
}

function copyEntry(e: StoredPasscode): StoredPasscode {
  const copy: StoredPasscode = { ...e, start: { ...e.start }, end: e.end && { ...e.end } };
  if (e.cycleType === undefined) delete copy.cycleType;
  return copy;
}
