/**
 * The rest of COMM_MANAGE_KEYBOARD_PASSWORD (lifecycle spec §2–§4): delete one code, modify one,
 * clear all, and the reply every op shares, `[03][status][battery | error][op]`.
 * Encoders trust their inputs (the public API validated them); the type byte is always 0, as the
 * official SDK sends it and the lock ignores it (§2).
 */
import { assertBytes } from '../core/assert';
import { Code, frameError, LockError } from '../core/errors';
import { CMD_MANAGE_KEYBOARD_PASSWORD, expectReplyOk, LOCK_TIME_LENGTH, passcodeDigits, type Reply } from './commands';

export const PWD_OPERATE_CLEAR = 1;
export const PWD_OPERATE_REMOVE_ONE = 3;
export const PWD_OPERATE_MODIFY = 5;

/** featureValue bit MODIFY_PASSCODE_FUNCTION: without it the official SDK refuses modify (§3). */
export const FEATURE_MODIFY_PASSCODE = 7;

/** Whether the hex bit-field `featureValue` has bit `bit` set (bit 0 = lowest bit of the last digit). */
export function hasFeature(featureValue: string, bit: number): boolean {
  const digit = featureValue[featureValue.length - 1 - (bit >> 2)];
  return digit !== undefined && ((parseInt(digit, 16) >> (bit & 3)) & 1) === 1;
}

/** §2: `[03][type 0][L][code ASCII]`. */
export function encodeDeletePasscode(passcode: string): Uint8Array {
  const code = passcodeDigits('passcode', passcode);
  return Uint8Array.from([PWD_OPERATE_REMOVE_ONE, 0, code.length, ...code]);
}

export interface ModifyPasscodeParams {
  /** The code as the lock holds it now (after earlier modifications). */
  originalPasscode: string;
  /** The new value; undefined keeps the value (Ln = 0). */
  passcode?: string;
  /** Lock-local YY MM DD hh mm; both or neither (neither keeps the window). */
  start?: Uint8Array;
  end?: Uint8Array;
}

/** §3: `[05][type 0][Lo][original][Ln][new][start 5][end 5]`, Ln = 0 and no dates meaning "keep". */
export function encodeModifyPasscode({ originalPasscode, passcode, start, end }: ModifyPasscodeParams): Uint8Array {
  const original = passcodeDigits('originalPasscode', originalPasscode);
  const next = passcode === undefined ? [] : passcodeDigits('passcode', passcode);
  const out = [PWD_OPERATE_MODIFY, 0, original.length, ...original, next.length, ...next];
  if ((start === undefined) !== (end === undefined)) throw new TypeError('"start" and "end" expected both or neither');
  if (start && end) {
    assertBytes('start', start, LOCK_TIME_LENGTH);
    assertBytes('end', end, LOCK_TIME_LENGTH);
    out.push(...start, ...end);
  }
  return Uint8Array.from(out);
}

/** §4: the single op byte. Kept internal by the API (no official public method, effect unknown). */
export function encodeClearPasscodes(): Uint8Array {
  return Uint8Array.of(PWD_OPERATE_CLEAR);
}

/**
 * Reads a 0x03 reply to `op`. Success `[03][01][battery][op]` gives the battery; a failure
 * `[03][00][error][op]` (or the three-byte `[03][00][error]`) throws LOCK_REPORTED with the lock's
 * code. An op byte naming another op means the reply answers some other request: PROTO_UNEXPECTED.
 */
export function decodeManagePasscodeReply(reply: Reply, op: number): { battery: number } {
  const echoedOp = reply.data[1];
  if (reply.command === CMD_MANAGE_KEYBOARD_PASSWORD && echoedOp !== undefined && echoedOp !== op) {
    throw new LockError(Code.PROTO_UNEXPECTED, `0x03 reply is for op ${echoedOp}, expected op ${op}`);
  }
  expectReplyOk(reply, CMD_MANAGE_KEYBOARD_PASSWORD);
  if (reply.data.length < 1) throw frameError('0x03 reply lacks the battery byte');
  return { battery: reply.data[0] };
}
