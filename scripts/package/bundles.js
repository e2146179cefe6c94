/**
 * JavaScript of every door: the plugin as the WeChat bundle the build compiles (plugin-bundle.js, so the
 * npm door ships the same code as the plugin door), the Node doors and the CLI as CommonJS for Node 20
 * with every npm package left external. Returns the npm packages the Node code imports, so the
 * manifest can declare them.
 */
'use strict';
const fs = require('fs');
const path = require('path');
const { builtinModules } = require('module');
const esbuild = require('esbuild');
const { buildPluginBundle } = require('../build/plugin-bundle');
const { PLUGIN, NODE_DOORS, BIN } = require('./doors');

const BUILTIN = new Set(builtinModules);

/**
 * An import esbuild left outside the bundle that is a real module: not a relative path (those are
 * type-only imports it dropped) and not its own `<runtime>` helpers.
 */
function isRealExternal(imp) {
  return imp.external && !imp.path.startsWith('.') && !imp.path.startsWith('<');
}

/** `redis` from `redis/x`, `@scope/pkg` from `@scope/pkg/x`; null for Node built-ins. */
function packageOf(specifier) {
  const bare = specifier.replace(/^node:/, '');
  if (specifier.startsWith('node:') || BUILTIN.has(bare) || BUILTIN.has(bare.split('/')[0])) return null;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

function bundleNodeEntry(root, out, entry, js, banner) {
  const result = esbuild.buildSync({
    entryPoints: [path.join(root, entry)],
    outfile: path.join(out, js),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    banner: banner ? { js: banner } : undefined,
    metafile: true,
    logLevel: 'warning',
  });
  const imported = new Set();
  for (const input of Object.values(result.metafile.inputs)) {
    for (const imp of input.imports) if (isRealExternal(imp) && packageOf(imp.path)) imported.add(packageOf(imp.path));
  }
  return imported;
}

/** Writes every door's JavaScript under `out`; returns the npm packages the Node doors import. */
function bundleDoors(root, out) {
  fs.mkdirSync(path.dirname(path.join(out, PLUGIN.js)), { recursive: true });
  const plugin = buildPluginBundle(root, path.join(out, PLUGIN.js));
  const pluginImports = Object.values(plugin.metafile.inputs).flatMap((i) => i.imports.filter(isRealExternal));
  if (pluginImports.length) {
    throw new Error(`the plugin bundle must be self-contained; it imports ${pluginImports.map((x) => x.path).join(', ')}`);
  }
  const imported = new Set();
  for (const door of NODE_DOORS) for (const p of bundleNodeEntry(root, out, door.entry, door.js)) imported.add(p);
  for (const p of bundleNodeEntry(root, out, BIN.entry, BIN.js, '#!/usr/bin/env node')) imported.add(p);
  return [...imported].sort();
}

module.exports = { bundleDoors, packageOf };
