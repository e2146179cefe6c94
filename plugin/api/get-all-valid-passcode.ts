/**
 * getAllValidPasscode (lifecycle spec §5): every page of the lock's list after one admin login, in
 * the official plugin's shape: type numbers as on the wire, keyboardPwd = the current value,
 * oldKeyboardPwd = the original, dates in epoch ms read in the lock's zone, no endDate for
 * permanent (and cyclic) codes. Codes never typed on the keypad may be missing (official docs).
 */
import { runtime } from './runtime';
import { lockTimeToEpochMs, type ListedPasscode } from '../protocol';
import { readAllPasscodes } from './passcode-list-reader';
import { startOperation } from './pipeline';
import { readArguments, readCommon, operation } from './operation';
import type { DisconnectCallback, GetAllValidPasscodeResult, LockOption, PasscodeInfo } from './types';

function toPasscodeInfo(p: ListedPasscode, tz: number): PasscodeInfo {
  const info: PasscodeInfo = {
    keyboardPwdType: p.type,
    keyboardPwd: p.passcode,
    oldKeyboardPwd: p.originalPasscode,
    startDate: lockTimeToEpochMs(p.start, tz),
  };
  if (p.end) info.endDate = lockTimeToEpochMs(p.end, tz);
  if (p.cycleType !== undefined) info.cycleType = p.cycleType;
  return info;
}

/** Lists the passcodes the lock holds. Never rejects. */
export function getAllValidPasscode(option: LockOption): Promise<GetAllValidPasscodeResult>;
/** The 2.x positional form. */
export function getAllValidPasscode(lockData: string, disconnectCallback?: DisconnectCallback): Promise<GetAllValidPasscodeResult>;
export function getAllValidPasscode(...args: unknown[]): Promise<GetAllValidPasscodeResult> {
  return startOperation('getAllValidPasscode', () => {
    const option = readArguments<LockOption>(args, [], 1);
    const common = readCommon(option, true, runtime.clock.now());
    const op = operation<{ keyboardPwdList: PasscodeInfo[] }>(common, {
      needsAdmin: true,
      async run(session) {
        const listed = await readAllPasscodes(session);
        const keyboardPwdList = listed.map((p) => toPasscodeInfo(p, common.lockZoneMs));
        return { extra: { keyboardPwdList }, summary: `${keyboardPwdList.length} passcodes listed` };
      },
    });
    return op;
  });
}
