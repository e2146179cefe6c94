#!/usr/bin/env node
/**
 * `prepack` of the repository root: the root is the development workspace, not the published package,
 * so `npm pack` / `npm publish` here stop and say what to run instead.
 */
'use strict';
console.error('lockwire: the repository root is not the published package. Run: npm run package && npm pack dist/package');
process.exit(1);
