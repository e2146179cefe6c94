/**
 * deletePasscode (lifecycle spec §2): op REMOVE_ONE after the admin login. The lock answers 21 for a
 * code it does not hold or that was never used. A lost verdict is settled by deleting again: the
 * lock then either deletes it or answers that it no longer holds it.
 */
import { runtime } from './runtime';
import { CMD_MANAGE_KEYBOARD_PASSWORD, decodeManagePasscodeReply, encodeDeletePasscode, PWD_OPERATE_REMOVE_ONE } from '../protocol';
import { startOperation } from './pipeline';
import { readArguments, readCommon, readPasscode, operation } from './operation';
import type { DeletePasscodeOption, DisconnectCallback, TTLockError } from './types';

const PASSCODE_NOT_EXIST = 0x15;
const DELETED = 'passcode deleted';

/** Deletes one keypad passcode from the lock. Never rejects. */
export function deletePasscode(option: DeletePasscodeOption): Promise<TTLockError>;
/** The official 2.x positional form. */
export function deletePasscode(passcode: string, lockData: string, disconnectCallback?: DisconnectCallback): Promise<TTLockError>;
export function deletePasscode(...args: unknown[]): Promise<TTLockError> {
  return startOperation('deletePasscode', () => {
    const option = readArguments<DeletePasscodeOption>(args, ['passcode'], 2);
    const passcode = readPasscode(option.passcode, 'passcode');
    const common = readCommon(option, true, runtime.clock.now());
    const payload = encodeDeletePasscode(passcode);
    const op = operation<object>(common, {
      needsAdmin: true,
      unknownHint: ' A retry answering 21: it was deleted.',
      async run(session) {
        const reply = await session.adminRequest(CMD_MANAGE_KEYBOARD_PASSWORD, payload, true);
        const { battery } = decodeManagePasscodeReply(reply, PWD_OPERATE_REMOVE_ONE);
        return { extra: {}, summary: DELETED, lockBattery: battery };
      },
      async settle(session) {
        const reply = await session.adminRequest(CMD_MANAGE_KEYBOARD_PASSWORD, payload, true);
        if (!reply.ok && reply.errorCode === PASSCODE_NOT_EXIST) {
          return { extra: {}, summary: 'passcode no longer on the lock' };
        }
        const { battery } = decodeManagePasscodeReply(reply, PWD_OPERATE_REMOVE_ONE);
        return { extra: {}, summary: DELETED, lockBattery: battery };
      },
    });
    return op;
  });
}
