/** TTLock V3 GATT layout (ttlock-v3-protocol.md §1). UUIDs are compared case-insensitively. */
import { isString } from '../core/assert';

/** A 16-bit UUID ("FFF2") in the 128-bit Bluetooth base UUID, as wx gives them. */
function baseUuid(short: string): string {
  return `0000${short}-0000-1000-8000-00805F9B34FB`;
}

export const SERVICE_UUID = baseUuid('1910');
export const WRITE_UUID = baseUuid('FFF2');
export const NOTIFY_UUID = baseUuid('FFF4');
/** Device Information: readable characteristics whose reads come back through onBLECharacteristicValueChange. */
export const DEVICE_INFO_UUID = baseUuid('180A');

/** Matches a 16-bit short form ("1910"), or the full 128-bit Bluetooth base UUID, against `full`. */
export function sameUuid(a: unknown, full: string): boolean {
  if (!isString(a)) return false;
  const x = a.toUpperCase();
  return x === full || (x.length === 4 && full.startsWith(`0000${x}-`));
}
