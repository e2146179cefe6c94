/**
 * The one table from wx Bluetooth failures to our error codes. A wx failure means different things
 * at different steps (10012 is a connect timeout at createBLEConnection, 10001 is "adapter off"
 * anywhere), so the lookup is by step first, then errCode. The raw errCode travels along as
 * `wxErrCode` for diagnostics.
 */
import { ErrorCodeName, LockError } from '../core/errors';

export type BleStep =
  | 'openAdapter'
  | 'startScan'
  | 'connect'
  | 'services'
  | 'characteristics'
  | 'notify'
  | 'write';

/** What a failure (or a missing callback) at each step means when nothing more specific applies. */
const STEP_DEFAULT: Record<BleStep, ErrorCodeName> = {
  openAdapter: 'BLE_ADAPTER_FAILED',
  startScan: 'BLE_SCAN_FAILED',
  connect: 'BLE_CONNECT_FAILED',
  services: 'BLE_SERVICES_FAILED',
  characteristics: 'BLE_CHARACTERISTICS_FAILED',
  notify: 'BLE_NOTIFY_FAILED',
  write: 'BLE_WRITE_FAILED',
};

/** No callback within the step's limit. */
const STEP_TIMEOUT: Record<BleStep, ErrorCodeName> = Object.assign({}, STEP_DEFAULT, { connect: 'BLE_CONNECT_TIMEOUT' });

/** errCodes whose meaning does not depend on the step. */
const ANY_STEP: Record<number, ErrorCodeName> = {
  10001: 'BLE_ADAPTER_OFF',
  10006: 'BLE_DISCONNECTED',
  10009: 'BLE_UNSUPPORTED',
};

/** errCodes that mean something specific at one step. */
const AT_STEP: Partial<Record<BleStep, Record<number, ErrorCodeName>>> = {
  connect: { 10012: 'BLE_CONNECT_TIMEOUT' },
};

export interface WxFailure {
  errCode?: number;
  errno?: number;
  errMsg?: string;
}

/** WeChat reports a refused scope.bluetooth through errno 103 / "auth deny", without an errCode. */
function isPermissionDenied(f: WxFailure): boolean {
  return f.errno === 103 || /auth den/i.test(f.errMsg ?? '');
}

export function wxFailureToError(step: BleStep, failure: unknown): LockError {
  const f: WxFailure = typeof failure === 'object' && failure !== null ? (failure as WxFailure) : {};
  const errCode = typeof f.errCode === 'number' ? f.errCode : undefined;
  let code: ErrorCodeName = STEP_DEFAULT[step];
  if (isPermissionDenied(f)) code = 'BLE_PERMISSION_DENIED';
  else if (errCode !== undefined) code = AT_STEP[step]?.[errCode] ?? ANY_STEP[errCode] ?? code;
  const detail = errCode !== undefined ? `wx errCode ${errCode}` : f.errno !== undefined ? `wx errno ${f.errno}` : 'no errCode';
  return new LockError(code, `${step} failed (${detail})`, { wxErrCode: errCode ?? f.errno });
}

export function wxTimeoutError(step: BleStep, ms: number): LockError {
  return new LockError(STEP_TIMEOUT[step], `${step}: no answer from wx within ${ms} ms`);
}
