// Types for the vendored bundle (built by `npm run vendor` from @noble/ciphers 2.4.0, MIT): noble's
// AES block cipher. Round keys are little-endian 32-bit words; blocks are 16 bytes, 4-byte aligned.

/** Encryption round keys for a 16-, 24- or 32-byte key. */
export declare function expandKeyLE(key: Uint8Array): Uint32Array;
/** Decryption round keys (reversed, InvMixColumns applied) for the same key. */
export declare function expandKeyDecLE(key: Uint8Array): Uint32Array;
/** Encrypts one 16-byte block in place and returns it. */
export declare function encryptBlock(roundKeys: Uint32Array, block: Uint8Array): Uint8Array;
/** Decrypts one 16-byte block in place and returns it. */
export declare function decryptBlock(roundKeys: Uint32Array, block: Uint8Array): Uint8Array;
