/**
 * modifyPasscode (lifecycle spec §3): op MODIFY after the admin login, changing the value, the
 * window or both. `passcode` equal to the original keeps the value (Ln = 0); startDate 0 and endDate
 * 0 make the code permanent as createCustomPasscode does (§12.2's suggestion); keepValidity sends no
 * dates. A lock whose featureValue lacks bit 7 is refused before connecting, as the official SDK does.
 * A lost verdict is settled from the lock's list.
 */
import { runtime } from './runtime';
import { Code, LockError } from '../core/errors';
import {
  CMD_MANAGE_KEYBOARD_PASSWORD,
  decodeManagePasscodeReply,
  encodeModifyPasscode,
  FEATURE_MODIFY_PASSCODE,
  hasFeature,
  PWD_OPERATE_MODIFY,
} from '../protocol';
import { findListed, sameWindow } from './passcode-list-reader';
import { guardClock } from './clock-guard';
import { startOperation } from './pipeline';
import { invalid, readArguments, readCommon, readDates, readPasscode, resolveWindow, operation, windowBytes } from './operation';
import type { DisconnectCallback, ModifyPasscodeOption, TTLockError } from './types';

/** Changes a passcode's value and/or validity window on the lock. Never rejects. */
export function modifyPasscode(option: ModifyPasscodeOption): Promise<TTLockError>;
/** The official 2.x positional form. */
export function modifyPasscode(
  originalPasscode: string,
  passcode: string,
  startDate: number | string,
  endDate: number | string,
  lockData: string,
  disconnectCallback?: DisconnectCallback,
): Promise<TTLockError>;
export function modifyPasscode(...args: unknown[]): Promise<TTLockError> {
  return startOperation('modifyPasscode', () => {
    const option = readArguments<ModifyPasscodeOption>(args, ['originalPasscode', 'passcode', 'startDate', 'endDate'], 5);
    const original = readPasscode(option.originalPasscode, 'originalPasscode');
    const next = readPasscode(option.passcode, 'passcode');
    const keepValidity = option.keepValidity === true;
    if (option.keepValidity !== undefined && typeof option.keepValidity !== 'boolean') throw invalid('keepValidity: expected a boolean');
    const dates = keepValidity ? { start: 0, end: 0 } : readDates(option);
    const common = readCommon(option, true, dates.start || runtime.clock.now());
    const { featureValue } = common.lockInfo;
    if (featureValue !== undefined && !hasFeature(featureValue, FEATURE_MODIFY_PASSCODE)) {
      throw new LockError(Code.UNSUPPORTED_LOCK, 'lock cannot modify passcodes');
    }
    const tz = common.lockZoneMs;
    let window: { start: Uint8Array; end: Uint8Array } | undefined;
    if (!keepValidity) {
      const { startMs, endMs } = resolveWindow(dates.start, dates.end, tz);
      window = { start: windowBytes(startMs, common), end: windowBytes(endMs, common) };
    }
    const payload = encodeModifyPasscode(Object.assign({ originalPasscode: original, passcode: next === original ? undefined : next }, window));
    const changed = (battery?: number) => ({ extra: {}, summary: 'passcode changed', lockBattery: battery });
    const op = operation<object>(common, {
      needsAdmin: true,
      unknownHint: ' getAllValidPasscode shows the lock\'s list.',
      async run(session) {
        const timed = window !== undefined && !(dates.start === 0 && dates.end === 0);
        const clockNote = timed ? await guardClock(session) : '';
        const reply = await session.adminRequest(CMD_MANAGE_KEYBOARD_PASSWORD, payload, true);
        const outcome = changed(decodeManagePasscodeReply(reply, PWD_OPERATE_MODIFY).battery);
        outcome.summary += clockNote;
        return outcome;
      },
      async settle(session) {
        const now = await findListed(session, next);
        if (now && (!window || sameWindow(now, window.start, window.end))) return changed();
        // Still the old code (or no record of either): the modify did not apply. Sending it again
        // decides, since the lock answers it either way.
        if (next !== original && now) return new LockError(Code.LOCK_REPORTED, 'new value is another passcode\'s', { remoteCode: 0x14 });
        const reply = await session.adminRequest(CMD_MANAGE_KEYBOARD_PASSWORD, payload, true);
        // 21 with neither value listed: applied to a code the lock does not list, or never there.
        if (!reply.ok && reply.errorCode === 0x15 && !now) return undefined;
        return changed(decodeManagePasscodeReply(reply, PWD_OPERATE_MODIFY).battery);
      },
    });
    return op;
  });
}
