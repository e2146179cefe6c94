/**
 * The published package's doors. Only the entry files are named here: whatever an entry exports
 * reaches the package (JavaScript and .d.ts), so new public API needs no change in this file.
 */
'use strict';

/** The plugin, for the mini-program npm door (`miniprogram_dist/`, 构建 npm) and for `require('lockwire')`. */
const PLUGIN = { name: '.', entry: 'plugin/index.ts', js: 'miniprogram_dist/index.js', dts: 'index.d.ts' };

/** Node-side doors: `lockwire/<name>`. */
const NODE_DOORS = [
  { name: './simulator', entry: 'simulator/index.ts', js: 'simulator/index.js', dts: 'simulator/index.d.ts' },
  { name: './cloud', entry: 'cloud/index.ts', js: 'cloud/index.js', dts: 'cloud/index.d.ts' },
  { name: './testing', entry: 'testing/index.ts', js: 'testing/index.js', dts: 'testing/index.d.ts' },
];

/** The command-line tool (`npx lockwire ...`). */
const BIN = { name: 'lockwire', entry: 'cloud/cli.ts', js: 'bin/lockwire.js' };

/** The declaration a plugin host adds once so that `requirePlugin('lockwire')` is typed. */
const REQUIRE_PLUGIN_DTS = 'require-plugin.d.ts';

/** Files the simulator reads at run time: the mock clouds' test-only TLS certificate (see its README). */
const SIMULATOR_ASSETS = ['simulator/certs'];

module.exports = { PLUGIN, NODE_DOORS, BIN, REQUIRE_PLUGIN_DTS, SIMULATOR_ASSETS };
