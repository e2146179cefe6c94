/** TTLock V3 GATT layout (ttlock-v3-protocol.md §1). UUIDs are compared case-insensitively. */
import { isString } from '../core/assert';
export const SERVICE_UUID = '00001910-0000-1000-8000-00805F9B34FB';
export const WRITE_UUID = '0000FFF2-0000-1000-8000-00805F9B34FB';
export const NOTIFY_UUID = '0000FFF4-0000-1000-8000-00805F9B34FB';
/** Device Information: readable characteristics whose reads come back through onBLECharacteristicValueChange. */
export const DEVICE_INFO_UUID = '0000180A-0000-1000-8000-00805F9B34FB';

/** Matches a 16-bit short form ("1910"), or the full 128-bit Bluetooth base UUID, against `full`. */
export function sameUuid(a: unknown, full: string): boolean {
  if (!isString(a)) return false;
  const x = a.toUpperCase();
  return x === full || (x.length === 4 && full.startsWith(`0000${x}-`));
}
