/**
 * The obfuscated form of adminPwd / lockKey (spec §6.3). The vendor SDK stores the digit string as
 * Base64 of comma-separated signed bytes: each digit XOR mask, then the seed byte, where
 * mask = T[digit count] XOR seed and T is TTLock's quirk CRC table. Decoding reverses that.
 */
import { lockDataError } from '../core/errors';
import { base64Decode } from '../core/bytes';
import { crc8TableEntry } from './crc8';
import { isString } from '../core/assert';

/** Both official readers decode only strings longer than this; shorter ones are plain digits. */
export const CREDENTIAL_PLAIN_MAX_LENGTH = 10;

/**
 * Decodes an obfuscated credential to its digit string. `field` names the lockData field in the
 * error message; the message never contains the input or any decoded byte.
 */
export function decodeCredential(encoded: string, field = 'credential'): string {
  const fail = (problem: string): never => {
    throw lockDataError(`"${field}" ${problem}`);
  };
  if (!isString(encoded)) return fail('expected a string');
  let text: Uint8Array;
  try {
    text = base64Decode(encoded);
  } catch {
    return fail('is not valid Base64');
  }
  let ascii = '';
  for (let i = 0; i < text.length; i++) ascii += String.fromCharCode(text[i]);
  const parts = ascii.split(',');
  if (parts.length < 2) return fail('has too few obfuscated bytes');
  const bytes = parts.map((part) => {
    // Java bytes are signed, so the encoder wrote -128..127.
    if (!/^-?[0-9]{1,3}$/.test(part)) return fail('has a malformed obfuscated byte');
    const value = Number(part);
    if (value < -128 || value > 127) return fail('has an obfuscated byte out of range');
    return value & 0xff;
  });
  const count = bytes.length - 1;
  const mask = crc8TableEntry(count) ^ bytes[count];
  let digits = '';
  for (let i = 0; i < count; i++) {
    const c = bytes[i] ^ mask;
    if (c < 0x30 || c > 0x39) return fail('does not decode to decimal digits');
    digits += String.fromCharCode(c);
  }
  return digits;
}
