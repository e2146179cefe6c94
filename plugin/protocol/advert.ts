/**
 * Reads TTLock manufacturer data (spec §2.1). TTLock has no SIG company id: the first two bytes are
 * protocolType and protocolVersion, so stacks that split off a "company id" must put it back
 * (little-endian) before calling this. The MAC is the last 6 bytes, reversed; the vendor's fixed
 * offset fails on real payloads, which are longer than it assumes.
 */

export interface LockAdvertisement {
  protocolType: number;
  protocolVersion: number;
  scene: number;
  isUnlocked: boolean;
  hasEvents: boolean;
  isSettingMode: boolean;
  isTouch: boolean;
  battery: number;
  /** Upper case, colon-separated, display order. */
  mac: string;
}

/** Shorter payloads are not trusted by any source (S1, S4, S5). */
export const MIN_ADVERT_LENGTH = 15;

const PARAM_UNLOCKED = 0x01;
const PARAM_HAS_EVENTS = 0x02;
const PARAM_SETTING_MODE = 0x04;
const PARAM_TOUCH = 0x08;

/** (byte0, byte1) pairs that are DFU modes or wristbands, not locks. */
const NOT_A_LOCK: ReadonlyArray<readonly [number, number]> = [
  [0x12, 0x19],
  [0x13, 0x19],
  [0xff, 0xff],
  [0x34, 0x12],
];

const V3_OFFSETS = { protocolType: 0, protocolVersion: 1, scene: 2, params: 3, battery: 4 };
const OTHER_OFFSETS = { protocolType: 4, protocolVersion: 5, scene: 7, params: 8, battery: 9 };

/** Returns null for anything that is not a lock advertisement. Never throws. */
export function parseAdvertisement(manufacturerData: Uint8Array): LockAdvertisement | null {
  const d = manufacturerData;
  if (!(d instanceof Uint8Array) || d.length < MIN_ADVERT_LENGTH) return null;
  if (NOT_A_LOCK.some(([a, b]) => d[0] === a && d[1] === b)) return null;

  // V3 (5.3) starts with its own header; other layouts put it at 4/5 and skip byte 6.
  const at = d[0] === 5 && d[1] === 3 ? V3_OFFSETS : OTHER_OFFSETS;
  const params = d[at.params];
  const mac = Array.from(d.subarray(d.length - 6))
    .reverse()
    .map((b) => b.toString(16).padStart(2, '0').toUpperCase())
    .join(':');
  return {
    protocolType: d[at.protocolType],
    protocolVersion: d[at.protocolVersion],
    scene: d[at.scene],
    isUnlocked: (params & PARAM_UNLOCKED) !== 0,
    hasEvents: (params & PARAM_HAS_EVENTS) !== 0,
    isSettingMode: (params & PARAM_SETTING_MODE) !== 0,
    isTouch: (params & PARAM_TOUCH) !== 0,
    battery: d[at.battery],
    mac,
  };
}
