/**
 * The published package.json, made from the repository's: name, version, description, licence and
 * Node engines carried over; the doors as `miniprogram`, `main`, `exports`, `types` and `bin`; and, as
 * `dependencies`, exactly the npm packages the Node doors import, at the ranges the repository
 * declares for them (a package imported but not declared there stops the build).
 */
'use strict';
const { PLUGIN, NODE_DOORS, BIN, REQUIRE_PLUGIN_DTS } = require('./doors');

const dot = (p) => `./${p}`;

function packageManifest(rootPkg, imported) {
  const declared = { ...rootPkg.dependencies, ...rootPkg.optionalDependencies, ...rootPkg.peerDependencies };
  const missing = imported.filter((name) => !declared[name]);
  if (missing.length) {
    throw new Error(`the Node doors import ${missing.join(', ')}, which package.json does not declare as a dependency`);
  }
  const exportsMap = { [PLUGIN.name]: { types: dot(PLUGIN.dts), default: dot(PLUGIN.js) } };
  for (const d of NODE_DOORS) exportsMap[d.name] = { types: dot(d.dts), default: dot(d.js) };
  exportsMap[`./${REQUIRE_PLUGIN_DTS.replace(/\.d\.ts$/, '')}`] = { types: dot(REQUIRE_PLUGIN_DTS) };
  exportsMap['./package.json'] = './package.json';
  const manifest = {
    name: rootPkg.name,
    version: rootPkg.version,
    description: rootPkg.description,
    license: rootPkg.license,
    keywords: ['wechat', 'miniprogram', 'mini-program', 'plugin', 'ttlock', 'tuya', 'bluetooth', 'ble', 'smart-lock'],
    engines: rootPkg.engines,
    miniprogram: PLUGIN.js.split('/')[0],
    main: PLUGIN.js,
    types: PLUGIN.dts,
    exports: exportsMap,
    bin: { [BIN.name]: BIN.js },
    sideEffects: false,
  };
  const deps = Object.fromEntries(imported.map((name) => [name, declared[name]]));
  const peers = imported.filter((name) => rootPkg.peerDependencies && rootPkg.peerDependencies[name]);
  if (imported.some((n) => !peers.includes(n))) {
    manifest.dependencies = Object.fromEntries(Object.entries(deps).filter(([n]) => !peers.includes(n)));
  }
  if (peers.length) {
    manifest.peerDependencies = Object.fromEntries(peers.map((n) => [n, deps[n]]));
    const meta = rootPkg.peerDependenciesMeta || {};
    const peerMeta = Object.fromEntries(peers.filter((n) => meta[n]).map((n) => [n, meta[n]]));
    if (Object.keys(peerMeta).length) manifest.peerDependenciesMeta = peerMeta;
  }
  return manifest;
}

module.exports = { packageManifest };
