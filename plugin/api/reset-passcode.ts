/**
 * resetPasscode (lifecycle spec §7): after the admin login, INIT_PASSWORDS sends a fresh ten-year
 * table of (code, secretKey) pairs; the result is the input lockData with the same table as
 * `pwdInfo` + `timestamp`, for the cloud's /v3/lock/updateLockData. Pinned by the vendor's code and
 * the vectors, not yet seen on a real lock. The table comes from Math.random: plugins have no
 * crypto random source (wx.getUserCryptoManager is not available to plugins).
 */
import { runtime } from './runtime';
import {
  CMD_INIT_PASSWORDS,
  decodeInitPasswordsReply,
  encodeInitPasswords,
  encodePwdInfo,
  firstResetYear,
  lockDataWithResetTable,
  makeResetTable,
} from '../protocol';
import { startOperation } from './pipeline';
import { phoneOffsetMs, readArguments, readCommon, readServerTime, operation } from './operation';
import type { ResetPasscodeOption, ResetPasscodeResult } from './types';

const randomBelow = (n: number) => Math.floor(Math.random() * n);

/** Invalidates every ordinary passcode and resolves the new lockData for the cloud. Never rejects. */
export function resetPasscode(option: ResetPasscodeOption): Promise<ResetPasscodeResult> {
  return startOperation('resetPasscode', () => {
    const opt = readArguments<ResetPasscodeOption>([option], [], 0);
    const timestamp = readServerTime(opt) ?? runtime.clock.now();
    const common = readCommon(opt, true, timestamp);
    const table = makeResetTable(firstResetYear(timestamp + phoneOffsetMs(timestamp)), randomBelow);
    const payload = encodeInitPasswords(table);
    const lockData = lockDataWithResetTable(opt.lockData, encodePwdInfo(table, timestamp), timestamp);
    const op = operation<{ lockData: string }>(common, {
      needsAdmin: true,
      async run(session) {
        decodeInitPasswordsReply(await session.adminRequest(CMD_INIT_PASSWORDS, payload, true));
        return { extra: { lockData }, summary: 'passcodes reset; upload lockData (/v3/lock/updateLockData)' };
      },
    });
    return op;
  });
}
