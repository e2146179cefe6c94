/**
 * AES-128-CBC as TTLock uses it (spec §4): IV = the key itself, PKCS#7 padding. Because the IV never
 * changes, equal plaintexts give equal ciphertexts; that is what makes a resend byte-identical.
 * The cipher is the vendored noble bundle: never hand-rolled.
 */
import { assertBytes } from '../core/assert';
import { LockError } from '../core/errors';
// A plain require: the vendored file is CommonJS, and an ES import of it would pull in esbuild's interop helpers.
import noble = require('./vendor/noble-aes');

const { cbc } = noble;

export const AES_KEY_LENGTH = 16;
export const AES_BLOCK = 16;

/** Empty plaintext gives empty output: commands without data are sent with length 0 (spec §4). */
export function aesCbcEncrypt(key: Uint8Array, plaintext: Uint8Array): Uint8Array {
  assertBytes('key', key, AES_KEY_LENGTH);
  assertBytes('plaintext', plaintext);
  if (plaintext.length === 0) return new Uint8Array(0);
  // noble may keep references to its inputs; hand it copies so callers can zero theirs.
  return cbc(key.slice(), key.slice()).encrypt(plaintext.slice());
}

/** Throws LockError PROTO_DECRYPT on a length that is not whole blocks or on bad padding. */
export function aesCbcDecrypt(key: Uint8Array, ciphertext: Uint8Array): Uint8Array {
  assertBytes('key', key, AES_KEY_LENGTH);
  assertBytes('ciphertext', ciphertext);
  if (ciphertext.length === 0) return new Uint8Array(0);
  if (ciphertext.length % AES_BLOCK !== 0) {
    throw new LockError(
      'PROTO_DECRYPT',
      `"ciphertext" expected a multiple of ${AES_BLOCK} bytes, got ${ciphertext.length}`,
    );
  }
  try {
    return cbc(key.slice(), key.slice()).decrypt(ciphertext.slice());
  } catch {
    // A wrong key shows up here as bad padding; noble's own error adds nothing useful.
    throw new LockError('PROTO_DECRYPT', 'bad padding (wrong key or corrupted data)');
  }
}
