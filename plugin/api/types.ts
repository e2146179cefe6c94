/**
 * The public types of createCustomPasscode and friends. typings/ re-exports these (no hand-written
 * .d.ts to drift). The option and result shapes follow the official TTLock plugin 3.x contract
 * (ttlock-plugin-api.md §2); `onProgress` and the config are lockwire additions.
 */
import type { TTLockError } from '../core/result';
import type { LockwireConfig, ProgressStep } from '../core/settings';

export type { TTLockError, LockwireConfig, ProgressStep };

export type DisconnectCallback = (result: TTLockError) => void;
export type ProgressCallback = (step: ProgressStep) => void;

export interface CreateCustomPasscodeOption {
  /** 4 to 9 ASCII digits. */
  passcode: string;
  /** Epoch milliseconds (a numeric string is accepted). 0 together with endDate 0 = permanent. */
  startDate: number | string;
  /** Epoch milliseconds (a numeric string is accepted). */
  endDate: number | string;
  /** The official lockData string of an admin eKey. */
  lockData: string;
  /** Called once if the Bluetooth link drops during this operation. */
  disconnectCallback?: DisconnectCallback;
  /** lockwire addition: progress of this operation. */
  onProgress?: ProgressCallback;
}

export interface CreateCustomPasscodeResult extends TTLockError {
  /** The passcode written, on success. */
  passcode?: string;
}

/** What every lifecycle operation accepts besides its own fields. */
export interface OperationCallbacks {
  /** Called once if the Bluetooth link drops during this operation. */
  disconnectCallback?: DisconnectCallback;
  /** lockwire addition: progress of this operation. */
  onProgress?: ProgressCallback;
}

export interface ModifyPasscodeOption extends OperationCallbacks {
  /** The code as the lock holds it now (after any earlier modify). */
  originalPasscode: string;
  /** The new value; equal to originalPasscode keeps the value. */
  passcode: string;
  /** Epoch ms; startDate 0 and endDate 0 = permanent, as for createCustomPasscode. */
  startDate: number | string;
  endDate: number | string;
  /** lockwire addition: keep the code's window and ignore startDate/endDate. */
  keepValidity?: boolean;
  /** The lockData string of the admin eKey. */
  lockData: string;
}

export interface DeletePasscodeOption extends OperationCallbacks {
  passcode: string;
  /** The lockData string of the admin eKey. */
  lockData: string;
}

export interface LockOption extends OperationCallbacks {
  lockData: string;
}

/** One passcode as getAllValidPasscode reports it (the official plugin's PasscodeInfo). */
export interface PasscodeInfo {
  /** As on the wire: 1 permanent, 2 one-time, 3 timed, 4 cyclic. */
  keyboardPwdType: number;
  /** The value the keypad takes now. */
  keyboardPwd: string;
  /** The value first stored (differs after a modify of the value). */
  oldKeyboardPwd: string;
  /** Epoch ms, read in the lock's zone (lockData.timezoneRawOffset), minute precision. */
  startDate: number;
  /** Absent for permanent and cyclic codes. */
  endDate?: number;
  /** Cyclic codes only, as the lock sends it. */
  cycleType?: number;
}

export interface GetAllValidPasscodeResult extends TTLockError {
  keyboardPwdList?: PasscodeInfo[];
}

export interface ResetPasscodeOption extends LockOption {
  /** Epoch ms that stamps the new table (default: the phone's clock). */
  serverTime?: number;
}

export interface ResetPasscodeResult extends TTLockError {
  /** The new lockData, for the cloud's /v3/lock/updateLockData (not for Bluetooth). */
  lockData?: string;
}

export interface SetLockTimeOption extends OperationCallbacks {
  /** Any eKey's lockData: the eKey handshake is used, not the admin one. */
  lockData: string;
  /** Epoch ms to set (default: the phone's clock); time spent connecting is added. */
  serverTime?: number | string;
}

export interface GetLockTimeOption extends OperationCallbacks {
  /** Any eKey's lockData (no login is needed to read the clock). */
  lockData: string;
  /** Epoch ms of a trusted clock, to report the lock's offset from it too. */
  serverTime?: number | string;
}

export interface GetLockTimeResult extends TTLockError {
  /** The instant the lock's clock names (its wall clock read in its zone), whole seconds. */
  lockTime?: number;
  /** lockTime minus the phone's clock at the reading. */
  offsetMs?: number;
  /** lockTime minus serverTime (advanced by the time spent), when serverTime was given. */
  serverOffsetMs?: number;
}
