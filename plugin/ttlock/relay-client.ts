/**
 * TTLock cloud steps through the developer's relay (cloud/ttlock/relay.ts), which holds the TTLock
 * client secret and account: `getLockData` before a Bluetooth write, `recordPasscode` after the lock
 * confirmed one, and `createCustomPasscodeAndRecord` doing both around createCustomPasscode. A record
 * that fails after the lock accepted the code is reported as such: the code works at the door, the cloud
 * does not know it yet, and `recordPasscode` can be retried alone. All resolve, none rejects.
 */
import { createCustomPasscode } from '../api/create-custom-passcode';
import { runtime } from '../api/runtime';
import type { CreateCustomPasscodeOption, CreateCustomPasscodeResult } from '../api/types';
import { TTLockError, successResult } from '../core/result';
import { NOT_AN_OBJECT, RelayTransportOption, answeredWithout, checkRelayTransport, invalidOption, postToRelay, unlessInvalid } from '../core/relay-request';
import { isNonNullObject, isNumber, isString } from '../core/assert';

export interface TTLockRelayOption extends RelayTransportOption {
  /** `relayUrl` is the relay's TTLock base, e.g. "https://relay.example.com/ttlock". */
  lockId: number;
}

export interface LockDataResult extends TTLockError {
  /** The admin eKey's lockData, when errorCode is 0. */
  lockData?: string;
}

export interface RecordPasscodeOption extends TTLockRelayOption {
  passcode: string;
  /** Epoch ms, as given to createCustomPasscode; 0 and 0 = permanent. */
  startDate: number;
  endDate: number;
  name?: string;
}

export interface RecordPasscodeResult extends TTLockError {
  /** The cloud's id of the recorded passcode, when errorCode is 0. */
  keyboardPwdId?: number;
}

export interface CreateAndRecordOption extends Omit<CreateCustomPasscodeOption, 'lockData'> {
  /** Where to record (and, without `lockData`, where to get it first). */
  relay: TTLockRelayOption & { name?: string };
  lockData?: string;
}

export interface CreateAndRecordResult extends CreateCustomPasscodeResult {
  /** true: on the lock and in the cloud. false: on the lock (errorCode 0) but NOT recorded, see recordError. */
  recorded?: boolean;
  keyboardPwdId?: number;
  /** Why recording failed; retry recordPasscode alone, never the Bluetooth write. */
  recordError?: TTLockError;
}

const HOUR = 3600000;

function checkLockOption(option: TTLockRelayOption): string | null {
  if (!isNonNullObject(option)) return NOT_AN_OBJECT;
  const id = option.lockId;
  if (!isNumber(id) || !Number.isSafeInteger(id) || id <= 0) return '"lockId" expected a positive integer';
  return checkRelayTransport(option);
}

export function getLockData(option: TTLockRelayOption): Promise<LockDataResult> {
  return unlessInvalid(checkLockOption(option), () =>
    postToRelay<LockDataResult>('/lock-data', option, { lockId: option.lockId }, (body) =>
      isString(body.lockData) && body.lockData !== ''
        ? successResult({ lockData: body.lockData })
        : answeredWithout('lockData'),
    ),
  );
}

function checkRecordOption(option: RecordPasscodeOption): string | null {
  const bad = checkLockOption(option);
  if (bad) return bad;
  if (!isString(option.passcode) || !/^\d{4,9}$/.test(option.passcode)) return '"passcode" expected a string of 4-9 digits';
  const { startDate, endDate } = option;
  if (!isNumber(startDate) || !isNumber(endDate) || !Number.isFinite(startDate) || !Number.isFinite(endDate)) {
    return '"startDate" and "endDate" expected epoch ms';
  }
  if (option.name !== undefined && !isString(option.name)) return '"name" expected a string';
  return null;
}

export function recordPasscode(option: RecordPasscodeOption): Promise<RecordPasscodeResult> {
  return unlessInvalid(checkRecordOption(option), () => sendRecord(option));
}

function sendRecord(option: RecordPasscodeOption): Promise<RecordPasscodeResult> {
  const { startDate, endDate } = option;
  // The plugin's permanent (0, 0) is the cloud's permanent type: a start and no end.
  const permanent = startDate === 0 && endDate === 0;
  const data: Record<string, unknown> = {
    lockId: option.lockId,
    passcode: option.passcode,
    startDate: permanent ? Math.floor(runtime.clock.now() / HOUR) * HOUR : startDate,
  };
  if (!permanent) data.endDate = endDate;
  if (option.name !== undefined) data.name = option.name;
  return postToRelay<RecordPasscodeResult>('/passcodes/record', option, data, (body) =>
    isNumber(body.keyboardPwdId)
      ? successResult({ keyboardPwdId: body.keyboardPwdId })
      : answeredWithout('keyboardPwdId'),
  );
}

/** lockData (from the relay unless given) -> Bluetooth write -> record in the TTLock cloud. */
export async function createCustomPasscodeAndRecord(option: CreateAndRecordOption): Promise<CreateAndRecordResult> {
  if (!isNonNullObject(option)) return invalidOption(NOT_AN_OBJECT);
  const bad = checkLockOption(option.relay);
  if (bad) return invalidOption(`relay: ${bad}`);
  let lockData = option.lockData;
  if (lockData === undefined) {
    const got = await getLockData(option.relay);
    if (got.errorCode !== 0) return got;
    lockData = got.lockData!;
  }
  const relay = option.relay;
  // Object.assign, not spread or rest: ES2017 has neither for objects, and esbuild's helpers for them cost 0.5 KB
  const bluetooth: CreateCustomPasscodeOption & { relay?: unknown } = Object.assign({}, option, { lockData });
  delete bluetooth.relay;
  const written: CreateAndRecordResult = await createCustomPasscode(bluetooth);
  if (written.errorCode !== 0) return written;
  const startDate = Number(option.startDate);
  const endDate = Number(option.endDate);
  const record = await recordPasscode(Object.assign({}, relay, { passcode: option.passcode, startDate, endDate, name: relay.name }));
  if (record.errorCode === 0) return Object.assign(written, { recorded: true, keyboardPwdId: record.keyboardPwdId });
  return Object.assign(written, {
    recorded: false,
    recordError: record,
    description: `passcode on the lock, not recorded in the TTLock cloud (${record.errorCode}): retry recordPasscode alone`,
  });
}
