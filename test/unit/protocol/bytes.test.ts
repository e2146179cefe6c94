/** plugin/core/bytes.ts, checked against Node's Buffer as an independent oracle. */
import fc from 'fast-check';
import {
  asciiBytes,
  base64Decode,
  bytesToHex,
  concatBytes,
  equalBytes,
  hexToBytes,
  readU32BE,
  utf8Decode,
  writeU32BE,
} from '../../../plugin/core/bytes';

describe('bytes', () => {
  it('hex both ways matches Buffer', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (b) => {
        const h = Buffer.from(b).toString('hex');
        expect(bytesToHex(b)).toBe(h);
        expect(Buffer.from(hexToBytes(h.toUpperCase())).equals(Buffer.from(b))).toBe(true);
      }),
    );
    expect(() => hexToBytes('abc')).toThrow(RangeError);
    expect(() => hexToBytes('zz')).toThrow(/non-hex/);
  });

  it('concat, equal, ascii', () => {
    expect(Array.from(concatBytes(Uint8Array.of(1), new Uint8Array(0), Uint8Array.of(2, 3)))).toEqual([1, 2, 3]);
    expect(equalBytes(Uint8Array.of(1, 2), Uint8Array.of(1, 2))).toBe(true);
    expect(equalBytes(Uint8Array.of(1, 2), Uint8Array.of(1, 3))).toBe(false);
    expect(equalBytes(Uint8Array.of(1), Uint8Array.of(1, 0))).toBe(false);
    expect(Array.from(asciiBytes('A:z'))).toEqual([0x41, 0x3a, 0x7a]);
    expect(() => asciiBytes('é')).toThrow(/non-ASCII character at index 0/);
  });

  it('base64Decode matches Buffer on canonical input', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), (b) => {
        const text = Buffer.from(b).toString('base64');
        expect(Buffer.from(base64Decode(text)).equals(Buffer.from(b))).toBe(true);
      }),
    );
  });

  it.each(['abc', 'ab=c', 'a===', 'ab$=', 'QQ=', 'QR==', 'QUJ=', 'QUI=\n'])('base64Decode rejects %j', (s) => {
    expect(() => base64Decode(s)).toThrow(RangeError);
  });

  it('utf8Decode matches Buffer on valid text and rejects invalid sequences', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 30 }), (s) => {
        expect(utf8Decode(Uint8Array.from(Buffer.from(s, 'utf8')))).toBe(s);
      }),
    );
    expect(utf8Decode(Uint8Array.from(Buffer.from('前门锁', 'utf8')))).toBe('前门锁');
    for (const bad of ['c0af', 'e080af', 'eda080', 'f4908080', 'e4bd', '80', 'ff']) {
      expect(() => utf8Decode(Uint8Array.from(Buffer.from(bad, 'hex')))).toThrow(RangeError);
    }
  });

  it('u32 big-endian through a DataView, also on a subarray', () => {
    const buf = new Uint8Array(8);
    const view = buf.subarray(2);
    writeU32BE(view, 1, 0xf00dbeef);
    expect(Buffer.from(buf).toString('hex')).toBe('000000f00dbeef00');
    expect(readU32BE(view, 1)).toBe(0xf00dbeef);
  });
});
