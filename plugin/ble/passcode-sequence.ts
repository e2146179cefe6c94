/**
 * The commands of createCustomPasscode on a ready link (ttlock-v3-protocol.md §5.2):
 * CHECK_ADMIN (header from lockData.lockVersion) -> CHECK_RANDOM -> ADD (canned header 5,3,1,1,1).
 * The handshake runs on every operation, even on a reused link, as the official SDK does.
 */
import { isLockError, LockError } from '../core/errors';
import {
  CMD_CHECK_ADMIN,
  CMD_CHECK_RANDOM,
  CMD_MANAGE_KEYBOARD_PASSWORD,
  decodeAddPasscodeReply,
  decodeCheckAdminReply,
  decodeCheckRandomReply,
  encodeAddPasscode,
  encodeCheckAdmin,
  encodeCheckRandom,
  encodeFrame,
  splitForWrite,
  toLockTime,
  type LockData,
} from '../protocol';
import type { ExchangeStepLimits, LockLink } from './lock-link';

export interface PasscodeWrite {
  lockData: LockData;
  passcode: string;
  /** Epoch ms, already resolved by the official permanent rule. */
  startMs: number;
  endMs: number;
  /** The lock's zone offset in ms (lockData.timezoneRawOffset, or the phone's at startMs when absent). */
  timezoneRawOffset: number;
  /** The offset for endMs when it differs (the phone's zone across a DST change); default timezoneRawOffset. */
  endTimezoneRawOffset?: number;
}

export interface ExchangeLimits {
  writeMs: () => number;
  replyMs: () => number;
}

/** Errors after the ADD frame may have reached the lock leave the outcome unknown (no readable verdict). */
const UNKNOWN_AFTER_SEND = new Set(['BLE_DISCONNECTED', 'BLE_WRITE_FAILED', 'TIMEOUT', 'PROTO_CRC', 'PROTO_DECRYPT']);

export async function authenticate(link: LockLink, lockData: LockData, limits: ExchangeLimits): Promise<void> {
  const { aesKey } = lockData;
  const admin = encodeCheckAdmin({ adminPs: lockData.adminPs, lockFlagPos: lockData.lockFlagPos, uid: lockData.uid });
  const adminFrame = encodeFrame(CMD_CHECK_ADMIN, admin, aesKey, lockData.lockVersion);
  const handshake = { ...current(limits), resendIfDeaf: true };
  const psFromLock = decodeCheckAdminReply(await link.exchange(splitForWrite(adminFrame), CMD_CHECK_ADMIN, aesKey, handshake));
  const randomFrame = encodeFrame(CMD_CHECK_RANDOM, encodeCheckRandom(psFromLock, lockData.unlockKey), aesKey);
  decodeCheckRandomReply(await link.exchange(splitForWrite(randomFrame), CMD_CHECK_RANDOM, aesKey, { ...current(limits), resendIfDeaf: true }));
}

export async function addPasscode(link: LockLink, write: PasscodeWrite, limits: ExchangeLimits): Promise<{ battery: number }> {
  const { aesKey } = write.lockData;
  const payload = encodeAddPasscode({
    passcode: write.passcode,
    start: toLockTime(write.startMs, write.timezoneRawOffset),
    end: toLockTime(write.endMs, write.endTimezoneRawOffset ?? write.timezoneRawOffset),
  });
  const pieces = splitForWrite(encodeFrame(CMD_MANAGE_KEYBOARD_PASSWORD, payload, aesKey));
  let mayHaveReachedLock = false;
  try {
    const reply = await link.exchange(pieces, CMD_MANAGE_KEYBOARD_PASSWORD, aesKey, current(limits), () => {
      mayHaveReachedLock = true;
    });
    return decodeAddPasscodeReply(reply);
  } catch (err) {
    if (mayHaveReachedLock && isLockError(err) && UNKNOWN_AFTER_SEND.has(err.code)) {
      throw new LockError(
        err.code,
        `${err.message}. Outcome unknown: the passcode was sent and the lock did not confirm it, so it may be stored. ` +
          'Retry the same call: errorCode 20 (passcode exists) then means it was stored.',
        { cause: err, wxErrCode: err.wxErrCode },
      );
    }
    throw err;
  }
}

function current(limits: ExchangeLimits): ExchangeStepLimits {
  return { writeMs: limits.writeMs(), replyMs: limits.replyMs(), probeMs: limits.writeMs };
}
