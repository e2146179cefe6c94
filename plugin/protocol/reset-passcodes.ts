/**
 * resetPasscode on V3 (lifecycle spec §7): COMM_INIT_PASSWORDS 0x31 sends a new ten-year table of
 * (code, secretKey) pairs, and the cloud learns the same table through a new lockData that carries
 * it as `pwdInfo` + `timestamp`. Everything here is pinned by the vendor's code and the vectors; it
 * has not been seen on a real lock.
 */
import { assertInt, assertString, isObject, rangeError } from '../core/assert';
import { asciiBytes, base64Encode, utf8Encode } from '../core/bytes';
import { aesCbcEncrypt } from './aes';
import { expectReplyOk, type Reply } from './commands';
import { decodeLockData, lockDataError, openOfficialLockData, sealOfficialLockData } from './lock-data';

export const CMD_INIT_PASSWORDS = 0x31;
export const RESET_TABLE_YEARS = 10;
/** The SDK picks codes below this (§7.1). */
export const RESET_CODE_LIMIT = 1071;
const TWO_POW_36 = 2 ** 36;

export interface ResetTableEntry {
  /** 0..1070 (12 bits on the wire). */
  code: number;
  /** Ten decimal digits, leading zeros kept (36 bits on the wire). */
  secretKey: string;
}

export interface ResetTable {
  /** Full year of the first entry; entry i is for firstYear + i. */
  firstYear: number;
  entries: ResetTableEntry[];
}

/** Six bytes, big-endian: code in bits 47..36, secretKey's integer value in bits 35..0. */
export function packCodeAndKey({ code, secretKey }: ResetTableEntry): Uint8Array {
  assertInt('code', code, 0, 0xfff);
  assertString('secretKey', secretKey);
  // Ten digits are at most 9999999999, always below 2^36 (68719476736): no separate bound needed.
  if (!/^[0-9]{10}$/.test(secretKey)) throw rangeError('secretKey', 'expected 10 digits');
  let value = code * TWO_POW_36 + Number(secretKey); // < 2^48: exact in a double
  const out = new Uint8Array(6);
  for (let i = 5; i >= 0; i--) {
    out[i] = value % 256;
    value = Math.floor(value / 256);
  }
  return out;
}

/** §7.1: `[first year mod 100][10 × 6 bytes]` = 61 bytes. */
export function encodeInitPasswords({ firstYear, entries }: ResetTable): Uint8Array {
  assertInt('firstYear', firstYear, 2000, 2099);
  if (entries.length !== RESET_TABLE_YEARS) throw rangeError('entries', `expected length 10, got ${entries.length}`);
  const out = new Uint8Array(1 + 6 * RESET_TABLE_YEARS);
  out[0] = firstYear % 100;
  entries.forEach((entry, i) => out.set(packCodeAndKey(entry), 1 + 6 * i));
  return out;
}

/** §7.1 reply `[31][01]`; a failure (typically 0x0B) throws LOCK_REPORTED. */
export function decodeInitPasswordsReply(reply: Reply): void {
  expectReplyOk(reply, CMD_INIT_PASSWORDS);
}

/**
 * A fresh table as the SDK makes it: ten distinct codes below 1071 and, per year, a random
 * permutation of the digits 0-9. `randomBelow(n)` returns an integer in 0..n-1.
 */
export function makeResetTable(firstYear: number, randomBelow: (n: number) => number): ResetTable {
  const codes: number[] = [];
  while (codes.length < RESET_TABLE_YEARS) {
    const code = randomBelow(RESET_CODE_LIMIT);
    if (codes.indexOf(code) < 0) codes.push(code);
  }
  const entries = codes.map((code) => {
    const digits = '0123456789'.split('');
    for (let i = digits.length - 1; i > 0; i--) {
      const j = randomBelow(i + 1);
      const t = digits[i];
      digits[i] = digits[j];
      digits[j] = t;
    }
    return { code, secretKey: digits.join('') };
  });
  return { firstYear, entries };
}

/** The phone's current year, or the year before on 1 January (§7.1). `localMs` = now + phone offset. */
export function firstResetYear(localMs: number): number {
  const d = new Date(localMs);
  return d.getUTCMonth() === 0 && d.getUTCDate() === 1 ? d.getUTCFullYear() - 1 : d.getUTCFullYear();
}

/** Gson writes these five characters as \u00XX (its HTML-safe default); the vectors carry them so. */
function gsonEscape(json: string): string {
  return json.replace(/[<>&=']/g, (c) => '\\u00' + c.charCodeAt(0).toString(16));
}

/**
 * pwdInfo = Base64(AES-128-CBC-PKCS7(Gson JSON of the table, key = IV = the ASCII timestamp
 * right-padded with '0' to 16 characters)).
 */
export function encodePwdInfo(table: ResetTable, timestamp: number): string {
  assertInt('timestamp', timestamp, 0, 9999999999999999);
  const json = JSON.stringify(
    table.entries.map((e, i) => ({ year: table.firstYear + i, code: e.code, secretKey: e.secretKey, deleteDate: 0 })),
  );
  const key = asciiBytes(String(timestamp).padEnd(16, '0'));
  return base64Encode(aesCbcEncrypt(key, utf8Encode(json)));
}

/**
 * The lockData the cloud needs after a reset: the input with `pwdInfo` and `timestamp` replaced,
 * where Gson writes them (pwdInfo right before timestamp), sealed as the official string.
 * Accepts the official string or its plain JSON; ttlock-sdk-js's shape has nowhere to put them.
 */
export function lockDataWithResetTable(lockData: string, pwdInfo: string, timestamp: number): string {
  const text = lockData.trim();
  const opened = text[0] === '{' ? { json: text, macText: decodeLockData(text).lockMac } : openOfficialLockData(text);
  let source: Record<string, unknown>;
  try {
    source = JSON.parse(opened.json);
  } catch {
    throw lockDataError('decrypted payload is not valid JSON');
  }
  if (!isObject(source) || 'privateData' in source) {
    throw lockDataError('not the official shape');
  }
  const keys = Object.keys(source).filter((k) => k !== 'pwdInfo');
  let at = keys.indexOf('timestamp');
  if (at < 0) at = keys.indexOf('lockFlagPos') + 1 || keys.length;
  else keys.splice(at, 1);
  keys.splice(at, 0, 'pwdInfo', 'timestamp');
  const out: Record<string, unknown> = {};
  for (const k of keys) out[k] = k === 'pwdInfo' ? pwdInfo : k === 'timestamp' ? timestamp : source[k];
  return sealOfficialLockData(gsonEscape(JSON.stringify(out)), opened.macText);
}
