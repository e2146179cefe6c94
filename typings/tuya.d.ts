/**
 * Public types of the Tuya temporary-password feature, for hosts of the plugin. Re-exported from the
 * source so they cannot drift from what `requestTempPassword` actually accepts and returns.
 */
export type {
  TempPasswordOption,
  TempPasswordResult,
  TempPasswordFields,
  TempPasswordScheduleItem,
  PinLengthRule,
} from '../plugin/tuya/relay-client';
