/**
 * The vendor's lockData encoders (spec §6.2, §6.3), for the virtual lock to hand out its own lockData.
 * Deliberately independent of plugin/protocol: AES comes from node:crypto and the CRC table is
 * rebuilt here, so a symmetric bug in the plugin's decoder cannot hide behind a shared helper.
 */
import { createCipheriv } from 'node:crypto';

/** TTLock's CRC-8 table (textbook reflected 0x8C table with entry 33 = 0x07, §3.2). */
const QUIRK_TABLE: readonly number[] = (() => {
  const table: number[] = [];
  for (let i = 0; i < 256; i++) {
    let c = i;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0x8c : c >>> 1;
    table.push(c);
  }
  table[33] = 0x07;
  return table;
})();

const MAC_PATTERN = /^[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){5}$/;

/**
 * Official lockData string: Base64( AES-128-CBC-PKCS7(JSON text, key = iv = upper-case MAC text
 * without char 9) || the 6 MAC bytes in display order ). The JSON text is JSON.stringify(json), so
 * key order follows the object.
 */
export function encodeLockData(json: object): string {
  if (typeof json !== 'object' || json === null) {
    throw new TypeError(`encodeLockData: "json" expected object, got ${json === null ? 'null' : typeof json}`);
  }
  const lockMac = (json as { lockMac?: unknown }).lockMac;
  if (typeof lockMac !== 'string' || !MAC_PATTERN.test(lockMac)) {
    throw new RangeError('encodeLockData: "json.lockMac" expected "AA:BB:CC:DD:EE:FF"');
  }
  const macText = lockMac.toUpperCase();
  const key = Buffer.from(macText.slice(0, 9) + macText.slice(10), 'ascii');
  const cipher = createCipheriv('aes-128-cbc', key, key);
  const body = Buffer.concat([cipher.update(JSON.stringify(json), 'utf8'), cipher.final()]);
  const macBytes = Buffer.from(macText.replace(/:/g, ''), 'hex');
  return Buffer.concat([body, macBytes]).toString('base64');
}

/**
 * Obfuscated adminPwd / lockKey: digits XOR (T[n] XOR seed), seed appended, each byte written as a
 * signed (Java) decimal, comma-joined, Base64 of the text.
 */
export function encodeCredential(digits: string, seed: number): string {
  if (typeof digits !== 'string' || !/^[0-9]+$/.test(digits)) {
    throw new RangeError('encodeCredential: "digits" expected a non-empty string of decimal digits');
  }
  if (digits.length > 255) {
    throw new RangeError(`encodeCredential: "digits" expected length <= 255, got ${digits.length}`);
  }
  if (!Number.isInteger(seed) || seed < 0 || seed > 255) {
    throw new RangeError(`encodeCredential: "seed" expected integer 0..255, got ${seed}`);
  }
  const mask = QUIRK_TABLE[digits.length] ^ seed;
  const bytes = [...digits].map((ch) => ch.charCodeAt(0) ^ mask);
  bytes.push(seed);
  const signed = bytes.map((b) => (b > 127 ? b - 256 : b));
  return Buffer.from(signed.join(','), 'ascii').toString('base64');
}

/** aesKeyStr format: two-digit lower-case hex bytes joined by commas. */
export function formatAesKeyStr(bytes: Uint8Array): string {
  if (!(bytes instanceof Uint8Array)) {
    throw new TypeError(`formatAesKeyStr: "bytes" expected Uint8Array, got ${typeof bytes}`);
  }
  if (bytes.length !== 16) throw new RangeError(`formatAesKeyStr: "bytes" expected length 16, got ${bytes.length}`);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(',');
}
