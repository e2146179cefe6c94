/**
 * The ticket recipe of tuya-temp-password.md §3: the ticket key is AES-256-ECB under the Access Secret's
 * UTF-8 bytes (never hex-decoded); the PIN is AES-128-ECB under the 16 decrypted bytes, PKCS#7, upper hex.
 * Failures say what went wrong in shape only; no key or PIN bytes ever reach a message.
 */
import { createCipheriv, createDecipheriv } from 'node:crypto';
import { TuyaError } from './errors';

const HEX = /^(?:[0-9A-Fa-f]{2})+$/;

function secretKey(accessSecret: string): Buffer {
  const key = Buffer.from(accessSecret, 'utf8');
  if (key.length !== 32) {
    throw new TuyaError('config', `accessSecret expected 32 bytes (UTF-8), got ${key.length}`);
  }
  return key;
}

/** Decrypts `ticket_key` to the 16-byte password key. A wrong secret or region fails here, loudly. */
export function decryptTicketKey(ticketKeyHex: string, accessSecret: string): Buffer {
  if (typeof ticketKeyHex !== 'string' || !HEX.test(ticketKeyHex) || ticketKeyHex.length % 32 !== 0) {
    throw new TuyaError('crypto', 'ticket_key is not whole AES blocks of hex');
  }
  const key = secretKey(accessSecret);
  let plain: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-ecb', key, null);
    plain = Buffer.concat([decipher.update(Buffer.from(ticketKeyHex, 'hex')), decipher.final()]);
  } catch {
    throw new TuyaError('crypto', 'ticket_key does not decrypt under the access secret (wrong secret or region?)');
  } finally {
    key.fill(0);
  }
  if (plain.length !== 16) {
    plain.fill(0);
    throw new TuyaError('crypto', `ticket_key decrypted to ${plain.length} bytes, expected 16`);
  }
  return plain;
}

/** Encrypts the PIN's ASCII digits under the 16-byte ticket key; returns upper-case hex. */
export function encryptPin(pin: string, key16: Uint8Array): string {
  if (key16.length !== 16) throw new TuyaError('crypto', `ticket key expected 16 bytes, got ${key16.length}`);
  const cipher = createCipheriv('aes-128-ecb', key16, null);
  return Buffer.concat([cipher.update(pin, 'ascii'), cipher.final()]).toString('hex').toUpperCase();
}

/** The whole §3 recipe in one call; the intermediate key is zeroed before returning. */
export function encryptPinWithTicket(pin: string, ticketKeyHex: string, accessSecret: string): string {
  const key16 = decryptTicketKey(ticketKeyHex, accessSecret);
  try {
    return encryptPin(pin, key16);
  } finally {
    key16.fill(0);
  }
}
