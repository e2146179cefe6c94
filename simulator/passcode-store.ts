/**
 * The lock's keypad passcode memory and the rules of an ADD request (protocol doc §5.5). The exact
 * firmware checks are not known; these are the documented inferences. A whole request is checked
 * first (format 0x0F, type/dates 0x20), then the memory (exists 0x14, full 0x16).
 */
import { fromLockTime, type LockTimeFields } from '../plugin/protocol';

export const LOCK_ERROR = {
  CRC_CHECK: 0x01,
  ADMIN_CHECK: 0x03,
  KEY_FLAG_INVALID: 0x0d,
  PASSWORD_LENGTH_INVALID: 0x0f,
  USER_NOT_LOGIN: 0x12,
  PASSWORD_EXIST: 0x14,
  NO_FREE_MEMORY: 0x16,
  INVALID_COMMAND: 0x1b,
  INVALID_PARAM: 0x20,
} as const;

/** BLE numbering of KeyboardPwdType. */
export const PASSCODE_TYPE = { PERMANENT: 1, COUNT: 2, PERIOD: 3 } as const;

export interface StoredPasscode {
  passcode: string;
  type: number;
  start: LockTimeFields;
  /** null for PERMANENT codes, which carry only a start date. */
  end: LockTimeFields | null;
}

const TIME_BYTES = 5;

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

function minutesOf(t: LockTimeFields): number {
  return Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute) / 60_000;
}

/** Parses and checks the bytes after the op byte: [type][L][digits][start][end?]. */
export function parseAddRequest(body: Uint8Array): StoredPasscode | { error: number } {
  if (body.length < 2) return { error: LOCK_ERROR.PASSWORD_LENGTH_INVALID };
  const [type, length] = body;
  const dateBytes = type === PASSCODE_TYPE.PERMANENT ? TIME_BYTES : 2 * TIME_BYTES;
  const digits = body.subarray(2, 2 + length);
  const wellFormed =
    length >= 4 && length <= 9 &&
    body.length === 2 + length + dateBytes &&
    digits.every((b) => b >= 0x30 && b <= 0x39);
  if (!wellFormed) return { error: LOCK_ERROR.PASSWORD_LENGTH_INVALID };
  if (type !== PASSCODE_TYPE.PERMANENT && type !== PASSCODE_TYPE.COUNT && type !== PASSCODE_TYPE.PERIOD) {
    return { error: LOCK_ERROR.INVALID_PARAM };
  }
  const start = fromLockTime(body.slice(2 + length, 2 + length + TIME_BYTES));
  const end = type === PASSCODE_TYPE.PERMANENT ? null : fromLockTime(body.slice(2 + length + TIME_BYTES));
  const datesOk = isValidLockTime(start) && (end === null || (isValidLockTime(end) && minutesOf(start) < minutesOf(end)));
  if (!datesOk) return { error: LOCK_ERROR.INVALID_PARAM };
  return { passcode: String.fromCharCode(...digits), type, start, end };
}

export class PasscodeStore {
  private readonly entries: StoredPasscode[] = [];

  constructor(private readonly capacity: () => number) {}

  /** 0 when stored, else the lock error code. */
  add(entry: StoredPasscode): number {
    if (this.entries.some((e) => e.passcode === entry.passcode)) return LOCK_ERROR.PASSWORD_EXIST;
    if (this.entries.length >= this.capacity()) return LOCK_ERROR.NO_FREE_MEMORY;
    this.entries.push(copyEntry(entry));
    return 0;
  }

  list(): StoredPasscode[] {
    return this.entries.map(copyEntry);
  }

  clear(): void {
    this.entries.length = 0;
  }
}

function copyEntry(e: StoredPasscode): StoredPasscode {
  return { passcode: e.passcode, type: e.type, start: { ...e.start }, end: e.end && { ...e.end } };
}
