// Entry for `npm run vendor`: only the AES block cipher lockwire uses. TTLock's CBC with IV = key and
// PKCS#7 is a dozen lines in plugin/protocol/aes.ts; noble's `cbc` wrapper (argument checks, output
// buffers, nonce reuse guard) cost 2.3 KB more in the plugin. noble keeps these four functions
// module-private (they are only reachable through its `unsafe` object, which drags in every mode), so
// scripts/vendor-options.js exports them from noble's aes.js at bundle time; the code itself is unchanged.
// A plain ES module, not TypeScript: tsc would reject importing names that noble's types do not export.
export { expandKeyLE, expandKeyDecLE, encryptBlock, decryptBlock } from '@noble/ciphers/aes.js';
