/**
 * createCustomPasscode: a period passcode written with op ADD after the admin login. A lost reply
 * is settled from the lock's list (§3 of the lifecycle issue).
 */
import { Code, LockError } from '../core/errors';
import {
  decodeAddPasscodeReply,
  CMD_MANAGE_KEYBOARD_PASSWORD,
  encodeAddPasscode,
} from '../protocol';
import { guardClock } from './clock-guard';
import { startOperation } from './pipeline';
import { findListed, sameWindow } from './passcode-list-reader';
import { readArguments, readCommon, readDates, readPasscode, resolveWindow, operation, windowBytes } from './operation';
import type { CreateCustomPasscodeOption, CreateCustomPasscodeResult, DisconnectCallback } from './types';

/** Writes a keypad passcode to a TTLock V3 lock. Never rejects: failures resolve with errorCode != 0. */
export function createCustomPasscode(option: CreateCustomPasscodeOption): Promise<CreateCustomPasscodeResult>;
/** The official 2.x positional form, still accepted by the 3.x plugin. */
export function createCustomPasscode(
  passcode: string,
  startDate: number | string,
  endDate: number | string,
  lockData: string,
  disconnectCallback?: DisconnectCallback,
): Promise<CreateCustomPasscodeResult>;
export function createCustomPasscode(...args: unknown[]): Promise<CreateCustomPasscodeResult> {
  return startOperation('createCustomPasscode', () => {
    const option = readArguments<CreateCustomPasscodeOption>(args, ['passcode', 'startDate', 'endDate'], 4);
    const passcode = readPasscode(option.passcode, 'passcode');
    const dates = readDates(option);
    const common = readCommon(option, true, dates.start);
    const { startMs, endMs } = resolveWindow(dates.start, dates.end, common.lockZoneMs);
    const start = windowBytes(startMs, common);
    const end = windowBytes(endMs, common);
    const payload = encodeAddPasscode({ passcode, start, end });
    const stored = (battery?: number) => ({ extra: { passcode }, summary: 'passcode stored', lockBattery: battery });
    const op = operation<{ passcode: string }>(common, {
      needsAdmin: true,
      unknownHint: ' A retry answering 20: it was stored.',
      async run(session) {
        const clockNote = dates.start === 0 && dates.end === 0 ? '' : await guardClock(session);
        const reply = await session.adminRequest(CMD_MANAGE_KEYBOARD_PASSWORD, payload, true);
        const outcome = stored(decodeAddPasscodeReply(reply).battery);
        outcome.summary += clockNote;
        return outcome;
      },
      async settle(session) {
        const listed = await findListed(session, passcode);
        if (listed) {
          if (sameWindow(listed, start, end)) return stored();
          return new LockError(Code.LOCK_REPORTED, 'lock holds this passcode with another window', { remoteCode: 0x14 });
        }
        // Not listed: not stored, or stored but never typed (some locks list only those). Writing it
        // again decides the first case; "exists" leaves only the second, whose window nobody can read.
        const reply = await session.adminRequest(CMD_MANAGE_KEYBOARD_PASSWORD, payload, true);
        if (!reply.ok && reply.errorCode === 0x14) return undefined;
        return stored(decodeAddPasscodeReply(reply).battery);
      },
    });
    return op;
  });
}
