#!/usr/bin/env node
/** npm run vendor: rebuilds plugin/protocol/vendor/noble-aes.js from @noble/ciphers (CBC only). */
'use strict';
const esbuild = require('esbuild');
const fs = require('fs');
const options = require('./vendor-options');
esbuild.buildSync(options);
console.log(`vendored ${options.outfile} (${fs.statSync(options.outfile).size} B)`);
