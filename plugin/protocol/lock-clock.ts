/**
 * The lock clock (lifecycle spec §6) and the eKey handshake that setLockTime uses (§1.5).
 * The clock is six plain binary bytes `YY MM DD hh mm ss` of the lock's wall clock, which is the UTC
 * calendar of epochMs + timezoneRawOffset (§1.4), the same single rule as passcode windows.
 */
import { assertBytes, assertInt } from '../core/assert';
import { frameError } from '../core/errors';
import { readU32BE, writeU32BE } from '../core/bytes';
import { expectReplyOk, LOCK_TIME_LENGTH, type Reply } from './commands';
import { toLockTime, type LockTimeFields } from './lock-time';

export const CMD_CHECK_USER_TIME = 0x55;
export const CMD_TIME_CALIBRATE = 0x43;
export const CMD_GET_LOCK_TIME = 0x34;
export const LOCK_CLOCK_LENGTH = 6;

export interface LockClockFields extends LockTimeFields {
  second: number;
}

/** §6.1: the 0x43 payload, seconds included. Throws RangeError outside the lock's 2000..2099. */
export function encodeTimeCalibrate(epochMs: number, timezoneRawOffset: number): Uint8Array {
  const minutes = toLockTime(epochMs, timezoneRawOffset);
  const out = new Uint8Array(LOCK_CLOCK_LENGTH);
  out.set(minutes);
  out[5] = new Date(epochMs + timezoneRawOffset).getUTCSeconds();
  return out;
}

/** §6.1 reply `[43][01]`; nothing after the status is read. */
export function decodeTimeCalibrateReply(reply: Reply): void {
  expectReplyOk(reply, CMD_TIME_CALIBRATE);
}

/** §6.2: GET_LOCK_TIME carries no payload at all (length byte 0, no ciphertext). */
export function encodeGetLockTime(): Uint8Array {
  return new Uint8Array(0);
}

export interface LockClockReading {
  fields: LockClockFields;
  /** The instant the lock's wall clock names, read in its zone. */
  epochMs: number;
}

/** Reads 6 clock bytes; PROTO_FRAME when a field is out of its calendar range. */
export function readLockClock(bytes: Uint8Array, timezoneRawOffset: number): LockClockReading {
  assertBytes('bytes', bytes, LOCK_CLOCK_LENGTH);
  const [yy, month, day, hour, minute, second] = bytes;
  const wallMs = Date.UTC(2000 + yy, month - 1, day, hour, minute, second);
  const check = new Date(wallMs);
  // Date.UTC rolls 31 February over into March; a round trip catches every impossible field.
  if (yy > 99 || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) {
    throw frameError('lock clock has an impossible date or time');
  }
  return { fields: { year: 2000 + yy, month, day, hour, minute, second }, epochMs: wallMs - timezoneRawOffset };
}

/** §6.2 reply `[34][01][YY MM DD hh mm ss]…` (extra bytes ignored). */
export function decodeLockTimeReply(reply: Reply, timezoneRawOffset: number): LockClockReading {
  expectReplyOk(reply, CMD_GET_LOCK_TIME);
  if (reply.data.length < LOCK_CLOCK_LENGTH) {
    throw frameError('GET_LOCK_TIME reply too short');
  }
  return readLockClock(reply.data.subarray(0, LOCK_CLOCK_LENGTH), timezoneRawOffset);
}

/** The epoch ms of a minute-precision lock time (list records, passcode windows). */
export function lockTimeToEpochMs(t: LockTimeFields, timezoneRawOffset: number): number {
  return Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute) - timezoneRawOffset;
}

export interface CheckUserTimeParams {
  /** Lock-local eKey window, 5 bytes each (setLockTime always sends the permanent window). */
  start: Uint8Array;
  end: Uint8Array;
  lockFlagPos: number;
  uid: number;
}

/** §1.5: start 5, end 5, lockFlagPos low 24 bits BE, uid u32 BE (17 bytes). */
export function encodeCheckUserTime({ start, end, lockFlagPos, uid }: CheckUserTimeParams): Uint8Array {
  assertBytes('start', start, LOCK_TIME_LENGTH);
  assertBytes('end', end, LOCK_TIME_LENGTH);
  // Secrets-adjacent values: assertInt names the field and range only.
  assertInt('lockFlagPos', lockFlagPos, 0, 0xffffff);
  assertInt('uid', uid, 0, 0xffffffff);
  const out = new Uint8Array(17);
  out.set(start, 0);
  out.set(end, 5);
  out[10] = (lockFlagPos >>> 16) & 0xff;
  out[11] = (lockFlagPos >>> 8) & 0xff;
  out[12] = lockFlagPos & 0xff;
  writeU32BE(out, 13, uid);
  return out;
}

/** §1.5 reply `[55][01][psFromLock u32 BE]`; CHECK_RANDOM then answers it as after CHECK_ADMIN. */
export function decodeCheckUserTimeReply(reply: Reply): number {
  expectReplyOk(reply, CMD_CHECK_USER_TIME);
  if (reply.data.length < 4) {
    throw frameError('CHECK_USER_TIME reply too short');
  }
  return readU32BE(reply.data, 0);
}
