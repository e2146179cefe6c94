/**
 * The Node side of lockwire's Tuya support: signing, ticket crypto, the temporary-password client and
 * the relay handler. Node only (node:crypto, node:https); never import this from plugin/ or miniprogram/.
 */
export { signRequest, buildStringToSign, buildSignPayload, sha256Hex, signedUrl, wireUrl } from './sign';
export type { SignInput, QueryValue } from './sign';
export { decryptTicketKey, encryptPin, encryptPinWithTicket } from './ticket-crypto';
export { createTuyaClient } from './client';
export type { TuyaClient, TuyaClientOptions } from './client';
export type { TuyaLogger } from './api-call';
export type { RetryPolicy } from './retry';
export type { Transport, HttpRequest, HttpResponse } from './transport';
export { TuyaError, isTuyaError } from './errors';
export type { TuyaErrorKind, TuyaErrorDetails } from './errors';
export { TUYA_REGIONS, resolveBaseUrl, isTuyaRegion } from './regions';
export type { TuyaRegion } from './regions';
export { deliveryStateOf, parseDetail, SETTLED_STATES } from './delivery';
export type {
  DeliveryOutcome,
  DeliveryState,
  FailureReason,
  LockProtocol,
  PasswordState,
  PhaseReading,
  TempPasswordDetail,
  TempPasswordScheduleEntry,
} from './delivery';
export type { OnlinePasswordOperations, PasswordChange, WaitOptions } from './tuya-online-passwords';
export type { DynamicPassword, OfflinePassword, OfflinePasswordOperations } from './tuya-offline-passwords';
export { QUOTA_CODE, NOT_SUBSCRIBED_CODE } from './errors';
export { createRelayHandler } from './relay';
export type { RelayOptions, RelayErrorCode, RelayIntent, TuyaRelayClient } from './relay';
export { createRelayCore } from './relay-core';
export type { RelayCoreOptions, RelayRoute, RelayFailure, RelayHandler, ParsedIntent } from './relay-core';
export { createRelayServer } from './relay-http';
export type { RelayServerOptions } from './relay-http';
export { createMemoryStore } from './stores/memory-store';
export { createRedisStore } from './stores/redis-store';
export type { RedisStoreOptions } from './stores/redis-store';
export type { SharedStore } from './stores/shared-store';
export { checkTempPasswordFields, checkPasswordContent, checkIdentifier, DEFAULT_PIN_LENGTH } from '../plugin/tuya/temp-password-rules';
export {
  checkModifyFields,
  checkListOptions,
  checkPasswordId,
  checkName,
  checkOfflinePasswordFields,
  planOfflinePassword,
  isRuleViolation,
  OFFLINE_KINDS,
  HOUR_MS,
} from '../plugin/tuya/password-lifecycle-rules';
export type { ModifyTempPasswordFields, OfflineKind, OfflinePasswordFields, OfflinePlan } from '../plugin/tuya/password-lifecycle-rules';
export type { TempPasswordFields, TempPasswordScheduleItem, PinLengthRule, RuleViolation } from '../plugin/tuya/temp-password-rules';
export { createTTLockClient, TTLOCK_REGIONS, TTLockError, isTTLockError, ERRCODES, md5Hex, RANDOM_TYPES, checkRandomRequest } from './ttlock/index';
export type {
  TTLockClient,
  TTLockClientOptions,
  TTLockRegion,
  TTLockErrorKind,
  TTLockErrorDetails,
  RandomPasscodeType,
  PasscodeItem,
  PasscodePage,
  PasscodeReason,
  PasscodeState,
  CustomPasscodeInput,
  ChangeInput,
  DeleteInput,
  PasscodeResult,
  RandomPasscodeInput,
  RandomPasscodeResult,
  Via,
  AdminLockData,
  LockDetail,
  LockSummary,
} from './ttlock/index';
export { createTTLockRelayHandler, describeTTLockError } from './ttlock/relay';
export type { TTLockRelayOptions, TTLockRelayClient } from './ttlock/relay';
