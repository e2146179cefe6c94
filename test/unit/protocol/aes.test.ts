/**
 * Our CBC chaining and PKCS#7 padding over noble's block cipher, against node:crypto's aes-128-cbc
 * (IV = key, as TTLock uses it) as the oracle. The shared frame vectors pin the same code byte for byte.
 */
import * as crypto from 'crypto';
import fc from 'fast-check';
import { isLockError } from '../../../plugin/core/errors';
import { aesCbcDecrypt, aesCbcEncrypt } from '../../../plugin/protocol';

function nodeEncrypt(key: Uint8Array, plaintext: Uint8Array): string {
  const c = crypto.createCipheriv('aes-128-cbc', key, key);
  return Buffer.concat([c.update(plaintext), c.final()]).toString('hex');
}

/** node's plaintext, or null when node rejects the padding. */
function nodeDecrypt(key: Uint8Array, ciphertext: Uint8Array): string | null {
  try {
    const d = crypto.createDecipheriv('aes-128-cbc', key, key);
    return Buffer.concat([d.update(ciphertext), d.final()]).toString('hex');
  } catch {
    return null;
  }
}

const hexOf = (b: Uint8Array) => Buffer.from(b).toString('hex');
const key16 = fc.uint8Array({ minLength: 16, maxLength: 16 });

describe('aesCbcEncrypt / aesCbcDecrypt against node:crypto', () => {
  it('encrypts every length from 1 to 64 bytes exactly like aes-128-cbc with IV = key', () => {
    const key = crypto.randomBytes(16);
    for (let len = 1; len <= 64; len++) {
      const plaintext = crypto.randomBytes(len);
      expect(hexOf(aesCbcEncrypt(key, plaintext))).toBe(nodeEncrypt(key, plaintext));
    }
  });

  it('round-trips random keys and plaintexts, and never modifies its inputs', () => {
    fc.assert(
      fc.property(key16, fc.uint8Array({ minLength: 1, maxLength: 80 }), (key, plaintext) => {
        const [keyBefore, plainBefore] = [hexOf(key), hexOf(plaintext)];
        const ciphertext = aesCbcEncrypt(key, plaintext);
        expect(hexOf(ciphertext)).toBe(nodeEncrypt(key, plaintext));
        const cipherBefore = hexOf(ciphertext);
        expect(hexOf(aesCbcDecrypt(key, ciphertext))).toBe(plainBefore);
        expect([hexOf(key), hexOf(plaintext), hexOf(ciphertext)]).toEqual([keyBefore, plainBefore, cipherBefore]);
      }),
    );
  });

  it('decrypts random blocks exactly when node accepts the padding, else PROTO_DECRYPT', () => {
    fc.assert(
      fc.property(key16, fc.integer({ min: 1, max: 4 }), fc.uint8Array({ minLength: 64, maxLength: 64 }), (key, blocks, bytes) => {
        const ciphertext = bytes.subarray(0, blocks * 16);
        const want = nodeDecrypt(key, ciphertext);
        let got: string | null;
        try {
          got = hexOf(aesCbcDecrypt(key, ciphertext));
        } catch (e) {
          expect(isLockError(e) && e.code).toBe('PROTO_DECRYPT');
          got = null;
        }
        expect(got).toBe(want);
      }),
      { numRuns: 500 },
    );
  });

  it('rejects every wrong padding byte pattern in the last block', () => {
    const key = crypto.randomBytes(16);
    const d = (plain: Uint8Array) => {
      // encrypt a raw last block without padding, so the padding bytes are ours to choose
      const c = crypto.createCipheriv('aes-128-cbc', key, key).setAutoPadding(false);
      return aesCbcDecrypt(key, Buffer.concat([c.update(plain), c.final()]));
    };
    for (let pad = 0; pad <= 17; pad++) {
      const block = new Uint8Array(16).fill(pad);
      if (pad >= 1 && pad <= 16) {
        expect(d(block).length).toBe(16 - pad);
        if (pad >= 2) {
          block[16 - pad] ^= 1; // first padding byte wrong
          expect(() => d(block)).toThrow(/bad padding/);
        }
      } else {
        expect(() => d(block)).toThrow(/bad padding/);
      }
    }
  });
});

describe('aesCbcEncrypt / aesCbcDecrypt edges', () => {
  const key = crypto.randomBytes(16);
  const raw = (plain: Uint8Array) => {
    const c = crypto.createCipheriv('aes-128-cbc', key, key).setAutoPadding(false);
    return new Uint8Array(Buffer.concat([c.update(plain), c.final()]));
  };

  it('maps empty to empty both ways (commands without data are sent with length 0)', () => {
    expect(aesCbcEncrypt(key, new Uint8Array(0)).length).toBe(0);
    expect(aesCbcDecrypt(key, new Uint8Array(0)).length).toBe(0);
  });

  it('refuses a ciphertext that is not whole blocks and says its length', () => {
    for (const n of [1, 15, 17, 31]) {
      let err: any;
      try {
        aesCbcDecrypt(key, new Uint8Array(n));
      } catch (e) {
        err = e;
      }
      expect([err.code, err.message]).toEqual(['PROTO_DECRYPT', `"ciphertext" expected a multiple of 16 bytes, got ${n}`]);
    }
  });

  it('checks every padding byte, not only the first and the last', () => {
    for (let pad = 3; pad <= 16; pad++) {
      for (let wrong = 2; wrong < pad; wrong++) {
        const block = new Uint8Array(16).fill(pad);
        block[16 - wrong] ^= 0x40; // one inner padding byte wrong
        expect(() => aesCbcDecrypt(key, raw(block))).toThrow('bad padding (wrong key or corrupted data)');
      }
    }
  });

  it('refuses a last byte above 16 even when that many bytes before it all equal it', () => {
    // 17 to 32 bytes of 0x11..0x20 would pass a check that only compares the bytes: PKCS#7 over
    // 16-byte blocks never pads more than 16
    for (const pad of [17, 18, 32]) {
      const plain = new Uint8Array(48).fill(pad);
      expect(() => aesCbcDecrypt(key, raw(plain))).toThrow('bad padding (wrong key or corrupted data)');
      expect(nodeDecrypt(key, raw(plain))).toBeNull();
    }
  });

  it('chains blocks: the second block decrypts with the first ciphertext block as its IV', () => {
    const plain = crypto.randomBytes(40);
    const ciphertext = aesCbcEncrypt(key, plain);
    expect(ciphertext.length).toBe(48);
    expect(hexOf(aesCbcDecrypt(key, ciphertext))).toBe(hexOf(plain));
    expect(nodeDecrypt(key, ciphertext)).toBe(hexOf(plain));
  });
});
