// Entry for `npm run vendor`: only the AES modes lockwire uses (CBC for TTLock frames and lockData).
export { cbc } from '@noble/ciphers/aes.js';
