/**
 * What the virtual lock does with each decrypted request (protocol doc §5.3–§5.5). One handler per
 * command in a table; each returns the reply plaintext [echo][status][data...]. Where the doc marks
 * the lock's behaviour uncertain, the choice is written next to the handler.
 */
import {
  CMD_CHECK_ADMIN,
  CMD_CHECK_RANDOM,
  CMD_MANAGE_KEYBOARD_PASSWORD,
} from '../plugin/protocol';
import { readU32BE, writeU32BE } from '../plugin/core/bytes';
import { LOCK_ERROR, parseAddRequest, type PasscodeStore } from './passcode-store';

const PWD_OPERATE_ADD = 2;
const U32 = 0x1_0000_0000;

/** The lock's own settings, as the commands see them. */
export interface LockState {
  adminPs: number;
  unlockKey: number;
  lockFlagPos: number;
  battery: number;
  checkRandomFailureCode: number;
  store: PasscodeStore;
  /** A fresh non-zero u32 challenge. */
  nextPsFromLock(): number;
}

/** Per connection: the handshake state, forgotten when the link drops. */
export interface SessionAuth {
  challenge: number | null;
  authenticated: boolean;
}

type Handler = (lock: LockState, auth: SessionAuth, payload: Uint8Array) => number[];

const fail = (command: number, code: number) => [command, 0x00, code];

function u32Bytes(value: number): number[] {
  const out = new Uint8Array(4);
  writeU32BE(out, 0, value);
  return [...out];
}

/** A new CHECK_ADMIN starts the handshake over, so it also ends any earlier login. */
const checkAdmin: Handler = (lock, auth, payload) => {
  auth.authenticated = false;
  auth.challenge = null;
  if (payload.length < 11) return fail(CMD_CHECK_ADMIN, LOCK_ERROR.INVALID_PARAM);
  const adminPs = readU32BE(payload, 0);
  const lockFlagPos = (payload[4] << 16) | (payload[5] << 8) | payload[6];
  if (adminPs !== lock.adminPs) return fail(CMD_CHECK_ADMIN, LOCK_ERROR.ADMIN_CHECK);
  if (lockFlagPos < lock.lockFlagPos) return fail(CMD_CHECK_ADMIN, LOCK_ERROR.KEY_FLAG_INVALID);
  auth.challenge = lock.nextPsFromLock();
  return [CMD_CHECK_ADMIN, 0x01, ...u32Bytes(auth.challenge)];
};

/** One answer per challenge: right or wrong, the challenge is used up. No challenge = wrong answer. */
const checkRandom: Handler = (lock, auth, payload) => {
  const challenge = auth.challenge;
  auth.challenge = null;
  const expected = challenge === null ? null : (challenge + lock.unlockKey) % U32;
  if (payload.length < 4 || expected === null || readU32BE(payload, 0) !== expected) {
    return fail(CMD_CHECK_RANDOM, lock.checkRandomFailureCode);
  }
  auth.authenticated = true;
  return [CMD_CHECK_RANDOM, 0x01];
};

/** Only op ADD is simulated; other ops answer INVALID_COMMAND. Not logged in: USER_NOT_LOGIN (0x12). */
const manageKeyboardPassword: Handler = (lock, auth, payload) => {
  const cmd = CMD_MANAGE_KEYBOARD_PASSWORD;
  if (!auth.authenticated) return fail(cmd, LOCK_ERROR.USER_NOT_LOGIN);
  if (payload[0] !== PWD_OPERATE_ADD) return fail(cmd, LOCK_ERROR.INVALID_COMMAND);
  const request = parseAddRequest(payload.subarray(1));
  if ('error' in request) return fail(cmd, request.error);
  const stored = lock.store.add(request);
  if (stored !== 0) return fail(cmd, stored);
  return [cmd, 0x01, lock.battery, PWD_OPERATE_ADD];
};

const HANDLERS: Record<number, Handler> = {
  [CMD_CHECK_ADMIN]: checkAdmin,
  [CMD_CHECK_RANDOM]: checkRandom,
  [CMD_MANAGE_KEYBOARD_PASSWORD]: manageKeyboardPassword,
};

/** Runs one request; a command the lock does not simulate (PWD_LIST included) gets INVALID_COMMAND. */
export function runCommand(lock: LockState, auth: SessionAuth, command: number, payload: Uint8Array): Uint8Array {
  const handler = HANDLERS[command];
  const reply = handler ? handler(lock, auth, payload) : fail(command, LOCK_ERROR.INVALID_COMMAND);
  return Uint8Array.from(reply);
}

export function toNonZeroU32(value: number): number {
  const n = Math.floor(Math.abs(value)) % U32;
  return n === 0 ? 1 : n;
}
