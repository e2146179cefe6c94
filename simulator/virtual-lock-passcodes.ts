/**
 * The virtual lock's passcode commands (lifecycle spec §2–§5, §7, §10): 0x03 with its ops ADD,
 * REMOVE_ONE, MODIFY and CLEAR, the 0x07 list in pages, 0x31 INIT_PASSWORDS, and the 0x01 feature
 * query the official SDK sends after a failed modify. All but 0x01 need the admin login.
 */
import { writeU32BE } from '../plugin/core/bytes';
import {
  LOCK_ERROR,
  PASSCODE_TYPE,
  parseAddRequest,
  parseDeleteRequest,
  parseModifyRequest,
  type StoredPasscode,
} from './passcode-store';
import { fail, type Handler, type LockState, type SessionAuth } from './virtual-lock-state';

const CMD_MANAGE = 0x03;
const CMD_PWD_LIST = 0x07;
const CMD_INIT_PASSWORDS = 0x31;
const CMD_DEVICE_FEATURE = 0x01;
const OP = { CLEAR: 1, ADD: 2, REMOVE_ONE: 3, MODIFY: 5 } as const;
const LIST_END = 0xffff;
const PAGE_HEADER_BYTES = 6;
const RESET_PAYLOAD_BYTES = 61;

/** The login error for this connection, or null when the admin is logged in. */
function adminRefusal(lock: LockState, auth: SessionAuth): number | null {
  if (auth.level === 'admin') return null;
  return auth.level === 'user' ? LOCK_ERROR.NO_PERMISSION : lock.rules.notLoggedInCode;
}

function runOp(lock: LockState, op: number, body: Uint8Array): number {
  switch (op) {
    case OP.CLEAR:
      lock.store.clear();
      return 0;
    case OP.ADD: {
      const request = parseAddRequest(body);
      return 'error' in request ? request.error : lock.store.add(request);
    }
    case OP.REMOVE_ONE: {
      const request = parseDeleteRequest(body);
      return 'error' in request ? request.error : lock.store.remove(request.passcode);
    }
    case OP.MODIFY: {
      const request = parseModifyRequest(body);
      return 'error' in request ? request.error : lock.store.modify(request);
    }
    default:
      return LOCK_ERROR.INVALID_COMMAND;
  }
}

/** Success `[03 01 battery op]`; failure `[03 00 err op]` (or without the op byte, by rule). */
export const managePasscode: Handler = (lock, auth, payload) => {
  const op = payload[0] ?? 0;
  const refused = adminRefusal(lock, auth) ?? runOp(lock, op, payload.subarray(1));
  if (refused === 0) return [CMD_MANAGE, 0x01, lock.battery, op];
  return lock.rules.failureOpByte ? [CMD_MANAGE, 0x00, refused, op] : fail(CMD_MANAGE, refused);
};

function dateBytes(t: { year: number; month: number; day: number; hour: number; minute: number }): number[] {
  return [t.year - 2000, t.month, t.day, t.hour, t.minute];
}

/** §5.2 record: [recLen][type][L1][current][L2][original][start][end | cycle u16 | nothing]. */
export function encodeListRecord(e: StoredPasscode): number[] {
  const ascii = (s: string) => [s.length, ...Array.from(s, (c) => c.charCodeAt(0))];
  const tail =
    e.type === PASSCODE_TYPE.CIRCLE ? [(e.cycleType ?? 0) >> 8, (e.cycleType ?? 0) & 0xff]
      : e.end ? dateBytes(e.end) : [];
  const body = [e.type, ...ascii(e.passcode), ...ascii(e.original), ...dateBytes(e.start), ...tail];
  return [body.length, ...body];
}

/**
 * 0x07 at sequence i: records from i while the page stays within the rule's bytes and count;
 * `next` = the first record left out, or 0xFFFF; `07 01 00 00` when nothing is left from i on.
 */
export const listPasscodes: Handler = (lock, auth, payload) => {
  const refused = adminRefusal(lock, auth);
  if (refused !== null) return fail(CMD_PWD_LIST, refused);
  if (payload.length < 2) return fail(CMD_PWD_LIST, LOCK_ERROR.INVALID_PARAM);
  const shown = lock.store.list().filter((e) => lock.rules.listsUnusedPasscodes || e.used);
  let at = (payload[0] << 8) | payload[1];
  if (at >= shown.length) return [CMD_PWD_LIST, 0x01, 0x00, 0x00];
  const records: number[] = [];
  let count = 0;
  while (at < shown.length && count < lock.rules.listPageRecords) {
    const record = encodeListRecord(shown[at]);
    if (count > 0 && PAGE_HEADER_BYTES + records.length + record.length > lock.rules.listPageBytes) break;
    records.push(...record);
    count++;
    at++;
  }
  const next = at < shown.length ? at : LIST_END;
  return [CMD_PWD_LIST, 0x01, records.length >> 8, records.length & 0xff, next >> 8, next & 0xff, ...records];
};

/** 0x31: exactly 61 bytes (else 0x0B); stores the ten-year table and, by rule, clears ordinary codes. */
export const initPasswords: Handler = (lock, auth, payload) => {
  const refused = adminRefusal(lock, auth);
  if (refused !== null) return fail(CMD_INIT_PASSWORDS, refused);
  if (payload.length !== RESET_PAYLOAD_BYTES) return fail(CMD_INIT_PASSWORDS, LOCK_ERROR.INIT_KEYBOARD_FAILED);
  const entries = [];
  for (let i = 0; i < 10; i++) {
    const v = payload.subarray(1 + 6 * i, 7 + 6 * i).reduce((acc, b) => acc * 256 + b, 0);
    const code = Math.floor(v / 2 ** 36);
    entries.push({ code, secretKey: String(v - code * 2 ** 36).padStart(10, '0') });
  }
  lock.resetTable = { firstYear: 2000 + payload[0], entries };
  if (lock.rules.resetClearsPasscodes) lock.store.clear();
  return [CMD_INIT_PASSWORDS, 0x01];
};

/** 0x01: `[01 01 battery special u32 BE]`, tolerated without login (the SDK sends it after a failed modify). */
export const deviceFeature: Handler = (lock) => {
  const special = new Uint8Array(4);
  writeU32BE(special, 0, lock.featureValue);
  return [CMD_DEVICE_FEATURE, 0x01, lock.battery, ...special];
};
