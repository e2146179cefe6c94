/**
 * Bundled, self-contained .d.ts for every door (TypeScript's declaration emit, then dts-bundle-generator
 * over the emitted files): each file holds the declarations its entry reaches, imports only Node's own types and
 * other packages, and nothing from our source tree. Plus the one-line-to-add declaration that types
 * `requirePlugin('lockwire')` for plugin hosts.
 */
'use strict';
const fs = require('fs');
const os = require('os');
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

/**
 * TypeScript's own declaration emit for the entries and everything they import (one program), into a
 * temporary folder; returns that folder. Bundling these .d.ts files is about three times cheaper than
 * letting dts-bundle-generator compile the sources itself.
 */
function emitDeclarations(root, tmp) {
  const ts = require('typescript');
  const configPath = path.join(root, 'scripts', 'package', 'tsconfig.dts.json');
  const config = ts.getParsedCommandLineOfConfigFile(configPath, {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    },
  });
  const options = { ...config.options, noEmit: false, declaration: true, emitDeclarationOnly: true, declarationDir: tmp, rootDir: root };
  const program = ts.createProgram(config.fileNames, options);
  const diagnostics = [...ts.getPreEmitDiagnostics(program), ...program.emit().diagnostics];
  if (diagnostics.length) {
    const host = { getCanonicalFileName: (f) => f, getCurrentDirectory: () => root, getNewLine: () => '\n' };
    throw new Error(`declarations:\n${ts.formatDiagnostics(diagnostics, host)}`);
  }
  fs.writeFileSync(path.join(tmp, 'tsconfig.json'), JSON.stringify({
    compilerOptions: {
      target: 'ES2020', lib: ['ES2020'], module: 'commonjs', strict: true, skipLibCheck: true,
      types: ['node'], typeRoots: [path.join(root, 'node_modules', '@types')],
    },
    include: ['**/*.d.ts'],
  }));
  return tmp;
}

function writeDeclarations(root, out) {
  const { generateDtsBundle } = require('dts-bundle-generator');
  const doors = [PLUGIN, ...NODE_DOORS];
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lockwire-dts-'));
  try {
    emitDeclarations(root, tmp);
    const texts = generateDtsBundle(
      doors.map((d) => ({
        filePath: path.join(tmp, d.entry.replace(/\.ts$/, '.d.ts')),
        output: { noBanner: true, exportReferencedTypes: false },
      })),
      { preferredConfigPath: path.join(tmp, 'tsconfig.json') },
    );
    doors.forEach((d, i) => {
      fs.mkdirSync(path.dirname(path.join(out, d.dts)), { recursive: true });
      fs.writeFileSync(path.join(out, d.dts), texts[i]);
    });
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  fs.writeFileSync(path.join(out, REQUIRE_PLUGIN_DTS), REQUIRE_PLUGIN_TEXT);
}

module.exports = { writeDeclarations };
