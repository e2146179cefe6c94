/** decodeLockData over its three input shapes, field rules, and fuzzing that only LOCKDATA_INVALID escapes. */
import fc from 'fast-check';
import { hex, loadVectors, toHex } from '../../helpers/vectors';
import { isLockError } from '../../../plugin/core/errors';
import { DEFAULT_HEADER, decodeCredential, decodeLockData } from '../../../plugin/protocol';
import { encodeCredential, encodeLockData, formatAesKeyStr } from '../../../simulator/lock-data-encoder';
import { thrown } from '../../helpers/thrown';

const file = loadVectors('ttlock');
const fixed = file.meta.fixed_inputs;
const vector = file.vectors.find((v: any) => v.id === 'lockdata_string_roundtrip');
const json = vector.json;

function invalidMessage(input: unknown): string {
  const e = thrown(() => decodeLockData(input as string));
  expect(isLockError(e) && e.code).toBe('LOCKDATA_INVALID');
  return (e as Error).message;
}

const expectedFromVector = {
  lockMac: json.lockMac,
  adminPs: fixed.adminPs_int,
  unlockKey: fixed.unlockKey_int,
  lockFlagPos: json.lockFlagPos,
  uid: json.uid,
  lockVersion: json.lockVersion,
  timezoneRawOffset: json.timezoneRawOffset,
  lockName: json.lockName,
};

describe('decodeLockData: shapes', () => {
  it('official string (shared vector)', () => {
    const d = decodeLockData(vector.encoded);
    expect(d).toMatchObject(expectedFromVector);
    expect(toHex(d.aesKey)).toBe(fixed.aesKey);
  });

  it('plain official JSON, with lockVersion as an object or a JSON string', () => {
    expect(decodeLockData(JSON.stringify(json))).toMatchObject(expectedFromVector);
    const v2 = { ...json, lockVersion: JSON.stringify(json.lockVersion) };
    expect(decodeLockData(JSON.stringify(v2)).lockVersion).toEqual(json.lockVersion);
  });

  it('plain digits, numbers, a 32-hex aesKeyStr and a lower-case MAC are accepted', () => {
    const d = decodeLockData(
      JSON.stringify({ ...json, lockMac: 'aa:bb:cc:dd:ee:0f', adminPwd: '0123456789', lockKey: 987654321, aesKeyStr: fixed.aesKey }),
    );
    expect(d).toMatchObject({ lockMac: 'AA:BB:CC:DD:EE:0F', adminPs: 123456789, unlockKey: 987654321 });
    expect(toHex(d.aesKey)).toBe(fixed.aesKey);
    for (const mac of ['aa-bb-cc-dd-ee-0f', 'aabbccddee0f']) {
      expect(decodeLockData(JSON.stringify({ ...json, lockMac: mac })).lockMac).toBe('AA:BB:CC:DD:EE:0F');
    }
    expect(invalidMessage(JSON.stringify({ ...json, lockMac: 'aa:bb-cc:dd:ee:0f' }))).toMatch(/"lockMac"/);
  });

  it('S1 shape, alone or as a one-element array; defaults header, flag and uid', () => {
    const s1 = {
      address: 'aa:bb:cc:dd:ee:ff',
      battery: 80,
      privateData: { aesKey: fixed.aesKey, admin: { adminPs: fixed.adminPs_int, unlockKey: fixed.unlockKey_int } },
    };
    for (const input of [s1, [s1]]) {
      const d = decodeLockData(JSON.stringify(input));
      expect(d).toEqual({
        lockMac: 'AA:BB:CC:DD:EE:FF',
        aesKey: hex(fixed.aesKey),
        adminPs: fixed.adminPs_int,
        unlockKey: fixed.unlockKey_int,
        lockFlagPos: 0,
        uid: 0,
        lockVersion: DEFAULT_HEADER,
      });
    }
    expect(invalidMessage(JSON.stringify([s1, s1]))).toMatch(/exactly 1/);
    expect(invalidMessage(JSON.stringify({ ...s1, privateData: { aesKey: fixed.aesKey } }))).toMatch(/privateData.admin/);
  });

  it('round-trips a generated lockData (Chinese lockName, injected uid/flag, negative offset)', () => {
    const source = {
      lockMac: '01:02:03:0A:0B:0C',
      lockName: '前门锁',
      adminPwd: encodeCredential('0000004321', 200),
      lockKey: encodeCredential('2147483647', 7),
      aesKeyStr: formatAesKeyStr(hex('00112233445566778899aabbccddeeff')),
      lockFlagPos: fixed.lockFlagPos_injected,
      uid: fixed.uid_injected,
      lockVersion: { protocolType: 5, protocolVersion: 3, scene: 2, groupId: 10, orgId: 12 },
      timezoneRawOffset: -18000000,
      userType: 110301,
    };
    const d = decodeLockData(encodeLockData(source));
    expect(d).toEqual({
      lockMac: source.lockMac,
      lockName: source.lockName,
      adminPs: 4321,
      unlockKey: 2147483647,
      aesKey: hex('00112233445566778899aabbccddeeff'),
      lockFlagPos: source.lockFlagPos,
      uid: source.uid,
      lockVersion: source.lockVersion,
      timezoneRawOffset: source.timezoneRawOffset,
      userType: source.userType,
    });
  });
});

describe('decodeLockData: rejections name the problem and never echo input', () => {
  const base = JSON.parse(JSON.stringify(json));
  const cases: Array<[string, unknown, RegExp]> = [
    ['non-string', 42, /expected a string/],
    ['empty', '   ', /empty/],
    ['bad Base64', 'abc$', /Base64/],
    ['bad JSON', '{"lockMac": ', /not valid JSON/],
    ['missing lockMac', { ...base, lockMac: undefined }, /"lockMac"/],
    ['MAC of five bytes', { ...base, lockMac: 'AA:BB:CC:DD:EE' }, /"lockMac"/],
    ['aesKeyStr of 15 bytes', { ...base, aesKeyStr: base.aesKeyStr.slice(3) }, /"aesKeyStr".*15/],
    ['adminPwd over Java int', { ...base, adminPwd: '2147483648' }, /"adminPwd" out of range/],
    ['lockKey not digits', { ...base, lockKey: '12ab' }, /"lockKey"/],
    ['obfuscated lockKey with garbage', { ...base, lockKey: 'bm90IGEgY3JlZGVudGlhbA==' }, /"lockKey"/],
    ['lockFlagPos over 24 bits', { ...base, lockFlagPos: 0x1000000 }, /"lockFlagPos" out of range/],
    ['uid negative', { ...base, uid: -1 }, /"uid"/],
    ['timezone beyond 14 h', { ...base, timezoneRawOffset: 14 * 3600000 + 1 }, /"timezoneRawOffset"/],
    ['lockVersion.scene missing', { ...base, lockVersion: { ...base.lockVersion, scene: undefined } }, /lockVersion.scene/],
    ['JSON array of numbers', [1], /expected a JSON object/],
  ];
  it.each(cases)('%s', (_name, input, pattern) => {
    const text = typeof input === 'string' || typeof input === 'number' ? input : JSON.stringify(input);
    const message = invalidMessage(text);
    expect(message).toMatch(pattern);
    for (const secret of [fixed.aesKey, base.aesKeyStr, base.adminPwd, base.lockKey, '2147483648', '12ab']) {
      expect(message).not.toContain(secret);
    }
  });

  it('a corrupted official string fails to decrypt, and a wrong length is named', () => {
    const raw = Buffer.from(vector.encoded, 'base64');
    raw[raw.length - 1] ^= 1; // another MAC, so another key
    expect(invalidMessage(raw.toString('base64'))).toMatch(/decrypt/);
    expect(invalidMessage(raw.subarray(1).toString('base64'))).toMatch(/length/);
  });

  it('decodeCredential names its field', () => {
    expect(() => decodeCredential('!!!!', 'adminPwd')).toThrow(/"adminPwd" is not valid Base64/);
  });
});

describe('decodeLockData: properties', () => {
  const onlyInvalid = (input: string) => {
    try {
      decodeLockData(input);
    } catch (e) {
      if (!(isLockError(e) && e.code === 'LOCKDATA_INVALID')) throw e;
    }
  };

  it('random strings only ever throw LOCKDATA_INVALID', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), onlyInvalid), { numRuns: 2000 });
    fc.assert(fc.property(fc.json(), onlyInvalid), { numRuns: 1000 });
  });

  it('random Base64 of (random bytes + 6 MAC bytes) only ever throws LOCKDATA_INVALID', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 160 }), fc.uint8Array({ minLength: 6, maxLength: 6 }), (body, mac) => {
        onlyInvalid(Buffer.concat([body, mac]).toString('base64'));
      }),
      { numRuns: 2000 },
    );
  });

  it('random JSON objects encrypted as official strings only ever throw LOCKDATA_INVALID', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('lockMac', 'aesKeyStr', 'adminPwd', 'lockKey', 'uid', 'lockVersion'), fc.jsonValue()), (obj) => {
        onlyInvalid(encodeLockData({ ...obj, lockMac: 'AA:BB:CC:DD:EE:FF' }));
      }),
      { numRuns: 500 },
    );
  });
});
