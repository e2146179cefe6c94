/**
 * decodeLockData beyond its main shapes: trimming, the official string's length and payload checks,
 * the optional fields and their bounds, and seal/open as inverses. Official strings are sealed here
 * with node:crypto (spec §6.2), independently of the plugin's AES.
 */
import { createCipheriv } from 'node:crypto';
import fc from 'fast-check';
import { loadVectors } from '../../helpers/vectors';
import { isLockError } from '../../../plugin/core/errors';
import { DEFAULT_HEADER, decodeLockData, openOfficialLockData, sealOfficialLockData } from '../../../plugin/protocol';
import { MAX_TIMEZONE_OFFSET_MS } from '../../../plugin/protocol/lock-data-fields';
import { thrown } from '../../helpers/thrown';

const vector = loadVectors('ttlock').vectors.find((v: any) => v.id === 'lockdata_string_roundtrip');
const json = vector.json;
const MAC = 'AA:BB:CC:DD:EE:FF';

/** Base64( AES-128-CBC(text, key = iv = MAC text minus char 9) || MAC bytes ). */
function seal(text: string, mac = MAC): string {
  const key = Buffer.from(mac.slice(0, 9) + mac.slice(10), 'ascii');
  const cipher = createCipheriv('aes-128-cbc', key, key);
  const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
  return Buffer.concat([body, Buffer.from(mac.replace(/:/g, ''), 'hex')]).toString('base64');
}

/** The message of decodeLockData's refusal, which must be LOCKDATA_INVALID. */
function refusal(input: unknown): string {
  const e = thrown(() => decodeLockData(input as string));
  expect(isLockError(e) && e.code).toBe('LOCKDATA_INVALID');
  return (e as Error).message;
}

const withField = (extra: Record<string, unknown>) => JSON.stringify({ ...json, ...extra });

describe('decodeLockData: the input text', () => {
  it('says what type it got instead of a string', () => {
    expect(refusal(42)).toBe('lockData: expected a string, got number');
    expect(refusal(undefined)).toBe('lockData: expected a string, got undefined');
  });

  it('trims white space around either form, and refuses white space alone', () => {
    expect(decodeLockData(` \n${vector.encoded}\t`).lockMac).toBe(json.lockMac);
    expect(decodeLockData(`  ${JSON.stringify(json)}  `).lockMac).toBe(json.lockMac);
    expect(refusal(' \t\n')).toBe('lockData: empty string');
    expect(refusal('')).toBe('lockData: empty string');
  });

  it('reads a text starting with "[" as a JSON array and says how many locks it holds', () => {
    expect(refusal('[]')).toBe('lockData: array expected exactly 1 lock, got 0');
    expect(decodeLockData(`[${JSON.stringify(json)}]`).lockMac).toBe(json.lockMac);
    expect(refusal('[1')).toBe('lockData: lockData is not valid JSON');
  });
});

describe('decodeLockData: the official string', () => {
  it('needs 16·k + 6 bytes with k >= 1, and says what length it got', () => {
    const mac = Buffer.from('aabbccddeeff', 'hex');
    expect(refusal(mac.toString('base64'))).toBe('lockData: decoded length 6 is not 16·k + 6');
    expect(refusal(Buffer.concat([Buffer.alloc(15), mac]).toString('base64'))).toBe('lockData: decoded length 21 is not 16·k + 6');
    expect(refusal(Buffer.concat([Buffer.alloc(17), mac]).toString('base64'))).toBe('lockData: decoded length 23 is not 16·k + 6');
    expect(refusal(Buffer.concat([Buffer.alloc(16), mac]).toString('base64'))).toBe('lockData: payload does not decrypt with its MAC key');
  });

  it('keys the AES on the MAC suffix and uses it when the JSON has no lockMac', () => {
    const { lockMac: _dropped, ...rest } = json;
    const d = decodeLockData(seal(JSON.stringify(rest), '01:02:0A:0B:C0:FF'));
    expect(d.lockMac).toBe('01:02:0A:0B:C0:FF');
    expect(d.adminPs).toBe(decodeLockData(vector.encoded).adminPs);
  });

  it('connects to the JSON lockMac when it differs from the suffix', () => {
    expect(decodeLockData(seal(JSON.stringify({ ...json, lockMac: '11:22:33:44:55:66' }))).lockMac).toBe('11:22:33:44:55:66');
  });

  it('refuses a payload that is not JSON or not a JSON object', () => {
    expect(refusal(seal('not json'))).toBe('lockData: decrypted payload is not valid JSON');
    expect(refusal(seal('[1,2]'))).toBe('lockData: decrypted payload is not a JSON object');
    expect(refusal(seal('null'))).toBe('lockData: decrypted payload is not a JSON object');
  });

  it('not Base64 and not JSON says so', () => {
    expect(refusal('abc$')).toBe('lockData: not valid Base64 (nor JSON)');
  });

  it('seals the vector JSON text to the vector string, and opens it back', () => {
    const sealedHere = seal(JSON.stringify(json));
    const opened = openOfficialLockData(vector.encoded);
    expect(opened.macText).toBe(MAC);
    expect(JSON.parse(opened.json)).toEqual(json);
    expect(sealOfficialLockData(opened.json, opened.macText)).toBe(vector.encoded);
    expect(openOfficialLockData(sealedHere).json).toBe(JSON.stringify(json));
  });

  it('open undoes seal for any JSON text and MAC (property)', () => {
    fc.assert(
      fc.property(fc.json(), fc.uint8Array({ minLength: 6, maxLength: 6 }), (text, macBytes) => {
        const mac = Array.from(macBytes, (b) => b.toString(16).padStart(2, '0').toUpperCase()).join(':');
        const sealed = sealOfficialLockData(text, mac);
        expect(sealed).toBe(seal(text, mac));
        expect(openOfficialLockData(sealed)).toEqual({ json: text, macText: mac });
      }),
      { numRuns: 200 },
    );
  });
});

describe('decodeLockData: optional fields', () => {
  it('defaults lockFlagPos and uid to 0 and the header to 5.3.1.1.1 when absent or null', () => {
    for (const value of [undefined, null]) {
      const d = decodeLockData(withField({ lockFlagPos: value, uid: value, lockVersion: value }));
      expect([d.lockFlagPos, d.uid]).toEqual([0, 0]);
      expect(d.lockVersion).toEqual(DEFAULT_HEADER);
      expect(Object.isFrozen(d.lockVersion)).toBe(false);
    }
  });

  it('accepts a time zone of exactly ±14 h and refuses one millisecond more', () => {
    for (const offset of [MAX_TIMEZONE_OFFSET_MS, -MAX_TIMEZONE_OFFSET_MS, 0]) {
      expect(decodeLockData(withField({ timezoneRawOffset: offset })).timezoneRawOffset).toBe(offset);
    }
    expect(refusal(withField({ timezoneRawOffset: -MAX_TIMEZONE_OFFSET_MS - 1 }))).toMatch(/"timezoneRawOffset" out of range/);
    expect(MAX_TIMEZONE_OFFSET_MS).toBe(14 * 3600 * 1000);
  });

  it('leaves timezoneRawOffset, userType, featureValue and lockName out when absent', () => {
    const { timezoneRawOffset: _t, userType: _u, featureValue: _f, lockName: _n, ...rest } = json;
    // lockName absent, and null
    for (const lockName of [{}, { lockName: null }]) {
      const d = decodeLockData(JSON.stringify({ ...rest, ...lockName }));
      for (const key of ['timezoneRawOffset', 'userType', 'featureValue', 'lockName']) expect(key in d).toBe(false);
    }
  });

  it('keeps userType and a hex featureValue, drops a featureValue that is not hex', () => {
    const d = decodeLockData(withField({ userType: '110301', featureValue: 'F3d5' }));
    expect([d.userType, d.featureValue]).toEqual([110301, 'F3d5']);
    for (const featureValue of ['', 'xyz', '12 34', 1234]) {
      expect('featureValue' in decodeLockData(withField({ featureValue }))).toBe(false);
    }
    expect(refusal(withField({ userType: -1 }))).toMatch(/"userType" out of range/);
  });

  it('refuses a lockName that is not a string', () => {
    expect(refusal(withField({ lockName: 5 }))).toBe('lockData: "lockName" expected a string');
    expect(decodeLockData(withField({ lockName: '' })).lockName).toBe('');
  });
});

describe("decodeLockData: ttlock-sdk-js's shape names its own fields", () => {
  const s1 = { address: 'aa:bb:cc:dd:ee:ff', privateData: { aesKey: '00112233445566778899aabbccddeeff', admin: { adminPs: 1, unlockKey: 2 } } };

  it.each([
    ['privateData', { ...s1, privateData: 'x' }, 'lockData: "privateData" expected an object'],
    ['privateData.admin', { ...s1, privateData: { ...s1.privateData, admin: [1] } }, 'lockData: "privateData.admin" expected an object'],
    ['address', { ...s1, address: 'aa:bb' }, '"address"'],
    ['privateData.aesKey', { ...s1, privateData: { ...s1.privateData, aesKey: '00' } }, '"privateData.aesKey"'],
    ['adminPs', { ...s1, privateData: { ...s1.privateData, admin: { adminPs: -1, unlockKey: 2 } } }, '"privateData.admin.adminPs"'],
    ['unlockKey', { ...s1, privateData: { ...s1.privateData, admin: { adminPs: 1, unlockKey: 'x' } } }, '"privateData.admin.unlockKey"'],
  ])('%s', (_name, input, expected) => {
    expect(refusal(JSON.stringify(input))).toContain(expected);
  });

  it('is chosen by the presence of privateData, even beside official fields', () => {
    const d = decodeLockData(JSON.stringify({ ...json, ...s1 }));
    expect([d.lockMac, d.adminPs, d.unlockKey, d.uid, d.lockFlagPos]).toEqual(['AA:BB:CC:DD:EE:FF', 1, 2, 0, 0]);
  });
});
