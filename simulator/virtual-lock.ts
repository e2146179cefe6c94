/**
 * A virtual TTLock V3 lock: its identity and secrets, the lockData a cloud would hand out for it,
 * its advert, its passcode memory, and a LockSession per BLE connection for the fake wx stack.
 * Defaults are deterministic: each lock created without a MAC gets the next one of
 * AA:BB:CC:DD:EE:FF, AA:BB:CC:DD:EE:FE, ... and a key derived from its MAC.
 */
import { CMD_RESPONSE, encodeFrame, type FrameHeader, type LockTimeFields } from '../plugin/protocol';
import type { LockSession, RadioLock } from './gatt-profile';
import { toNonZeroU32, type LockState } from './lock-commands';
import { LockClock } from './virtual-lock-clock';
import { DEFAULT_RULES, type LockRules, type ResetTableState } from './virtual-lock-state';
import { encodeCredential, encodeLockData, formatAesKeyStr } from './lock-data-encoder';
import { PasscodeStore, PASSCODE_TYPE, type StoredPasscode } from './passcode-store';
import { VirtualLockSession, type ReceivedRequest } from './virtual-lock-session';

export interface VirtualLockOptions {
  mac?: string;
  /** Advertised local name; default 'S31_' + the last three MAC bytes reversed, lower case. */
  name?: string;
  aesKey?: Uint8Array;
  adminPs?: number;
  unlockKey?: number;
  lockFlagPos?: number;
  uid?: number;
  /** The lock's own header, used in its replies and in lockData.lockVersion. */
  lockVersion?: FrameHeader;
  timezoneRawOffset?: number;
  battery?: number;
  capacity?: number;
  userType?: number;
  /** Source of psFromLock (coerced to a non-zero u32). */
  random?: () => number;
  /** The error a wrong CHECK_RANDOM answer gets (unknown on real locks; doc §5.4). */
  checkRandomFailureCode?: number;
  /** Advert params bit-field (§2.1): 0x01 unlocked, 0x02 events, 0x04 setting mode, 0x08 touch. */
  advertParams?: number;
  /** Whether the advert lists the 1910 service; real locks often do not (§2.2). */
  advertisesServiceUuid?: boolean;
  rssi?: number;
  /** The simulation's time source (default Date.now, looked up at each reading). */
  now?: () => number;
  /** How far the lock clock starts from the true time, in ms (positive = ahead). Default 0. */
  clockOffsetMs?: number;
  /** How fast the lock clock runs off, in parts per million (positive = fast). Default 0. */
  clockDriftPpm?: number;
  /** The device feature bits (default 0x81: bit 7 = can modify passcodes). */
  featureValue?: number;
  /** The switches for rules the spec marks uncertain (lifecycle §10). */
  rules?: Partial<LockRules>;
}

export type PasscodeEntry = StoredPasscode;

export interface VirtualLock extends RadioLock {
  readonly mac: string;
  readonly name: string;
  readonly aesKey: Uint8Array;
  readonly adminPs: number;
  readonly unlockKey: number;
  lockFlagPos: number;
  readonly uid: number;
  readonly lockVersion: FrameHeader;
  readonly timezoneRawOffset: number;
  battery: number;
  capacity: number;
  readonly userType: number;
  inRange: boolean;
  advertisesServiceUuid: boolean;
  rssi: number;
  lockData(overrides?: object): string;
  lockDataJson(overrides?: object): Record<string, unknown>;
  passcodes(): PasscodeEntry[];
  /** Stores a code without any BLE, for 'exists' / 'full' scenarios; throws if it would be refused. */
  addPasscodeDirectly(
    passcode: string,
    window?: { start?: LockTimeFields; end?: LockTimeFields | null; type?: number; cycleType?: number; used?: boolean; original?: string },
  ): void;
  clearPasscodes(): void;
  /**
   * A guest typed this code on the keypad now (by the lock's own clock): true if the door opens, i.e. the
   * lock holds the code and its clock is inside the code's window. An opened code then shows in lists
   * under listsUnusedPasscodes: false.
   */
  typePasscode(passcode: string): boolean;
  /** The rules in force; change them at any time. */
  readonly rules: LockRules;
  /** The instant the lock's clock names now (its wall clock read in its zone). */
  lockTime(): number;
  /** Sets the lock clock to name `epochMs` (no BLE). */
  setLockTime(epochMs: number): void;
  /** lockTime() minus the true time. */
  clockOffsetMs(): number;
  clockDriftPpm: number;
  /** Every open connection forgets its login (the links stay up). */
  forgetLogins(): void;
  /** The table the last INIT_PASSWORDS stored, or null. */
  resetTable(): ResetTableState | null;
  /** Every request the lock decoded, in order, over all connections. */
  received(): ReceivedRequest[];
  manufacturerData(): Uint8Array;
  openSession(): LockSession;
  encodeReply(plaintext: Uint8Array, aesKey?: Uint8Array): Uint8Array;
}

let createdWithoutMac = 0;

function nextDefaultMac(): string {
  const n = createdWithoutMac++;
  const hex = (b: number) => b.toString(16).padStart(2, '0').toUpperCase();
  return `AA:BB:CC:DD:${hex(0xee - (Math.floor(n / 256) % 256))}:${hex(0xff - (n % 256))}`;
}

function macBytes(mac: string): number[] {
  return mac.split(':').map((h) => parseInt(h, 16));
}

function keyFromMac(mac: string): Uint8Array {
  const m = macBytes(mac);
  return Uint8Array.from({ length: 16 }, (_, i) => (m[i % 6] * 31 + i * 17 + 0x5a) & 0xff);
}

const DEFAULT_WINDOW = {
  start: { year: 2000, month: 1, day: 1, hour: 0, minute: 0 },
  end: { year: 2099, month: 12, day: 31, hour: 23, minute: 59 },
};

export function createVirtualLock(options: VirtualLockOptions = {}): VirtualLock {
  const mac = (options.mac ?? nextDefaultMac()).toUpperCase();
  if (!/^[0-9A-F]{2}(:[0-9A-F]{2}){5}$/.test(mac)) {
    throw new RangeError('createVirtualLock: "mac" expected "AA:BB:CC:DD:EE:FF"');
  }
  const m = macBytes(mac);
  const suffix = m.slice(3).reverse().map((b) => b.toString(16).padStart(2, '0')).join('');
  const aesKey = Uint8Array.from(options.aesKey ?? keyFromMac(mac));
  const lockVersion: FrameHeader = options.lockVersion ?? { protocolType: 5, protocolVersion: 3, scene: 2, groupId: 1, orgId: 1 };
  const random = options.random ?? (() => 1 + Math.floor(Math.random() * 0xffffffff));
  const requests: ReceivedRequest[] = [];
  const sessions = new Set<VirtualLockSession>();
  const now = options.now ?? (() => Date.now());
  const timezoneRawOffset = options.timezoneRawOffset ?? 28_800_000;

  const state: LockState = {
    adminPs: options.adminPs ?? 123456789,
    unlockKey: options.unlockKey ?? 987654321,
    lockFlagPos: options.lockFlagPos ?? 0,
    battery: options.battery ?? 90,
    checkRandomFailureCode: options.checkRandomFailureCode ?? 0x03,
    store: new PasscodeStore(() => lock.capacity),
    clock: new LockClock(now, timezoneRawOffset + (options.clockOffsetMs ?? 0), options.clockDriftPpm ?? 0),
    rules: { ...DEFAULT_RULES, ...options.rules },
    featureValue: options.featureValue ?? 0x81,
    resetTable: null,
    nextPsFromLock: () => toNonZeroU32(random()),
  };

  const lock: VirtualLock = {
    mac,
    name: options.name ?? `S31_${suffix}`,
    aesKey,
    adminPs: state.adminPs,
    unlockKey: state.unlockKey,
    get lockFlagPos() { return state.lockFlagPos; },
    set lockFlagPos(v: number) { state.lockFlagPos = v; },
    uid: options.uid ?? 0,
    lockVersion: { ...lockVersion },
    timezoneRawOffset,
    get battery() { return state.battery; },
    set battery(v: number) { state.battery = v; },
    capacity: options.capacity ?? 250,
    userType: options.userType ?? 110301,
    inRange: true,
    advertisesServiceUuid: options.advertisesServiceUuid ?? false,
    rssi: options.rssi ?? -60,

    lockDataJson(overrides = {}) {
      const seed = m[5];
      return {
        lockName: lock.name,
        lockMac: mac,
        aesKeyStr: formatAesKeyStr(aesKey),
        adminPwd: encodeCredential(String(state.adminPs).padStart(10, '0'), seed),
        lockKey: encodeCredential(String(state.unlockKey).padStart(10, '0'), seed ^ 0x55),
        lockFlagPos: state.lockFlagPos,
        uid: lock.uid,
        lockVersion: { ...lock.lockVersion },
        timezoneRawOffset: lock.timezoneRawOffset,
        featureValue: state.featureValue.toString(16),
        userType: lock.userType,
        electricQuantity: state.battery,
        startDate: 0,
        endDate: 0,
        ...overrides,
      };
    },
    lockData: (overrides = {}) => encodeLockData(lock.lockDataJson(overrides)),
    passcodes: () => state.store.list(),
    addPasscodeDirectly(passcode, window = {}) {
      const type = window.type ?? PASSCODE_TYPE.PERIOD;
      const timed = type === PASSCODE_TYPE.PERIOD || type === PASSCODE_TYPE.COUNT;
      const entry: StoredPasscode = {
        passcode,
        original: window.original ?? passcode,
        type,
        start: window.start ?? DEFAULT_WINDOW.start,
        end: !timed ? null : window.end ?? DEFAULT_WINDOW.end,
        used: window.used ?? false,
      };
      if (type === PASSCODE_TYPE.CIRCLE) entry.cycleType = window.cycleType ?? 0;
      const refused = state.store.add(entry);
      if (refused !== 0) throw new RangeError(`addPasscodeDirectly: the store refused it (lock error ${refused})`);
    },
    clearPasscodes: () => state.store.clear(),
    typePasscode: (passcode) => state.store.markUsed(passcode, state.clock.wallMs()),
    rules: state.rules,
    lockTime: () => state.clock.wallMs() - timezoneRawOffset,
    setLockTime: (epochMs) => state.clock.setWallMs(epochMs + timezoneRawOffset),
    clockOffsetMs: () => state.clock.wallMs() - timezoneRawOffset - now(),
    get clockDriftPpm() { return state.clock.driftPpm; },
    set clockDriftPpm(ppm: number) { state.clock.driftPpm = ppm; },
    resetTable: () => state.resetTable && { firstYear: state.resetTable.firstYear, entries: state.resetTable.entries.map((e) => ({ ...e })) },
    received: () => requests.map((r) => ({ ...r, header: { ...r.header } })),
    manufacturerData() {
      // 05 03 scene params battery, four bytes whose meaning is unknown, then the MAC reversed (§2.1).
      const head = [5, 3, lock.lockVersion.scene, options.advertParams ?? 0, state.battery];
      return Uint8Array.from([...head, 0, 0, 0, 0, ...[...m].reverse()]);
    },
    openSession() {
      const session = new VirtualLockSession(state, aesKey, (r) => requests.push(r), () => sessions.delete(session));
      sessions.add(session);
      return session;
    },
    forgetLogins: () => sessions.forEach((s) => s.forgetLogin()),
    encodeReply: (plaintext, key = aesKey) => encodeFrame(CMD_RESPONSE, plaintext, key, lock.lockVersion),
  };
  return lock;
}
