/**
 * Bundled, self-contained .d.ts for every door (dts-bundle-generator, one TypeScript program for all
 * of them): each file holds the declarations its entry reaches, imports only Node's own types and
 * other packages, and nothing from our source tree. Plus the one-line-to-add declaration that types
 * `requirePlugin('lockwire')` for plugin hosts.
 */
'use strict';
const fs = require('fs');
const path = require('path');
const { PLUGIN, NODE_DOORS, REQUIRE_PLUGIN_DTS } = require('./doors');

const REQUIRE_PLUGIN_TEXT = `/**
 * For mini-programs that use lockwire as a plugin: types \`requirePlugin('lockwire')\`.
 * Add it once, e.g. in tsconfig.json: "types": ["miniprogram-api-typings", "lockwire/require-plugin"]
 * (or a line \`/// <reference types="lockwire/require-plugin" />\` in one of your .d.ts files).
 */
declare global {
  interface RequirePlugin {
    (module: 'lockwire'): typeof import('./index');
  }
}
export {};
`;

function writeDeclarations(root, out) {
  const { generateDtsBundle } = require('dts-bundle-generator');
  const doors = [PLUGIN, ...NODE_DOORS];
  const texts = generateDtsBundle(
    doors.map((d) => ({
      filePath: path.join(root, d.entry),
      output: { noBanner: true, exportReferencedTypes: false },
    })),
    { preferredConfigPath: path.join(root, 'scripts', 'package', 'tsconfig.dts.json') },
  );
  doors.forEach((d, i) => {
    fs.mkdirSync(path.dirname(path.join(out, d.dts)), { recursive: true });
    fs.writeFileSync(path.join(out, d.dts), texts[i]);
  });
  fs.writeFileSync(path.join(out, REQUIRE_PLUGIN_DTS), REQUIRE_PLUGIN_TEXT);
}

module.exports = { writeDeclarations };
