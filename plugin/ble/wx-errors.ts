/**
 * The one table from wx Bluetooth failures to our error codes. `errno` (newer base libraries) wins
 * over `errCode` when both are present, and some failures carry `errno` only: both are first
 * normalised to one wx code, which then means different things at different steps (10012 is a
 * connect timeout at createBLEConnection, 10001 is "adapter off" anywhere), so the lookup is by
 * step first, then code. The raw code travels along (the error's wxErrCode) for diagnostics.
 */
import { Code, LockError } from '../core/errors';
import { isNonNullObject, isNumber } from '../core/assert';

export type BleStep =
  | 'adapterState'
  | 'openAdapter'
  | 'startScan'
  | 'connect'
  | 'services'
  | 'characteristics'
  | 'notify'
  | 'write';

/** What a failure (or a missing callback) at each step means when nothing more specific applies. */
const STEP_DEFAULT: Record<BleStep, Code> = {
  adapterState: Code.BLE_ADAPTER_FAILED,
  openAdapter: Code.BLE_ADAPTER_FAILED,
  startScan: Code.BLE_SCAN_FAILED,
  connect: Code.BLE_CONNECT_FAILED,
  services: Code.BLE_SERVICES_FAILED,
  characteristics: Code.BLE_CHARACTERISTICS_FAILED,
  notify: Code.BLE_NOTIFY_FAILED,
  write: Code.BLE_WRITE_FAILED,
};

/** No callback within the step's limit. */
const STEP_TIMEOUT: Record<BleStep, Code> = Object.assign({}, STEP_DEFAULT, { connect: Code.BLE_CONNECT_TIMEOUT });

/** Bluetooth errno -> the errCode it stands for (wx-ble-real-phones.md §2). */
const ERRNO_TO_CODE: Record<number, number> = {
  1500101: 10000,
  1500102: 10001,
  1500103: 10004,
  1500104: 10008,
  1500105: 10009,
  1509001: 10003,
  1509002: 10005,
  1509003: 10006,
  1509004: 10007,
  1509005: 10012,
  1509006: 10002,
  1509007: -1,
};

/** errnos that are refusals of a permission, not Bluetooth codes. */
const PERMISSION_ERRNO: Record<number, Code> = {
  3: Code.BLE_NO_SYSTEM_PERMISSION, // the phone denies WeChat Bluetooth
  103: Code.BLE_PERMISSION_DENIED, // the user refused scope.bluetooth
  104: Code.BLE_PERMISSION_DENIED, // privacy agreement not accepted
  112: Code.BLE_PERMISSION_DENIED,
  1509008: Code.BLE_LOCATION_DENIED, // Android scan without the location permission
};

/** codes whose meaning does not depend on the step. */
const ANY_STEP: Record<number, Code> = {
  10000: Code.BLE_NOT_INIT,
  10001: Code.BLE_ADAPTER_OFF,
  10006: Code.BLE_DISCONNECTED,
  10009: Code.BLE_UNSUPPORTED,
};

/** codes that mean something specific at one step. */
const AT_STEP: Partial<Record<BleStep, Record<number, Code>>> = {
  connect: { 10012: Code.BLE_CONNECT_TIMEOUT },
};

/** CoreBluetooth's state on an iOS adapter failure: 3 = WeChat lacks the permission, 4 = off. */
const IOS_STATE: Record<number, Code> = { 3: Code.BLE_NO_SYSTEM_PERMISSION, 4: Code.BLE_ADAPTER_OFF };

export interface WxFailure {
  errCode?: number;
  errno?: number;
  errMsg?: string;
  state?: number;
}

/** The wx code of a failure: errno first (mapped), then errCode; undefined when neither is known. */
export function wxCodeOf(failure: unknown): number | undefined {
  const f: WxFailure = isNonNullObject(failure) ? (failure as WxFailure) : {};
  if (isNumber(f.errno) && ERRNO_TO_CODE[f.errno] !== undefined) return ERRNO_TO_CODE[f.errno];
  return isNumber(f.errCode) ? f.errCode : undefined;
}

export function wxFailureToError(step: BleStep, failure: unknown): LockError {
  const f: WxFailure = isNonNullObject(failure) ? (failure as WxFailure) : {};
  const code = wxCodeOf(f);
  let name: Code = STEP_DEFAULT[step];
  const permission = isNumber(f.errno) ? PERMISSION_ERRNO[f.errno] : undefined;
  if (permission !== undefined) name = permission;
  else if (/auth den/i.test(f.errMsg || '')) name = Code.BLE_PERMISSION_DENIED;
  else if (isNumber(f.state) && IOS_STATE[f.state] !== undefined) name = IOS_STATE[f.state];
  else if (code !== undefined) name = AT_STEP[step]?.[code] ?? ANY_STEP[code] ?? name;
  const detail = f.errno !== undefined ? `wx errno ${f.errno}` : code !== undefined ? `wx errCode ${code}` : 'no errCode';
  return new LockError(name, `${step} failed (${detail})`, { wxErrCode: code ?? f.errno });
}

export function wxTimeoutError(step: BleStep, ms: number): LockError {
  return new LockError(STEP_TIMEOUT[step], `${step}: no answer from wx within ${ms} ms`);
}
