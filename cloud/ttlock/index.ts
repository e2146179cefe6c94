/** lockwire's TTLock cloud side: the client, its error type, rules and token stores. Node only. */
export { createTTLockClient, TTLOCK_REGIONS } from './client';
export type { TTLockClient, TTLockClientOptions, TTLockRegion } from './client';
export { TTLockError, isTTLockError, ERRCODES } from './errors';
export type { TTLockErrorKind, TTLockErrorDetails } from './errors';
export { md5Hex } from './token';
export { RANDOM_TYPES, checkRandomRequest } from './rules';
export type { RandomPasscodeType } from './rules';
export type { PasscodeItem, PasscodePage, PasscodeReason, PasscodeState } from './passcode-list';
export type { CustomPasscodeInput, ChangeInput, DeleteInput, PasscodeResult, Via } from './passcodes';
export type { RandomPasscodeInput, RandomPasscodeResult } from './random-passcodes';
export type { AdminLockData, LockDetail, LockSummary } from './locks';
