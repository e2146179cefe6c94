/**
 * State shared by the parts of the fake wx BLE stack (adapter, scanning, connections, GATT), and
 * the helpers every call uses: the adapter guard and answering on a later timer tick.
 */
import type { FaultAction, FaultInjector } from './faults';
import type { EventHub, Owner } from './fake-wx-events';
import type { PhoneQuirks } from './phone-quirks';
import type { GattService, LockSession, RadioLock } from './gatt-profile';
import { after, type Cancel, type LinkQueue, type LinkTiming } from './link-model';
import { wxFail, type PendingCall, type WxOutcome } from './wx-result';

export type Platform = 'android' | 'ios';
/**
 * on / off (the phone's switch) / unsupported (no BLE functions) / unauthorized (the user refused
 * scope.bluetooth: errno 103) / noSystemPermission (WeChat lacks the phone's Bluetooth permission:
 * iOS fails 10001 with state 3, Android with errno 3).
 */
export type AdapterSetting = 'on' | 'off' | 'unsupported' | 'unauthorized' | 'noSystemPermission';

export interface Connection {
  readonly deviceId: string;
  /** Who created it (a shared link answered "already connected" stays its creator's). */
  owner: Owner;
  /** When notifications were last enabled on it (for the write-after-notify quirk). */
  notifiedAt: number;
  /** Android no-response writes still on the air (for the lossy-writes quirk). */
  unackedInFlight: number;
  readonly lock: RadioLock;
  readonly session: LockSession;
  readonly link: LinkQueue;
  /** This connection's GATT table (faults may remove parts of it). */
  readonly profile: GattService[];
  servicesDiscovered: boolean;
  /** getBLEDeviceServices was called on it at least once (for the services-not-ready quirk). */
  servicesAsked: boolean;
  /** Upper-case service UUIDs whose characteristics were discovered. */
  readonly characteristicsDiscovered: Set<string>;
  /** Upper-case characteristic UUIDs with notifications enabled. */
  readonly notifying: Set<string>;
  /** Calls waiting on the link; a drop fails them with 10006. */
  readonly pending: Set<PendingCall>;
  /** Runs when the link goes down (a peripheral stops its own notifications). */
  onClose?: () => void;
}

export interface FakeBleContext {
  readonly platform: Platform;
  readonly locks: RadioLock[];
  readonly timing: LinkTiming;
  readonly faults: FaultInjector;
  readonly events: EventHub;
  readonly closeFiresStateChange: boolean;
  /** Whether closeBluetoothAdapter fires connected:false for the links it drops. */
  readonly adapterCloseFiresStateChange: boolean;
  readonly quirks: PhoneQuirks;
  readonly adapter: { setting: AdapterSetting; initialized: boolean; openedBy: Owner | null; popupShown: boolean };
  scan: { stop: Cancel; owner: Owner } | null;
  /** Scan start times (for the throttling quirk). */
  readonly scanStarts: number[];
  /** Consecutive GATT 133 failures left, and when the last one happened. */
  gatt133: { left: number; lastAt: number };
  /** Extra (leaked) connection instances a repeated uncancellable connect left behind, by deviceId. */
  readonly leakedInstances: Map<string, Owner[]>;
  readonly connections: Map<string, Connection>;
  /** Connection attempts in flight, by deviceId; the value abandons the attempt (`force`: even on a phone that cannot). */
  readonly connecting: Map<string, (force?: boolean) => void>;
  /** Repeated connects to a device whose uncancellable attempt runs: they answer with it. */
  readonly repeatedConnects: Map<string, Array<(outcome: WxOutcome) => void>>;
  /** iOS only knows peripherals it has seen in a scan since the adapter was opened. */
  readonly seenIds: Set<string>;
  /** What getBluetoothDevices lists: the last report of each device heard since the adapter opened. */
  readonly heardDevices: Map<string, { deviceId: string; advertisData: ArrayBuffer; [field: string]: unknown }>;
}

/** The implementation of one wx call; it must settle `call` (later) unless it means not to. */
export type CallHandler = (
  ctx: FakeBleContext,
  options: Record<string, any>,
  call: PendingCall,
  fault: FaultAction | undefined,
) => void;

/** Answers after the call has returned (a promise job, or `delayMs` later): wx never calls back inside the call. */
export function settleSoon(call: PendingCall, outcome: WxOutcome, delayMs = 0): void {
  after(delayMs, () => call.settle(outcome));
}

/** 10000 before openBluetoothAdapter succeeded, 10001 while the adapter is powered off. */
export function adapterProblem(ctx: FakeBleContext, api: string): WxOutcome | null {
  if (!ctx.adapter.initialized) return wxFail(api, 10000);
  if (ctx.adapter.setting !== 'on') return wxFail(api, 10001);
  return null;
}

/** Android addresses a lock by its MAC; iOS by a UUID CoreBluetooth makes up (stable per lock here). */
export function deviceIdFor(platform: Platform, lock: RadioLock): string {
  if (platform === 'android') return lock.mac;
  const hex = lock.mac.replace(/:/g, '').toUpperCase();
  return `5E1F0000-${hex.slice(0, 4)}-4${hex.slice(4, 7)}-8${hex.slice(7, 10)}-0000000000${hex.slice(10)}`;
}

export function lockByDeviceId(ctx: FakeBleContext, deviceId: unknown): RadioLock | undefined {
  return ctx.locks.find((lock) => deviceIdFor(ctx.platform, lock) === deviceId);
}
