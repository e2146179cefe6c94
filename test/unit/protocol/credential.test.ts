/**
 * decodeCredential (spec §6.3): the obfuscated adminPwd / lockKey. Round trips against the
 * simulator's encoder (written from the spec), and every way the text can be wrong: each failure is
 * LOCKDATA_INVALID, names the field and never repeats the input.
 */
import fc from 'fast-check';
import { isLockError } from '../../../plugin/core/errors';
import { decodeCredential } from '../../../plugin/protocol';
import { crc8TableEntry } from '../../../plugin/protocol/crc8';
import { encodeCredential } from '../../../simulator/lock-data-encoder';

const b64 = (text: string) => Buffer.from(text, 'ascii').toString('base64');

/** The obfuscated text of `chars` (any char codes) with `seed`, signed bytes as the SDK writes them. */
function obfuscate(chars: number[], seed: number): string {
  const mask = crc8TableEntry(chars.length) ^ seed;
  const signed = [...chars.map((c) => c ^ mask), seed].map((b) => (b > 127 ? b - 256 : b));
  return b64(signed.join(','));
}

function failure(input: unknown, field = 'adminPwd'): string {
  try {
    decodeCredential(input as string, field);
  } catch (e) {
    expect(isLockError(e) && e.code).toBe('LOCKDATA_INVALID');
    const message = (e as Error).message;
    expect(message).toContain(`"${field}"`);
    if (typeof input === 'string' && input.length > 0) expect(message).not.toContain(input);
    return message;
  }
  throw new Error('expected LOCKDATA_INVALID');
}

describe('decodeCredential', () => {
  it('inverts the obfuscation for any digit string and seed (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{1,40}$/), fc.integer({ min: 0, max: 255 }), (digits, seed) => {
        expect(decodeCredential(encodeCredential(digits, seed))).toBe(digits);
      }),
    );
  });

  it('decodes the digits 0 and 9 at the edges of the allowed range', () => {
    expect(decodeCredential(obfuscate([0x30, 0x39, 0x30], 0x80))).toBe('090');
  });

  it.each([0x2f, 0x3a, 0x00, 0x41])('refuses a byte that decodes to char code %i', (c) => {
    expect(failure(obfuscate([0x31, c, 0x32], 7))).toMatch(/does not decode to decimal digits/);
  });

  it('accepts the signed byte range -128..127 and refuses -129 and 128', () => {
    // -128 and 127 as the seed: the mask follows, so the digits still decode.
    for (const seed of [-128, 127]) {
      const mask = crc8TableEntry(1) ^ (seed & 0xff);
      const digit = 0x35 ^ mask;
      expect(decodeCredential(b64(`${digit > 127 ? digit - 256 : digit},${seed}`))).toBe('5');
    }
    expect(failure(b64('1,-129'))).toMatch(/out of range/);
    expect(failure(b64('128,1'))).toMatch(/out of range/);
  });

  it.each([
    ['four digits', '0127,1'],
    ['an empty part', '1,,2'],
    ['a plus sign', '+1,2'],
    ['a space', '1, 2'],
    ['a decimal point', '1.0,2'],
    ['a letter', '1a,2'],
    ['a trailing comma', '1,2,'],
  ])('refuses %s as an obfuscated byte', (_name, text) => {
    expect(failure(b64(text))).toMatch(/malformed obfuscated byte/);
  });

  it('refuses text with a single byte (no seed) and empty text', () => {
    expect(failure(b64('12'))).toMatch(/too few obfuscated bytes/);
    expect(failure('')).toMatch(/too few obfuscated bytes/);
  });

  it('refuses what is not Base64, and what is not a string', () => {
    expect(failure('!!!!')).toMatch(/is not valid Base64/);
    expect(failure('abc')).toMatch(/is not valid Base64/);
    expect(failure(12345678901)).toMatch(/expected a string/);
    expect(failure(null)).toMatch(/expected a string/);
  });

  it('names "credential" when no field is given', () => {
    expect(() => decodeCredential('!!!!')).toThrow('lockData: "credential" is not valid Base64');
  });
});
