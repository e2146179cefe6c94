/** The lock simulator: virtual TTLock V3 locks and a fake wx BLE stack to test a plugin against. */
export { createVirtualLock } from './virtual-lock';
export type { VirtualLock, VirtualLockOptions, PasscodeEntry } from './virtual-lock';
export type { ReceivedRequest } from './virtual-lock-session';
export { createFakeWx, installFakeWx } from './fake-wx';
export type { FakeBle, FakeReport, FakeWxApi, FakeWxOptions, PartyReport } from './fake-wx';
export { createHostApp, createHostPeripheral, HOST_NOTIFY_UUID, HOST_SERVICE_UUID } from './host-app';
export type { HostApp, HostAppCounts } from './host-app';
export type { PhoneQuirks } from './phone-quirks';
export type { AdapterSetting, Platform } from './fake-wx-context';
export type { EventChannel } from './fake-wx-events';
export { DEFAULT_LINK_TIMING, floorMs } from './link-model';
export type { LinkTiming, SessionPlan } from './link-model';
export { FaultInjector, FAULT_STEPS, LINK_STEPS, SUPPORTED_ACTIONS, WX_CALL_STEPS } from './faults';
export type { FaultAction, FaultKind, FaultSpec, FaultStep } from './faults';
export { DEFAULT_UNSOLICITED_PLAINTEXT, DEFAULT_WRONG_KEY } from './fake-wx-replies';
export {
  DEVICE_INFO_SERVICE_UUID,
  MAX_WRITE_BYTES,
  TTLOCK_NOTIFY_UUID,
  TTLOCK_SERVICE_UUID,
  TTLOCK_WRITE_UUID,
} from './gatt-profile';
export { LOCK_ERROR, PASSCODE_TYPE } from './passcode-store';
export type { StoredPasscode } from './passcode-store';
export { createLoopbackRequest } from './loopback-request';
export type { LoopbackRequest, WxRequestOption } from './loopback-request';
export { MOCK_DEVICE_ID, startMockTuyaCloud } from './tuya-cloud';
export type { MockTuyaCloud, MockTuyaCloudOptions, MockFault, MockEndpoint, MockStats } from './tuya-cloud';
export { DEFAULT_RULES } from './virtual-lock-state';
export type { LockRules, ResetTableState } from './virtual-lock-state';
export { encodeListRecord } from './virtual-lock-passcodes';
