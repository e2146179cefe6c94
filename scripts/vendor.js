#!/usr/bin/env node
/** npm run vendor: rebuilds plugin/protocol/vendor/noble-aes.js from @noble/ciphers (the AES block cipher only). */
'use strict';
const esbuild = require('esbuild');
const fs = require('fs');
const options = require('./vendor-options');

esbuild.build(options).then(
  () => console.log(`vendored ${options.outfile} (${fs.statSync(options.outfile).size} B)`),
  (err) => {
    console.error(err.message);
    process.exit(1);
  },
);
