/**
 * The public types of createCustomPasscode and friends. typings/ re-exports these (no hand-written
 * .d.ts to drift). The option and result shapes follow the official TTLock plugin 3.x contract
 * (ttlock-plugin-api.md §2); `onProgress` and the config are lockwire additions.
 */
import type { TTLockError } from '../core/result';

export type { TTLockError };

/** Steps reported through onProgress, in this order; a reused link skips scanning and connecting. */
export type ProgressStep = 'scanning' | 'connecting' | 'authenticating' | 'writing' | 'done';

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

/** Tunables (all optional). Defaults follow the official SDK's timing (ttlock-v3-protocol.md §7). */
export interface LockwireConfig {
  /** Give up looking for the lock after this long. Default 10000. */
  scanTimeoutMs: number;
  /** One createBLEConnection attempt. Default 10000. */
  connectTimeoutMs: number;
  /** Each GATT call (discovery, notify enable, one write). Default 3000. */
  gattTimeoutMs: number;
  /** Wait for the lock's reply after the last chunk of a command. Default 2500. */
  replyTimeoutMs: number;
  /** Keep the link open this long after an operation so the next one skips scan and connect. Default 2000. */
  keepAliveMs: number;
  /** Upper bound for one whole operation, retries included; releasing Bluetooth afterwards may add up to 2.5 s. Default 30000. */
  operationBudgetMs: number;
  /** Extra connection attempts after a failed one (within the budget). Default 2. */
  connectRetries: number;
  /**
   * openBluetoothAdapter, which shows the permission and privacy popups on first use and waits for
   * the user. Not part of operationBudgetMs (the budget starts once the adapter is open). Default 30000.
   */
  adapterTimeoutMs: number;
  /** Wait before a new connection attempt after Android's GATT 133 / 10003 (an immediate retry fails again). Default 1000. */
  connectRetryDelayMs: number;
  /**
   * 'auto' (default): close the Bluetooth adapter after the keep-alive if lockwire opened it and the
   * host app is not seen using it (own connection or scan). 'never': leave it open for the host.
   * An adapter the host opened is never closed by lockwire.
   */
  releaseAdapter: 'auto' | 'never';
  /**
   * When the link drops after a passcode write went out and before its reply, reconnect within the
   * budget and answer from what the lock holds (true, default), or report 10003 with
   * `outcomeUnknown: true` as the official plugin would (false).
   */
  settleOutcomes: boolean;
  /**
   * Before writing a timed passcode, read the lock clock (one exchange, no login) and, when it is off
   * by more than clockToleranceMs: 'warn' in the result's description, 'fix' by setting it, or
   * 'off' (default) to skip the read (README: the measured cost).
   */
  clockCheck: 'off' | 'warn' | 'fix';
  /** How far the lock clock may be off before clockCheck acts. Default 120000 (2 minutes). */
  clockToleranceMs: number;
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
