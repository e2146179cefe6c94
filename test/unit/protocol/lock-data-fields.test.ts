/**
 * The lockData field readers (spec §6): each accepts the forms the vendors write, refuses anything
 * else with LOCKDATA_INVALID naming the field and the problem, and never repeats the value.
 */
import fc from 'fast-check';
import { hex, toHex } from '../../helpers/vectors';
import { isLockError } from '../../../plugin/core/errors';
import {
  MAX_JAVA_INT,
  readAesKey,
  readCredential,
  readInt,
  readLockVersion,
  readMac,
  readOptionalInt,
} from '../../../plugin/protocol/lock-data-fields';
import { encodeCredential } from '../../../simulator/lock-data-encoder';

/** The message of the LOCKDATA_INVALID that `read` throws; checks it names `field` and hides `value`. */
function refusal(read: () => unknown, field: string, value?: string): string {
  try {
    read();
  } catch (e) {
    expect(isLockError(e) && e.code).toBe('LOCKDATA_INVALID');
    const message = (e as Error).message;
    expect(message.startsWith(`lockData: "${field}" `)).toBe(true);
    if (value !== undefined && value.length > 2) expect(message).not.toContain(value);
    return message.slice(`lockData: "${field}" `.length);
  }
  throw new Error('expected LOCKDATA_INVALID');
}

describe('readInt', () => {
  it('accepts min and max, refuses one past either, and says the range', () => {
    expect(readInt(0, 'f', 0, 255)).toBe(0);
    expect(readInt(255, 'f', 0, 255)).toBe(255);
    expect(readInt(-7, 'f', -7, 7)).toBe(-7);
    expect(refusal(() => readInt(256, 'f', 0, 255), 'f')).toBe('out of range 0..255');
    expect(refusal(() => readInt(-1, 'f', 0, 255), 'f')).toBe('out of range 0..255');
  });

  it('reads an integer of up to 16 digits from a decimal string, minus sign included', () => {
    expect(readInt('42', 'f', 0, 100)).toBe(42);
    expect(readInt('-42', 'f', -100, 0)).toBe(-42);
    expect(readInt('1000000000000000', 'f', 0, Number.MAX_SAFE_INTEGER)).toBe(1e15);
    expect(refusal(() => readInt('10000000000000000', 'f', 0, Number.MAX_SAFE_INTEGER), 'f')).toBe('expected an integer');
  });

  it.each([' 42', '42 ', '4 2', '+42', '4.2', '1e3', '0x10', '', '-', 'x42', '42x'])('refuses the string %j', (text) => {
    expect(refusal(() => readInt(text, 'f', -1e9, 1e9), 'f')).toBe('expected an integer');
  });

  it.each([1.5, NaN, Infinity, -Infinity, true, null, undefined, [1], { n: 1 }])('refuses %p', (value) => {
    expect(refusal(() => readInt(value, 'f', -1e9, 1e9), 'f')).toBe('expected an integer');
  });

  it('readOptionalInt: undefined and null are absent, anything else is read', () => {
    expect(readOptionalInt(undefined, 'f', 0, 1)).toBeUndefined();
    expect(readOptionalInt(null, 'f', 0, 1)).toBeUndefined();
    expect(readOptionalInt(0, 'f', 0, 1)).toBe(0);
    expect(readOptionalInt('1', 'f', 0, 1)).toBe(1);
    expect(refusal(() => readOptionalInt(2, 'f', 0, 1), 'f')).toBe('out of range 0..1');
  });
});

describe('readCredential', () => {
  it('reads a number or a plain string of 1 to 10 digits up to the largest Java int', () => {
    expect(readCredential(MAX_JAVA_INT, 'adminPwd')).toBe(MAX_JAVA_INT);
    expect(readCredential(String(MAX_JAVA_INT), 'adminPwd')).toBe(MAX_JAVA_INT);
    expect(readCredential('0', 'adminPwd')).toBe(0);
    expect(readCredential('0000000042', 'adminPwd')).toBe(42);
    expect(refusal(() => readCredential(MAX_JAVA_INT + 1, 'adminPwd'), 'adminPwd')).toBe(`out of range 0..${MAX_JAVA_INT}`);
    expect(refusal(() => readCredential('2147483648', 'adminPwd'), 'adminPwd', '2147483648')).toBe(`out of range 0..${MAX_JAVA_INT}`);
    expect(refusal(() => readCredential(-1, 'adminPwd'), 'adminPwd')).toBe(`out of range 0..${MAX_JAVA_INT}`);
  });

  it('decodes a string longer than 10 characters as the obfuscated form', () => {
    // (a one-digit credential obfuscates to 8 characters: the vendors' readers take that as plain digits)
    fc.assert(
      fc.property(fc.integer({ min: 1000, max: MAX_JAVA_INT }), fc.integer({ min: 0, max: 255 }), (n, seed) => {
        const encoded = encodeCredential(String(n), seed);
        expect(encoded.length).toBeGreaterThan(10);
        expect(readCredential(encoded, 'lockKey')).toBe(n);
      }),
    );
  });

  it('refuses an obfuscated form that decodes to more than 10 digits or past a Java int', () => {
    expect(refusal(() => readCredential(encodeCredential('12345678901', 3), 'lockKey'), 'lockKey')).toBe('expected 1..10 decimal digits');
    expect(refusal(() => readCredential(encodeCredential('2147483648', 3), 'lockKey'), 'lockKey')).toBe(`out of range 0..${MAX_JAVA_INT}`);
  });

  it.each(['', '12a', ' 12', '-1', '1.5'])('refuses the plain string %j', (text) => {
    expect(refusal(() => readCredential(text, 'adminPwd'), 'adminPwd')).toBe('expected 1..10 decimal digits');
  });

  it.each([true, null, undefined, {}, [1]])('refuses %p', (value) => {
    expect(refusal(() => readCredential(value, 'adminPwd'), 'adminPwd')).toBe('expected a string or number');
  });
});

describe('readMac', () => {
  it('reads six hex pairs with ":", "-" or no separator, in any case, to upper case with colons (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 6, maxLength: 6 }), fc.constantFrom(':', '-', ''), fc.boolean(), (bytes, sep, lower) => {
        const pairs = Array.from(bytes, (b) => b.toString(16).padStart(2, '0'));
        const text = pairs.join(sep);
        const expected = pairs.join(':').toUpperCase();
        expect(readMac(lower ? text.toLowerCase() : text.toUpperCase(), 'lockMac')).toBe(expected);
      }),
    );
  });

  it.each([
    'AA:BB:CC:DD:EE',
    'AA:BB:CC:DD:EE:FF:00',
    'AA:BB:CC:DD:EE:FG',
    'AA:BB-CC:DD:EE:FF',
    'AA-BB-CC-DD-EE:FF',
    'AA:BB:CC:DD:EE:F',
    'AA.BB.CC.DD.EE.FF',
    ' AA:BB:CC:DD:EE:FF',
    'AA:BB:CC:DD:EE:FF ',
    'xAA:BB:CC:DD:EE:FF',
    'AABBCCDDEEFF0',
    'AA::BB:CC:DD:EE:FF',
  ])('refuses %j', (text) => {
    expect(refusal(() => readMac(text, 'lockMac'), 'lockMac')).toBe('expected a MAC address of six hex bytes');
  });

  it('refuses what is not a string', () => {
    expect(refusal(() => readMac(0xaabbccddeeff, 'address'), 'address')).toBe('expected a string');
  });
});

describe('readAesKey', () => {
  it('reads 16 comma-separated bytes of one or two hex digits, spaces allowed around them', () => {
    const bytes = hex('00112233445566778899aabbccddeeff');
    const parts = Array.from(bytes, (b) => b.toString(16));
    expect(toHex(readAesKey(parts.join(','), 'aesKeyStr'))).toBe(toHex(bytes));
    expect(toHex(readAesKey(parts.map((p) => ` ${p.toUpperCase()} `).join(','), 'aesKeyStr'))).toBe(toHex(bytes));
  });

  it('reads 32 hex digits in either case', () => {
    expect(toHex(readAesKey('00112233445566778899AABBCCDDEEFF', 'aesKeyStr'))).toBe('00112233445566778899aabbccddeeff');
  });

  it('counts the comma-separated bytes it got', () => {
    const fifteen = new Array(15).fill('01').join(',');
    expect(refusal(() => readAesKey(fifteen, 'aesKeyStr'), 'aesKeyStr', fifteen)).toBe('expected 16 comma-separated bytes, got 15');
    expect(refusal(() => readAesKey(fifteen + ',02,03', 'aesKeyStr'), 'aesKeyStr')).toBe('expected 16 comma-separated bytes, got 17');
  });

  it.each(['123', 'g1', '', '-1', '0x1'])('refuses the byte %j among 16', (bad) => {
    const text = [bad, ...new Array(15).fill('01')].join(',');
    expect(refusal(() => readAesKey(text, 'privateData.aesKey'), 'privateData.aesKey', text)).toBe('has a non-hex byte');
  });

  it.each(['00112233445566778899aabbccddeef', '00112233445566778899aabbccddeeff0', '00112233445566778899aabbccddeefg', 'g00112233445566778899aabbccddeeff', ''])(
    'refuses the hex string %j',
    (text) => {
      expect(refusal(() => readAesKey(text, 'aesKeyStr'), 'aesKeyStr', text)).toBe('expected 16 bytes as hex');
    },
  );

  it('refuses what is not a string', () => {
    expect(refusal(() => readAesKey(Array(16).fill(1), 'aesKeyStr'), 'aesKeyStr')).toBe('expected a string');
  });
});

describe('readLockVersion', () => {
  const version = { protocolType: 5, protocolVersion: 3, scene: 2, groupId: 0xffff, orgId: 0x1234 };

  it('reads the header from an object or from its JSON text', () => {
    expect(readLockVersion(version, 'lockVersion')).toEqual(version);
    expect(readLockVersion(JSON.stringify(version), 'lockVersion')).toEqual(version);
  });

  it.each([
    ['protocolType', 256],
    ['protocolVersion', 256],
    ['scene', 256],
    ['groupId', 0x10000],
    ['orgId', 0x10000],
    ['orgId', -1],
  ])('names lockVersion.%s when it is out of range', (field, value) => {
    const max = field === 'groupId' || field === 'orgId' ? 0xffff : 0xff;
    const message = refusal(() => readLockVersion({ ...version, [field]: value }, 'lockVersion'), `lockVersion.${field}`);
    expect(message).toBe(`out of range 0..${max}`);
  });

  it('accepts the largest value of each field', () => {
    const largest = { protocolType: 255, protocolVersion: 255, scene: 255, groupId: 0xffff, orgId: 0xffff };
    expect(readLockVersion(largest, 'lockVersion')).toEqual(largest);
  });

  it('refuses text that is not JSON, and JSON or values that are not an object', () => {
    expect(refusal(() => readLockVersion('{"protocolType":5', 'lockVersion'), 'lockVersion')).toBe('is a string but not JSON');
    for (const value of ['null', '[1,2]', '5', null, [version], 5]) {
      expect(refusal(() => readLockVersion(value, 'lockVersion'), 'lockVersion')).toBe('expected an object');
    }
  });
});
