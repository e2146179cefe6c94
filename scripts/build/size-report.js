/**
 * Where the compiled plugin's bytes go, for `npm run bench` (figures, not a check): the plugin bundle
 * (what the WeChat compile then minifies once more, so a few hundred bytes above dist/plugin/index.js)
 * split by folder, how much of it is message text, and what would be left with no text at all.
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

function pluginSizeReport(root) {
  const result = esbuild.buildSync({
    ...pluginBundleOptions(root, path.join(os.tmpdir(), 'lockwire-size-report.js')),
    write: false,
    metafile: true,
  });
  const code = result.outputFiles[0].text;
  const bundle = Buffer.byteLength(code);
  const areas = new Map();
  for (const [file, { bytesInOutput }] of Object.entries(Object.values(result.metafile.outputs)[0].inputs)) {
    areas.set(areaOf(file), (areas.get(areaOf(file)) || 0) + bytesInOutput);
  }
  const text = textBytes(code);
  return {
    bundle,
    areas: [...areas].sort((a, b) => b[1] - a[1]),
    text,
    withoutText: bundle - text.ascii - text.nonAscii,
  };
}

module.exports = { pluginSizeReport, textBytes };
