/**
 * The vendored AES bundle is committed (the WeChat toolchain compiles the plugin as is). This proves
 * it is exactly what `npm run vendor` builds from the pinned @noble/ciphers, and that it still works.
 */
import * as esbuild from 'esbuild';
import * as fs from 'fs';
import * as path from 'path';
import * as crypto from 'crypto';
import { decryptBlock, encryptBlock, expandKeyDecLE, expandKeyLE } from '../../plugin/protocol/vendor/noble-aes';

const options = require('../../scripts/vendor-options.js');

describe('plugin/protocol/vendor/noble-aes.js', () => {
  it('matches a fresh esbuild bundle of @noble/ciphers byte for byte', async () => {
    const fresh = await esbuild.build({ ...options, write: false });
    const committed = fs.readFileSync(options.outfile);
    expect(Buffer.from(fresh.outputFiles![0].contents).equals(committed)).toBe(true);
    expect(path.relative(path.resolve(__dirname, '../..'), options.outfile)).toBe(path.join('plugin', 'protocol', 'vendor', 'noble-aes.js'));
  });

  it('is the AES block cipher: one block each way agrees with node:crypto aes-128-ecb', () => {
    for (let run = 0; run < 20; run++) {
      const key = crypto.randomBytes(16);
      const block = crypto.randomBytes(16);
      const ecb = crypto.createCipheriv('aes-128-ecb', key, null).setAutoPadding(false);
      const want = Buffer.concat([ecb.update(block), ecb.final()]);
      const got = encryptBlock(expandKeyLE(Uint8Array.from(key)), Uint8Array.from(block));
      expect(Buffer.from(got).toString('hex')).toBe(want.toString('hex'));
      expect(Buffer.from(decryptBlock(expandKeyDecLE(Uint8Array.from(key)), Uint8Array.from(want))).toString('hex')).toBe(block.toString('hex'));
    }
  });

  it('exports nothing but the block cipher (no mode wrappers were bundled)', () => {
    const vendored = require('../../plugin/protocol/vendor/noble-aes');
    expect(Object.keys(vendored).sort()).toEqual(['decryptBlock', 'encryptBlock', 'expandKeyDecLE', 'expandKeyLE']);
  });
});
