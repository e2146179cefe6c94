/**
 * The vendored AES bundle is committed (the WeChat toolchain compiles the plugin as is). This proves
 * it is exactly what `npm run vendor` builds from the pinned @noble/ciphers, and that it still works.
 */
import * as esbuild from 'esbuild';
import * as fs from 'fs';
import * as path from 'path';
import * as crypto from 'crypto';
import { cbc } from '../../plugin/protocol/vendor/noble-aes';

const options = require('../../scripts/vendor-options.js');

describe('plugin/protocol/vendor/noble-aes.js', () => {
  it('matches a fresh esbuild bundle of @noble/ciphers byte for byte', () => {
    const fresh = esbuild.buildSync({ ...options, write: false });
    const committed = fs.readFileSync(options.outfile);
    expect(Buffer.from(fresh.outputFiles![0].contents).equals(committed)).toBe(true);
    expect(path.relative(path.resolve(__dirname, '../..'), options.outfile)).toBe(path.join('plugin', 'protocol', 'vendor', 'noble-aes.js'));
  });

  it('encrypts like node:crypto aes-128-cbc with PKCS#7 (IV = key, as TTLock uses it)', () => {
    const key = crypto.randomBytes(16);
    for (const len of [0, 1, 15, 16, 17, 40]) {
      const plaintext = crypto.randomBytes(len);
      const expected = crypto.createCipheriv('aes-128-cbc', key, key);
      const want = Buffer.concat([expected.update(plaintext), expected.final()]);
      const got = cbc(Uint8Array.from(key), Uint8Array.from(key)).encrypt(Uint8Array.from(plaintext));
      expect(Buffer.from(got).toString('hex')).toBe(want.toString('hex'));
    }
  });
});
