/**
 * Byte helpers for the WeChat runtime, which may lack Buffer, TextEncoder/TextDecoder and atob/btoa.
 * Everything is Uint8Array; multi-byte integers go through a DataView with the endianness spelled out.
 * Error messages name the argument and give lengths or positions, never the content (it may be secret).
 */
import { assertBytes, assertString, rangeError } from './assert';

const HEX_DIGITS = '0123456789abcdef';

/** Lower- or upper-case hex, even length, no separators. */
export function hexToBytes(hex: string): Uint8Array {
  assertString('hex', hex);
  if (hex.length % 2 !== 0) {
    throw rangeError('hex', `expected even length, got ${hex.length}`);
  }
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) {
    const hi = HEX_DIGITS.indexOf(hex[2 * i].toLowerCase());
    const lo = HEX_DIGITS.indexOf(hex[2 * i + 1].toLowerCase());
    if (hi < 0 || lo < 0) {
      throw rangeError('hex', `has a non-hex character at ${2 * i}`);
    }
    out[i] = (hi << 4) | lo;
  }
  return out;
}

/** Lower-case hex, no separators. */
export function bytesToHex(bytes: Uint8Array): string {
  assertBytes('bytes', bytes);
  let out = '';
  for (let i = 0; i < bytes.length; i++) {
    out += HEX_DIGITS[bytes[i] >> 4] + HEX_DIGITS[bytes[i] & 0x0f];
  }
  return out;
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  let total = 0;
  parts.forEach((part, i) => {
    assertBytes(`parts[${i}]`, part);
    total += part.length;
  });
  const out = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  assertBytes('a', a);
  assertBytes('b', b);
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}

/** The bytes of a 7-bit ASCII string; throws RangeError on any other character. */
export function asciiBytes(str: string): Uint8Array {
  assertString('str', str);
  const out = new Uint8Array(str.length);
  for (let i = 0; i < str.length; i++) {
    const code = str.charCodeAt(i);
    if (code > 0x7f) throw rangeError('str', `has a non-ASCII character at index ${i}`);
    out[i] = code;
  }
  return out;
}

const BASE64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/**
 * Strict standard-alphabet Base64 with `=` padding (the official encoder uses NO_WRAP, so no line
 * breaks are accepted). Rejects bad characters, a length that is not a multiple of 4, misplaced
 * padding and non-zero leftover bits, so one string has exactly one decoding.
 */
export function base64Decode(str: string): Uint8Array {
  assertString('str', str);
  if (str.length % 4 !== 0) {
    throw rangeError('str', `expected length 4·k, got ${str.length}`);
  }
  const pad = str.endsWith('==') ? 2 : str.endsWith('=') ? 1 : 0;
  const body = str.length - pad;
  const out = new Uint8Array((str.length / 4) * 3 - pad);
  let bits = 0;
  let acc = 0;
  let o = 0;
  for (let i = 0; i < body; i++) {
    const v = BASE64_ALPHABET.indexOf(str[i]);
    if (v < 0) throw rangeError('str', `has a bad character at ${i}`);
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  if (bits > 0 && (acc & ((1 << bits) - 1)) !== 0) {
    throw rangeError('str', 'has non-zero padding bits');
  }
  return out;
}

/** Strict UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF); lockName may be Chinese. */
export function utf8Decode(bytes: Uint8Array): string {
  assertBytes('bytes', bytes);
  let out = '';
  let i = 0;
  const bad = (at: number): never => {
    throw rangeError('bytes', `has bad UTF-8 at ${at}`);
  };
  while (i < bytes.length) {
    const b0 = bytes[i];
    let need: number;
    let cp: number;
    let min: number;
    if (b0 < 0x80) [need, cp, min] = [0, b0, 0];
    else if (b0 >= 0xc2 && b0 <= 0xdf) [need, cp, min] = [1, b0 & 0x1f, 0x80];
    else if (b0 >= 0xe0 && b0 <= 0xef) [need, cp, min] = [2, b0 & 0x0f, 0x800];
    else if (b0 >= 0xf0 && b0 <= 0xf4) [need, cp, min] = [3, b0 & 0x07, 0x10000];
    else return bad(i);
    if (i + need >= bytes.length) bad(i);
    for (let k = 1; k <= need; k++) {
      const b = bytes[i + k];
      if ((b & 0xc0) !== 0x80) bad(i);
      cp = (cp << 6) | (b & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) bad(i);
    out += String.fromCodePoint(cp);
    i += need + 1;
  }
  return out;
}

/** A DataView over exactly these bytes (a Uint8Array may be a window on a larger buffer). */
export function dataView(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Big-endian u32 at `offset`. */
export function readU32BE(bytes: Uint8Array, offset: number): number {
  return dataView(bytes).getUint32(offset, false);
}

/** Writes `value` (0..2^32-1) big-endian at `offset`. */
export function writeU32BE(bytes: Uint8Array, offset: number, value: number): void {
  dataView(bytes).setUint32(offset, value, false);
}

/** Standard-alphabet Base64 with `=` padding and no line breaks (the vendor's NO_WRAP). */
export function base64Encode(bytes: Uint8Array): string {
  assertBytes('bytes', bytes);
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(4, bytes.length - i + 1);
    for (let k = 0; k < 4; k++) out += k < chars ? BASE64_ALPHABET[(n >> (18 - 6 * k)) & 63] : '=';
  }
  return out;
}

/** UTF-8 bytes of a string (lockName may be Chinese); lone surrogates become U+FFFD. */
export function utf8Encode(str: string): Uint8Array {
  assertString('str', str);
  const out: number[] = [];
  for (const ch of str) {
    let cp = ch.codePointAt(0) as number;
    if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd;
    if (cp < 0x80) out.push(cp);
    else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 63));
    else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
    else out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
  }
  return Uint8Array.from(out);
}
