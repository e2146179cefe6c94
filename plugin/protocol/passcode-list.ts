/**
 * COMM_PWD_LIST 0x07 (lifecycle spec §5): the request is the record index to start from, the reply
 * a page of records and the index of the next page, 0xFFFF after the last one.
 * The decoder reads records by their structure, as the official parser does; `recLen` and
 * `totalLen` are only inferred (§5.2), so totalLen is tested for zero and recLen is not trusted.
 * Any malformed page throws LockError PROTO_FRAME and nothing else.
 */
import { assertInt } from '../core/assert';
import { frameError } from '../core/errors';
import { CMD_PWD_LIST, expectReplyOk, LOCK_TIME_LENGTH, type Reply } from './commands';
import { fromLockTime, type LockTimeFields } from './lock-time';

/** `next` of the last page. */
export const LIST_END = 0xffff;

/** BLE numbering of KeyboardPwdType (§1.1); the plugin reports these numbers unchanged. */
export const PASSCODE_TYPE_PERMANENT = 1;
export const PASSCODE_TYPE_COUNT = 2;
export const PASSCODE_TYPE_PERIOD = 3;
export const PASSCODE_TYPE_CIRCLE = 4;

export interface ListedPasscode {
  /** BLE type: 1 permanent, 2 one-time, 3 period, 4 cyclic. */
  type: number;
  /** The code as it is now (first wire string). */
  passcode: string;
  /** The code as first stored, before any modify (second wire string). */
  originalPasscode: string;
  start: LockTimeFields;
  /** Types 2 and 3 only. */
  end?: LockTimeFields;
  /** Type 4 only, carried through as a number (its meaning is not known, §5.5). */
  cycleType?: number;
}

export interface PasscodePage {
  passcodes: ListedPasscode[];
  /** The sequence to ask for next, or LIST_END. */
  next: number;
}

/** §5.1: the sequence as u16 big-endian. */
export function encodeListPasscodes(sequence: number): Uint8Array {
  assertInt('sequence', sequence, 0, 0xfffe);
  return Uint8Array.of(sequence >>> 8, sequence & 0xff);
}

function malformed(problem: string): never {
  throw frameError(`passcode list page ${problem}`);
}

/** §5.2: `[07][01][totalLen u16][next u16][records]`; `07 01 00 00` is an empty list. */
export function decodeListPage(reply: Reply): PasscodePage {
  expectReplyOk(reply, CMD_PWD_LIST);
  const data = reply.data;
  if (data.length < 2) malformed(`has ${data.length} bytes, expected at least 2`);
  if (data[0] === 0 && data[1] === 0) return { passcodes: [], next: LIST_END };
  if (data.length < 4) malformed('lacks the next-sequence field');
  const next = (data[2] << 8) | data[3];
  const passcodes: ListedPasscode[] = [];
  let at = 4;
  const take = (n: number): Uint8Array => {
    if (at + n > data.length) malformed(`is cut short in record ${passcodes.length + 1}`);
    at += n;
    return data.subarray(at - n, at);
  };
  const text = (): string => String.fromCharCode(...take(take(1)[0]));
  while (at < data.length) {
    take(1); // recLen: not trusted (§5.2)
    const type = take(1)[0];
    const passcode = text();
    const originalPasscode = text();
    const entry: ListedPasscode = { type, passcode, originalPasscode, start: fromLockTime(take(LOCK_TIME_LENGTH)) };
    if (type === PASSCODE_TYPE_COUNT || type === PASSCODE_TYPE_PERIOD) entry.end = fromLockTime(take(LOCK_TIME_LENGTH));
    else if (type === PASSCODE_TYPE_CIRCLE) entry.cycleType = (take(1)[0] << 8) | take(1)[0];
    else if (type !== PASSCODE_TYPE_PERMANENT) malformed(`has unknown record type ${type}`);
    passcodes.push(entry);
  }
  return { passcodes, next };
}
