/**
 * AES-128-CBC as TTLock uses it (spec §4): IV = the key itself, PKCS#7 padding. Because the IV never
 * changes, equal plaintexts give equal ciphertexts; that is what makes a resend byte-identical.
 * The block cipher is the vendored noble bundle, never hand-rolled; only the CBC chaining and the
 * padding are here (noble's own CBC wrapper cost 2.3 KB more in the plugin for checks we do not need).
 */
import { assertBytes } from '../core/assert';
import { Code, LockError } from '../core/errors';
// The vendored file is an ES module, so the bundle inlines noble's four functions with no interop code.
import * as noble from './vendor/noble-aes';

export const AES_KEY_LENGTH = 16;
export const AES_BLOCK = 16;

/** Empty plaintext gives empty output: commands without data are sent with length 0 (spec §4). */
export function aesCbcEncrypt(key: Uint8Array, plaintext: Uint8Array): Uint8Array {
  assertBytes('key', key, AES_KEY_LENGTH);
  assertBytes('plaintext', plaintext);
  if (plaintext.length === 0) return new Uint8Array(0);
  const pad = AES_BLOCK - (plaintext.length % AES_BLOCK); // 1..16: a full block when already aligned
  // A fresh buffer (4-byte aligned, as noble's block functions need): the caller's bytes are never touched.
  const out = new Uint8Array(plaintext.length + pad).fill(pad);
  out.set(plaintext);
  const roundKeys = noble.expandKeyLE(key);
  let previous = key; // IV = key
  for (let at = 0; at < out.length; at += AES_BLOCK) {
    const block = out.subarray(at, at + AES_BLOCK);
    for (let i = 0; i < AES_BLOCK; i++) block[i] ^= previous[i];
    previous = noble.encryptBlock(roundKeys, block);
  }
  roundKeys.fill(0);
  return out;
}

/** Throws LockError PROTO_DECRYPT on a length that is not whole blocks or on bad padding. */
export function aesCbcDecrypt(key: Uint8Array, ciphertext: Uint8Array): Uint8Array {
  assertBytes('key', key, AES_KEY_LENGTH);
  assertBytes('ciphertext', ciphertext);
  if (ciphertext.length === 0) return new Uint8Array(0);
  if (ciphertext.length % AES_BLOCK !== 0) {
    throw new LockError(Code.PROTO_DECRYPT, `"ciphertext" expected a multiple of ${AES_BLOCK} bytes, got ${ciphertext.length}`);
  }
  const out = ciphertext.slice(); // aligned copy, decrypted in place
  const roundKeys = noble.expandKeyDecLE(key);
  for (let at = 0; at < out.length; at += AES_BLOCK) {
    const previous = at === 0 ? key : ciphertext.subarray(at - AES_BLOCK, at);
    const block = noble.decryptBlock(roundKeys, out.subarray(at, at + AES_BLOCK));
    for (let i = 0; i < AES_BLOCK; i++) block[i] ^= previous[i];
  }
  roundKeys.fill(0);
  // A wrong key shows up here: the last byte must be 1..16 and that many bytes must all equal it.
  const pad = out[out.length - 1];
  let bad = pad < 1 || pad > AES_BLOCK;
  for (let i = 2; i <= pad && !bad; i++) bad = out[out.length - i] !== pad;
  if (bad) throw new LockError(Code.PROTO_DECRYPT, 'bad padding (wrong key or corrupted data)');
  return out.subarray(0, out.length - pad);
}
