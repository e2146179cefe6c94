/**
 * What the virtual lock's command handlers share: the lock's settings and memory (LockState), the
 * per-connection login (SessionAuth), and the switches for every rule the lifecycle spec marks
 * uncertain (LockRules, §10), so tests can run both readings of each.
 */
import type { LockClock } from './virtual-lock-clock';
import type { PasscodeStore } from './passcode-store';

export interface LockRules {
  /** The error for a command that needs a login the connection does not have (0x12; 0x02 is the other reading). */
  notLoggedInCode: number;
  /** 0x03 failures as `[03 00 err op]` (the official client needs the op byte) or the three-byte `[03 00 err]`. */
  failureOpByte: boolean;
  /** TIME_CALIBRATE only after an eKey or admin login or a just-failed CHECK_USER_TIME (strict), or always (default). */
  calibrateNeedsAuth: boolean;
  /** Largest list page plaintext in bytes (111: a 112-byte ciphertext is the most the official parser reads). */
  listPageBytes: number;
  /** Most records per list page, whatever their size. */
  listPageRecords: number;
  /** Whether INIT_PASSWORDS also removes the stored ordinary codes. */
  resetClearsPasscodes: boolean;
  /** Whether the list shows codes never typed on the keypad (the official docs say it may not). */
  listsUnusedPasscodes: boolean;
}

export const DEFAULT_RULES: Readonly<LockRules> = Object.freeze({
  notLoggedInCode: 0x12,
  failureOpByte: true,
  calibrateNeedsAuth: false,
  listPageBytes: 111,
  listPageRecords: 255,
  resetClearsPasscodes: true,
  listsUnusedPasscodes: true,
});

export interface ResetTableState {
  firstYear: number;
  entries: Array<{ code: number; secretKey: string }>;
}

/** The lock's own settings and memory, as the commands see them. */
export interface LockState {
  adminPs: number;
  unlockKey: number;
  lockFlagPos: number;
  battery: number;
  checkRandomFailureCode: number;
  /** The u32 "special value" of the device feature reply (bit 7 = can modify passcodes). */
  featureValue: number;
  store: PasscodeStore;
  clock: LockClock;
  rules: LockRules;
  /** The last table INIT_PASSWORDS stored. */
  resetTable: ResetTableState | null;
  /** A fresh non-zero u32 challenge. */
  nextPsFromLock(): number;
}

/** Per connection: the handshake state, forgotten when the link drops (spec §10). */
export interface SessionAuth {
  challenge: number | null;
  /** What a right CHECK_RANDOM answer to `challenge` logs in as. */
  pending: 'admin' | 'user' | null;
  level: 'none' | 'admin' | 'user';
  /** The last CHECK_USER_TIME failed: the official fallback then sends TIME_CALIBRATE directly. */
  userTimeFailed: boolean;
}

export type Handler = (lock: LockState, auth: SessionAuth, payload: Uint8Array) => number[];

export const fail = (command: number, code: number): number[] => [command, 0x00, code];
