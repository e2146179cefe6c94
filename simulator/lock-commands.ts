/**
 * What the virtual lock does with each decrypted request (protocol doc §5.3–§5.5, lifecycle spec
 * §10). One handler per command in a table; each returns the reply plaintext [echo][status][data...].
 * The two handshakes live here: CHECK_ADMIN or CHECK_USER_TIME issue a challenge, CHECK_RANDOM
 * answers it and logs the connection in as admin or eKey user. Where the doc marks the lock's
 * behaviour uncertain, the choice is written next to the handler or is a LockRules switch.
 */
import { readU32BE, writeU32BE } from '../plugin/core/bytes';
import { fromLockTime } from '../plugin/protocol';
import { LOCK_ERROR, minutesOf } from './passcode-store';
import { getLockTime, timeCalibrate } from './virtual-lock-clock';
import { deviceFeature, initPasswords, listPasscodes, managePasscode } from './virtual-lock-passcodes';
import { fail, type Handler, type LockState, type SessionAuth } from './virtual-lock-state';

export type { LockState, SessionAuth } from './virtual-lock-state';

const CMD_CHECK_ADMIN = 0x41;
const CMD_CHECK_USER_TIME = 0x55;
const CMD_CHECK_RANDOM = 0x30;
const U32 = 0x1_0000_0000;

function u32Bytes(value: number): number[] {
  const out = new Uint8Array(4);
  writeU32BE(out, 0, value);
  return [...out];
}

/** A new handshake starts over, so it also ends any earlier login on this connection. */
function restart(auth: SessionAuth): void {
  auth.level = 'none';
  auth.challenge = null;
  auth.pending = null;
  auth.userTimeFailed = false;
}

function challenge(lock: LockState, auth: SessionAuth, command: number, as: 'admin' | 'user'): number[] {
  auth.challenge = lock.nextPsFromLock();
  auth.pending = as;
  return [command, 0x01, ...u32Bytes(auth.challenge)];
}

const checkAdmin: Handler = (lock, auth, payload) => {
  restart(auth);
  if (payload.length < 11) return fail(CMD_CHECK_ADMIN, LOCK_ERROR.INVALID_PARAM);
  const adminPs = readU32BE(payload, 0);
  const lockFlagPos = (payload[4] << 16) | (payload[5] << 8) | payload[6];
  if (adminPs !== lock.adminPs) return fail(CMD_CHECK_ADMIN, LOCK_ERROR.ADMIN_CHECK);
  if (lockFlagPos < lock.lockFlagPos) return fail(CMD_CHECK_ADMIN, LOCK_ERROR.KEY_FLAG_INVALID);
  return challenge(lock, auth, CMD_CHECK_ADMIN, 'admin');
};

/**
 * 0x55 (§1.5): the eKey window against the lock's clock (before it 0x11, after it 0x0E) and the
 * flag (too low 0x0D). The uid is not checked: the lock has no list of users to check it against.
 */
const checkUserTime: Handler = (lock, auth, payload) => {
  restart(auth);
  if (payload.length < 17) return fail(CMD_CHECK_USER_TIME, LOCK_ERROR.INVALID_PARAM);
  const now = Math.floor(lock.clock.wallMs() / 60_000);
  const start = minutesOf(fromLockTime(payload.slice(0, 5)));
  const end = minutesOf(fromLockTime(payload.slice(5, 10)));
  const lockFlagPos = (payload[10] << 16) | (payload[11] << 8) | payload[12];
  const refused =
    !(now >= start) ? LOCK_ERROR.KEY_NOT_YET_VALID
      : !(now <= end) ? LOCK_ERROR.KEY_EXPIRED
        : lockFlagPos < lock.lockFlagPos ? LOCK_ERROR.KEY_FLAG_INVALID : 0;
  if (refused === 0) return challenge(lock, auth, CMD_CHECK_USER_TIME, 'user');
  auth.userTimeFailed = true;
  return fail(CMD_CHECK_USER_TIME, refused);
};

/** One answer per challenge: right or wrong, the challenge is used up. No challenge = wrong answer. */
const checkRandom: Handler = (lock, auth, payload) => {
  const { challenge: issued, pending } = auth;
  auth.challenge = null;
  auth.pending = null;
  const expected = issued === null ? null : (issued + lock.unlockKey) % U32;
  if (payload.length < 4 || expected === null || readU32BE(payload, 0) !== expected) {
    return fail(CMD_CHECK_RANDOM, lock.checkRandomFailureCode);
  }
  auth.level = pending ?? 'admin';
  return [CMD_CHECK_RANDOM, 0x01];
};

const HANDLERS: Record<number, Handler> = {
  [CMD_CHECK_ADMIN]: checkAdmin,
  [CMD_CHECK_USER_TIME]: checkUserTime,
  [CMD_CHECK_RANDOM]: checkRandom,
  0x03: managePasscode,
  0x07: listPasscodes,
  0x31: initPasswords,
  0x01: deviceFeature,
  0x43: timeCalibrate,
  0x34: getLockTime,
};

/** Runs one request; a command the lock does not simulate gets INVALID_COMMAND. */
export function runCommand(lock: LockState, auth: SessionAuth, command: number, payload: Uint8Array): Uint8Array {
  const handler = HANDLERS[command];
  const reply = handler ? handler(lock, auth, payload) : fail(command, LOCK_ERROR.INVALID_COMMAND);
  return Uint8Array.from(reply);
}

export function newSessionAuth(): SessionAuth {
  return { challenge: null, pending: null, level: 'none', userTimeFailed: false };
}

export function toNonZeroU32(value: number): number {
  const n = Math.floor(Math.abs(value)) % U32;
  return n === 0 ? 1 : n;
}
