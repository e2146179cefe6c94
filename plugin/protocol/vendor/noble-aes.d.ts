// Types for the vendored bundle (built by `npm run vendor` from @noble/ciphers 2.4.0, MIT).
export { cbc } from '@noble/ciphers/aes.js';
