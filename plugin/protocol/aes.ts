/**
 * AES-128-CBC as TTLock uses it (spec §4): IV = the key itself, PKCS#7 padding. Because the IV never
 * changes, equal plaintexts give equal ciphertexts; that is what makes a resend byte-identical.
 * The cipher is the vendored noble bundle: never hand-rolled.
 */
import { LockError } from '../core/errors';
import { cbc } from './vendor/noble-aes';

export const AES_KEY_LENGTH = 16;
export const AES_BLOCK = 16;

function checkArgs(fn: string, key: unknown, data: unknown, dataName: string): void {
  if (!(key instanceof Uint8Array)) {
    throw new TypeError(`${fn}: "key" expected Uint8Array, got ${typeof key}`);
  }
  if (key.length !== AES_KEY_LENGTH) {
    throw new RangeError(`${fn}: "key" expected length ${AES_KEY_LENGTH}, got ${key.length}`);
  }
  if (!(data instanceof Uint8Array)) {
    throw new TypeError(`${fn}: "${dataName}" expected Uint8Array, got ${typeof data}`);
  }
}

/** Empty plaintext gives empty output: commands without data are sent with length 0 (spec §4). */
export function aesCbcEncrypt(key: Uint8Array, plaintext: Uint8Array): Uint8Array {
  checkArgs('aesCbcEncrypt', key, plaintext, 'plaintext');
  if (plaintext.length === 0) return new Uint8Array(0);
  // noble may keep references to its inputs; hand it copies so callers can zero theirs.
  return cbc(key.slice(), key.slice()).encrypt(plaintext.slice());
}

/** Throws LockError PROTO_DECRYPT on a length that is not whole blocks or on bad padding. */
export function aesCbcDecrypt(key: Uint8Array, ciphertext: Uint8Array): Uint8Array {
  checkArgs('aesCbcDecrypt', key, ciphertext, 'ciphertext');
  if (ciphertext.length === 0) return new Uint8Array(0);
  if (ciphertext.length % AES_BLOCK !== 0) {
    throw new LockError(
      'PROTO_DECRYPT',
      `aesCbcDecrypt: "ciphertext" expected a multiple of ${AES_BLOCK} bytes, got ${ciphertext.length}`,
    );
  }
  try {
    return cbc(key.slice(), key.slice()).decrypt(ciphertext.slice());
  } catch {
    // A wrong key shows up here as bad padding; noble's own error adds nothing useful.
    throw new LockError('PROTO_DECRYPT', 'aesCbcDecrypt: bad padding (wrong key or corrupted data)');
  }
}
