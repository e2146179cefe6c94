/**
 * TTLock's CRC-8 (spec §3.2): table-driven CRC-8/MAXIM (reflected poly 0x8C, init 0, no xorout)
 * except that entry 33 of the table is 0x07 instead of the textbook 0x7D. Real locks and the
 * vendor's native library use the patched table, so frames whose CRC path crosses index 33 are
 * rejected unless we copy the quirk. The same table is the XOR table of the credential codec (§6.3).
 */
import { assertBytes } from '../core/assert';

/** The one entry where TTLock's table differs from the textbook one. */
export const CRC8_QUIRK_INDEX = 33;
export const CRC8_QUIRK_VALUE = 0x07;

function buildTtlockTable(): Uint8Array {
  const table = Uint8Array.from({ length: 256 }, (_, i) => {
    let c = i;
    for (let bit = 0; bit < 8; bit++) c = c & 1 ? (c >>> 1) ^ 0x8c : c >>> 1;
    return c;
  });
  table[CRC8_QUIRK_INDEX] = CRC8_QUIRK_VALUE;
  return table;
}

const TABLE = buildTtlockTable();

/** Entry `index` (0..255) of TTLock's table; a function so callers cannot mutate the table. */
export function crc8TableEntry(index: number): number {
  return TABLE[index & 0xff];
}

/** CRC of every byte of `data` (for a frame: magic through the end of the payload). */
export function crc8(data: Uint8Array): number {
  assertBytes('data', data);
  let crc = 0;
  for (let i = 0; i < data.length; i++) crc = TABLE[crc ^ data[i]];
  return crc;
}
