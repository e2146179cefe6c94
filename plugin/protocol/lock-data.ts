/**
 * decodeLockData: the one entry point that turns whatever lockData the host passes into the values
 * the passcode flow needs (spec §6). Three shapes are accepted:
 *  (a) the official string: Base64( AES-128-CBC(JSON, key = iv = MAC text minus char 9) || MAC[6] );
 *  (b) the plain official JSON (2.x SDK / WeChat plugin 1.x);
 *  (c) ttlock-sdk-js's shape {address, privateData: {aesKey, admin: {adminPs, unlockKey}}}, or an
 *      array holding exactly one such object.
 * Every failure is LockError LOCKDATA_INVALID with a message naming the field or problem only.
 */
import { lockDataError } from '../core/errors';
import { asciiBytes, base64Decode, base64Encode, concatBytes, hexToBytes, utf8Decode, utf8Encode } from '../core/bytes';
import { aesCbcDecrypt, aesCbcEncrypt } from './aes';
import { DEFAULT_HEADER, type FrameHeader } from './frame';
import {
  type JsonObject,
  MAX_LOCK_FLAG_POS,
  MAX_TIMEZONE_OFFSET_MS,
  MAX_UID,
  invalid,
  isObject,
  readAesKey,
  readCredential,
  readLockVersion,
  readMac,
  readOptionalInt,
} from './lock-data-fields';
import { isString } from '../core/assert';

export interface LockData {
  /** Upper case, colon-separated. */
  lockMac: string;
  aesKey: Uint8Array;
  adminPs: number;
  unlockKey: number;
  lockFlagPos: number;
  uid: number;
  /** Header for CHECK_ADMIN (§3.1); DEFAULT_HEADER when the source has none. */
  lockVersion: FrameHeader;
  /** Lock zone offset in ms; absent when the source has none (callers choose the fallback). */
  timezoneRawOffset?: number;
  userType?: number;
  lockName?: string;
  /** Hex feature bit-field (bit 7 = can modify passcodes); absent when the source has none. */
  featureValue?: string;
}

export { lockDataError };

const MAC_SUFFIX_LENGTH = 6;
/** The official key is the MAC text without the character at this index (16 ASCII bytes). */
const KEY_DROPPED_CHAR_INDEX = 9;

export function decodeLockData(lockData: string): LockData {
  if (!isString(lockData)) {
    throw lockDataError(`expected a string, got ${typeof lockData}`);
  }
  const text = lockData.trim();
  if (text.length === 0) throw lockDataError('empty string');
  if (text[0] === '{' || text[0] === '[') return fromJson(parseJson(text, 'lockData'));
  return fromOfficialString(text);
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // The SyntaxError's message quotes the input, so it is deliberately not kept as a cause.
    throw lockDataError(`${what} is not valid JSON`);
  }
}

function officialKey(macText: string): Uint8Array {
  return asciiBytes(macText.slice(0, KEY_DROPPED_CHAR_INDEX) + macText.slice(KEY_DROPPED_CHAR_INDEX + 1));
}

/** The official string's JSON text and the MAC text of its suffix (which also keys the AES). */
export function openOfficialLockData(text: string): { json: string; macText: string } {
  let raw: Uint8Array;
  try {
    raw = base64Decode(text);
  } catch {
    throw lockDataError('not valid Base64 (nor JSON)');
  }
  const cipherLength = raw.length - MAC_SUFFIX_LENGTH;
  if (cipherLength < 16 || cipherLength % 16 !== 0) {
    throw lockDataError(`decoded length ${raw.length} is not 16·k + 6`);
  }
  const macBytes = raw.subarray(cipherLength);
  const macText = Array.from(macBytes, (b) => b.toString(16).padStart(2, '0').toUpperCase()).join(':');
  const key = officialKey(macText);
  try {
    return { json: utf8Decode(aesCbcDecrypt(key, raw.subarray(0, cipherLength))), macText };
  } catch {
    throw lockDataError('payload does not decrypt with its MAC key');
  } finally {
    key.fill(0);
  }
}

/** The inverse of openOfficialLockData: Base64( AES(JSON, MAC key) || the 6 MAC bytes ). */
export function sealOfficialLockData(json: string, macText: string): string {
  const key = officialKey(macText);
  try {
    const body = aesCbcEncrypt(key, utf8Encode(json));
    return base64Encode(concatBytes(body, hexToBytes(macText.replace(/:/g, ''))));
  } finally {
    key.fill(0);
  }
}

function fromOfficialString(text: string): LockData {
  const { json, macText } = openOfficialLockData(text);
  const parsed = parseJson(json, 'decrypted payload');
  if (!isObject(parsed)) {
    throw lockDataError('decrypted payload is not a JSON object');
  }
  // The vendor decoder keys on the suffix; lockMac in the JSON is still what we connect to.
  return fromOfficialJson(parsed, macText);
}

function fromJson(parsed: unknown): LockData {
  let obj = parsed;
  if (Array.isArray(parsed)) {
    if (parsed.length !== 1) {
      throw lockDataError(`array expected exactly 1 lock, got ${parsed.length}`);
    }
    obj = parsed[0];
  }
  if (!isObject(obj)) throw lockDataError('expected a JSON object');
  return 'privateData' in obj ? fromSdkJs(obj) : fromOfficialJson(obj);
}

/** `suffixMac`: the official string's MAC suffix, used when its JSON has no lockMac. */
function fromOfficialJson(obj: JsonObject, suffixMac?: string): LockData {
  const data: LockData = {
    lockMac: readMac(obj.lockMac === undefined ? suffixMac : obj.lockMac, 'lockMac'),
    aesKey: readAesKey(obj.aesKeyStr, 'aesKeyStr'),
    adminPs: readCredential(obj.adminPwd, 'adminPwd'),
    unlockKey: readCredential(obj.lockKey, 'lockKey'),
    // Absent on lockData created locally by some tools; the vendor SDK starts both at 0.
    lockFlagPos: readOptionalInt(obj.lockFlagPos, 'lockFlagPos', 0, MAX_LOCK_FLAG_POS) ?? 0,
    uid: readOptionalInt(obj.uid, 'uid', 0, MAX_UID) ?? 0,
    lockVersion:
      obj.lockVersion === undefined || obj.lockVersion === null
        ? Object.assign({}, DEFAULT_HEADER)
        : readLockVersion(obj.lockVersion, 'lockVersion'),
  };
  const offset = readOptionalInt(obj.timezoneRawOffset, 'timezoneRawOffset', -MAX_TIMEZONE_OFFSET_MS, MAX_TIMEZONE_OFFSET_MS);
  if (offset !== undefined) data.timezoneRawOffset = offset;
  const userType = readOptionalInt(obj.userType, 'userType', 0, Number.MAX_SAFE_INTEGER);
  if (userType !== undefined) data.userType = userType;
  if (isString(obj.featureValue) && /^[0-9A-Fa-f]+$/.test(obj.featureValue)) data.featureValue = obj.featureValue;
  if (isString(obj.lockName)) data.lockName = obj.lockName;
  else if (obj.lockName !== undefined && obj.lockName !== null) invalid('lockName', 'expected a string');
  return data;
}

/** ttlock-sdk-js keeps no header, flag or uid: it sends 5.3.1.1.1, 0 and 0 (§5.3). */
function fromSdkJs(obj: JsonObject): LockData {
  const priv = obj.privateData;
  if (!isObject(priv)) return invalid('privateData', 'expected an object');
  const admin = priv.admin;
  if (!isObject(admin)) return invalid('privateData.admin', 'expected an object');
  return {
    lockMac: readMac(obj.address, 'address'),
    aesKey: readAesKey(priv.aesKey, 'privateData.aesKey'),
    adminPs: readCredential(admin.adminPs, 'privateData.admin.adminPs'),
    unlockKey: readCredential(admin.unlockKey, 'privateData.admin.unlockKey'),
    lockFlagPos: 0,
    uid: 0,
    lockVersion: Object.assign({}, DEFAULT_HEADER),
  };
}
