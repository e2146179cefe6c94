/**
 * Where the compiled plugin's bytes go, for `npm run bench` (figures, not a check): esbuild's plugin
 * bundle (which terser and the WeChat compile then minify further: about 3 KB above dist/plugin/index.js)
 * split by folder, how much of it is message text, and what would be left with no text at all; and the
 * same for the Bluetooth path alone (the public surface without the relay clients), which shows what the
 * relay clients cost on top of it.
 */
'use strict';
const os = require('os');
const path = require('path');
const esbuild = require('esbuild');
const ts = require('typescript');
const { pluginBundleOptions } = require('./plugin-bundle-options');

/** The folder an input belongs to: `plugin/ble`, ..., with the vendored AES on its own. */
function areaOf(file) {
  if (/[\\/]vendor[\\/]noble-aes\.js$/.test(file)) return 'AES block cipher (vendored noble)';
  const m = /(?:^|[\\/])plugin[\\/]([^\\/]+)[\\/]/.exec(file);
  return m ? `plugin/${m[1]}` : 'plugin/index.ts';
}

/** Bytes inside string and template literals (quotes excluded), split into ASCII and non-ASCII text. */
function textBytes(code) {
  const sf = ts.createSourceFile('bundle.js', code, ts.ScriptTarget.Latest, false, ts.ScriptKind.JS);
  const text = { ascii: 0, nonAscii: 0 };
  const visit = (node) => {
    if (ts.isStringLiteralLike(node) || ts.isTemplateLiteralToken(node)) {
      const raw = code.slice(node.getStart(sf) + 1, node.end - (ts.isTemplateHead(node) || ts.isTemplateMiddle(node) ? 2 : 1));
      text[/[^\x00-\x7f]/.test(raw) ? 'nonAscii' : 'ascii'] += Buffer.byteLength(raw);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return text;
}

/** plugin/index.ts minus the relay clients (Tuya, TTLock): every other public export, from their own modules. */
const BLUETOOTH_ONLY_ENTRY = `
export { createCustomPasscode } from './api/create-custom-passcode';
export { modifyPasscode } from './api/modify-passcode';
export { deletePasscode } from './api/delete-passcode';
export { getAllValidPasscode } from './api/get-all-valid-passcode';
export { resetPasscode } from './api/reset-passcode';
export { setLockTime } from './api/set-lock-time';
export { getLockTime } from './api/get-lock-time';
export { configure, finishOperations, setShowLog, stopAllOperations } from './api/lifecycle';
export { DEFAULT_CONFIG } from './api/config';
export const VERSION = '';
`;

function buildBundle(root, entry) {
  const options = pluginBundleOptions(root, path.join(os.tmpdir(), 'lockwire-size-report.js'));
  if (entry) {
    options.stdin = { contents: entry, resolveDir: path.join(root, 'plugin'), loader: 'ts', sourcefile: 'size-report-entry.ts' };
  }
  return esbuild.buildSync({ ...options, write: false, metafile: true });
}

function pluginSizeReport(root) {
  const result = buildBundle(root);
  const code = result.outputFiles[0].text;
  const bundle = Buffer.byteLength(code);
  const areas = new Map();
  for (const [file, { bytesInOutput }] of Object.entries(Object.values(result.metafile.outputs)[0].inputs)) {
    areas.set(areaOf(file), (areas.get(areaOf(file)) || 0) + bytesInOutput);
  }
  const text = textBytes(code);
  const bluetoothCode = buildBundle(root, BLUETOOTH_ONLY_ENTRY).outputFiles[0].text;
  const bluetoothText = textBytes(bluetoothCode);
  const bluetoothBytes = Buffer.byteLength(bluetoothCode);
  return {
    bundle,
    areas: [...areas].sort((a, b) => b[1] - a[1]),
    text,
    withoutText: bundle - text.ascii - text.nonAscii,
    bluetoothOnly: { bundle: bluetoothBytes, withoutText: bluetoothBytes - bluetoothText.ascii - bluetoothText.nonAscii },
  };
}

/** The runtime exports of plugin/index.ts (`export { a, b } from './x'`, not `export type`), in order. */
function publicExports(root) {
  const index = require('fs').readFileSync(path.join(root, 'plugin', 'index.ts'), 'utf8');
  const out = [];
  for (const m of index.matchAll(/^export \{([^}]*)\} from '([^']+)';/gm)) {
    for (const name of m[1].split(',').map((n) => n.trim()).filter(Boolean)) out.push({ name, from: m[2] });
  }
  return out;
}

/**
 * The bytes each public operation adds: the bundle of every runtime export minus the same bundle
 * without that one (what dropping it would save; code two operations share counts for neither).
 */
function operationBytes(root) {
  const exports = publicExports(root);
  const entry = (skip) =>
    exports.filter((e) => e.name !== skip).map((e) => `export { ${e.name} } from '${e.from}';`).join('\n');
  const all = buildBundle(root, entry(null)).outputFiles[0].contents.length;
  return exports.map((e) => [e.name, all - buildBundle(root, entry(e.name)).outputFiles[0].contents.length]);
}

module.exports = { pluginSizeReport, operationBytes, publicExports, textBytes };
