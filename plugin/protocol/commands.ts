/**
 * The three commands of createCustomPasscode (spec §5) as encode/decode pairs over plaintext payloads.
 * Framing and AES live in frame.ts; these functions only build and read the decrypted bytes.
 * Range checks here are internal asserts: lockData and the public API validate user input earlier.
 */
import { assertBytes, assertInt, assertString, rangeError } from '../core/assert';
import { Code, frameError, LockError } from '../core/errors';
import { readU32BE, writeU32BE } from '../core/bytes';

export const CMD_CHECK_ADMIN = 0x41;
export const CMD_CHECK_RANDOM = 0x30;
export const CMD_MANAGE_KEYBOARD_PASSWORD = 0x03;
export const CMD_RESPONSE = 0x54;
export const CMD_PWD_LIST = 0x07;

export const PWD_OPERATE_ADD = 2;
/** BLE numbering (the cloud API numbers passcode types differently; §5.1). */
export const KEYBOARD_PWD_TYPE_PERIOD = 3;

export const REPLY_SUCCESS = 1;
export const REPLY_FAILED = 0;

export const LOCK_TIME_LENGTH = 5;
export const MIN_PASSCODE_LENGTH = 4;
export const MAX_PASSCODE_LENGTH = 9;

const PASSCODE = /^[0-9]{4,9}$/;

/** The ASCII codes of a 4-9 digit passcode; the code is a secret, so an error reports only its length. */
export function passcodeDigits(name: string, passcode: string): number[] {
  assertString(name, passcode);
  if (!PASSCODE.test(passcode)) throw rangeError(name, `expected ${MIN_PASSCODE_LENGTH}..${MAX_PASSCODE_LENGTH} digits, got ${passcode.length} characters`);
  const out: number[] = [];
  for (let i = 0; i < passcode.length; i++) out.push(passcode.charCodeAt(i));
  return out;
}

export interface CheckAdminParams {
  adminPs: number;
  lockFlagPos: number;
  uid: number;
}

/** §5.3: adminPs u32 BE, lockFlagPos as 3 bytes BE, uid u32 BE (11 bytes). */
export function encodeCheckAdmin({ adminPs, lockFlagPos, uid }: CheckAdminParams): Uint8Array {
  // Values are secrets: assertInt reports only the name and range, never the value.
  assertInt('adminPs', adminPs, 0, 0xffffffff);
  assertInt('lockFlagPos', lockFlagPos, 0, 0xffffff);
  assertInt('uid', uid, 0, 0xffffffff);
  const out = new Uint8Array(11);
  writeU32BE(out, 0, adminPs);
  out[4] = (lockFlagPos >>> 16) & 0xff;
  out[5] = (lockFlagPos >>> 8) & 0xff;
  out[6] = lockFlagPos & 0xff;
  writeU32BE(out, 7, uid);
  return out;
}

/** §5.4: (psFromLock + unlockKey) mod 2^32, big-endian; wraps rather than throwing (S1's bug). */
export function encodeCheckRandom(psFromLock: number, unlockKey: number): Uint8Array {
  assertInt('psFromLock', psFromLock, 0, 0xffffffff);
  assertInt('unlockKey', unlockKey, 0, 0xffffffff);
  const out = new Uint8Array(4);
  writeU32BE(out, 0, (psFromLock + unlockKey) % 0x100000000);
  return out;
}

export interface AddPasscodeParams {
  /** 4..9 ASCII digits. */
  passcode: string;
  /** Lock-local YY MM DD hh mm, from toLockTime. */
  start: Uint8Array;
  end: Uint8Array;
}

/** §5.5: op ADD, type PERIOD (what the official createCustomPasscode always sends). */
export function encodeAddPasscode({ passcode, start, end }: AddPasscodeParams): Uint8Array {
  const code = passcodeDigits('passcode', passcode);
  assertBytes('start', start, LOCK_TIME_LENGTH);
  assertBytes('end', end, LOCK_TIME_LENGTH);
  const n = passcode.length;
  const out = new Uint8Array(3 + n + 2 * LOCK_TIME_LENGTH);
  out[0] = PWD_OPERATE_ADD;
  out[1] = KEYBOARD_PWD_TYPE_PERIOD;
  out[2] = n;
  out.set(code, 3);
  out.set(start, 3 + n);
  out.set(end, 3 + n + LOCK_TIME_LENGTH);
  return out;
}

export interface Reply {
  /** The echoed request command (byte 0); tells a reply from an unsolicited push. */
  command: number;
  /** Raw status byte (1 SUCCESS, 0 FAILED). */
  status: number;
  ok: boolean;
  /** The lock's error code (§5.6), present when status is FAILED and the byte was sent. */
  errorCode?: number;
  /** Every byte after the status byte. */
  data: Uint8Array;
}

/** Reads the common reply layout of §3.3 from a decrypted payload. */
export function decodeReply(plaintext: Uint8Array): Reply {
  assertBytes('plaintext', plaintext);
  if (plaintext.length < 2) {
    throw frameError(`reply expected >= 2 bytes, got ${plaintext.length}`);
  }
  const status = plaintext[1];
  const reply: Reply = { command: plaintext[0], status, ok: status === REPLY_SUCCESS, data: plaintext.slice(2) };
  if (status === REPLY_FAILED && plaintext.length > 2) reply.errorCode = plaintext[2];
  return reply;
}

/**
 * Throws unless `reply` answers `command` with SUCCESS: PROTO_UNEXPECTED for another echo,
 * LOCK_REPORTED (remoteCode = the lock's error byte, undefined if absent) for a failure status.
 */
export function expectReplyOk(reply: Reply, command: number): void {
  if (reply.command !== command) {
    throw new LockError(Code.PROTO_UNEXPECTED, `reply echoes command ${reply.command}, expected ${command}`);
  }
  if (!reply.ok) {
    const detail = `status ${reply.status}, error ${reply.errorCode ?? 'none'}`;
    // Without an error byte remoteCode stays undefined; LockError maps that once (errors.ts).
    throw new LockError(Code.LOCK_REPORTED, `lock refused command ${command} (${detail})`, { remoteCode: reply.errorCode });
  }
}

/** §5.3 reply `[41][01][psFromLock u32 BE]`; returns psFromLock as an unsigned number. */
export function decodeCheckAdminReply(reply: Reply): number {
  expectReplyOk(reply, CMD_CHECK_ADMIN);
  if (reply.data.length < 4) {
    throw frameError(`CHECK_ADMIN reply expected >= 4 data bytes, got ${reply.data.length}`);
  }
  return readU32BE(reply.data, 0);
}

/** §5.4 reply `[30][01]`; nothing else is known to follow. */
export function decodeCheckRandomReply(reply: Reply): void {
  expectReplyOk(reply, CMD_CHECK_RANDOM);
}

/** §5.5 success reply `[03][01][battery %][op echo 02]...`. */
export function decodeAddPasscodeReply(reply: Reply): { battery: number } {
  expectReplyOk(reply, CMD_MANAGE_KEYBOARD_PASSWORD);
  if (reply.data.length < 1) {
    throw frameError('ADD reply lacks the battery byte');
  }
  return { battery: reply.data[0] };
}
