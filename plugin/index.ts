/**
 * lockwire's public surface: what `requirePlugin('lockwire')` returns. Nothing else lives here.
 */
export { createCustomPasscode } from './api/create-custom-passcode';
export { modifyPasscode } from './api/modify-passcode';
export { deletePasscode } from './api/delete-passcode';
export { getAllValidPasscode } from './api/get-all-valid-passcode';
export { resetPasscode } from './api/reset-passcode';
export { setLockTime } from './api/set-lock-time';
export { getLockTime } from './api/get-lock-time';
export { configure, finishOperations, setShowLog, stopAllOperations } from './api/lifecycle';
export { requestTempPassword } from './tuya/relay-client';
export {
  createOfflinePassword,
  deleteTempPassword,
  freezeTempPassword,
  getDynamicPassword,
  listTempPasswords,
  modifyTempPassword,
  unfreezeTempPassword,
} from './tuya/password-operations';
export { DEFAULT_CONFIG } from './api/config';
export type {
  CreateCustomPasscodeOption,
  CreateCustomPasscodeResult,
  DeletePasscodeOption,
  DisconnectCallback,
  GetAllValidPasscodeResult,
  GetLockTimeOption,
  GetLockTimeResult,
  LockOption,
  ModifyPasscodeOption,
  PasscodeInfo,
  ResetPasscodeOption,
  ResetPasscodeResult,
  SetLockTimeOption,
  LockwireConfig,
  ProgressCallback,
  ProgressStep,
  TTLockError,
} from './api/types';
export type { LogSink } from './core/log';
export type {
  PinLengthRule,
  TempPasswordFields,
  TempPasswordOption,
  TempPasswordResult,
  TempPasswordScheduleItem,
} from './tuya/relay-client';
export type { TuyaRelayOption, TuyaPasswordState } from './tuya/relay-client';
export type {
  DeviceOption,
  DynamicPasswordResult,
  ListTempPasswordsResult,
  ModifyTempPasswordOption,
  OfflinePasswordOption,
  OfflinePasswordResult,
  PasswordOption,
  TempPasswordItem,
} from './tuya/password-operations';

export { createCustomPasscodeAndRecord, getLockData, recordPasscode } from './ttlock/relay-client';
export type {
  CreateAndRecordOption,
  CreateAndRecordResult,
  LockDataResult,
  RecordPasscodeOption,
  RecordPasscodeResult,
  TTLockRelayOption,
} from './ttlock/relay-client';

export const VERSION = '0.1.0';
