/**
 * The published package.json, made from the repository's: name, version, description, licence and
 * Node engines carried over; the doors as `miniprogram`, `main`, `exports`, `types` and `bin`.
 * The npm packages the Node doors import become OPTIONAL PEER dependencies, never `dependencies`:
 * a mini-program that runs `npm install lockwire` for the npm door would otherwise get them installed,
 * and 构建 npm packs every installed dependency into miniprogram_npm (a server library there breaks the
 * build). A server that uses such a feature installs the package itself. Their version ranges are the
 * ones the repository declares (a package imported but declared nowhere stops the build).
 */
'use strict';
const { PLUGIN, NODE_DOORS, BIN, REQUIRE_PLUGIN_DTS } = require('./doors');

const dot = (p) => `./${p}`;

function packageManifest(rootPkg, imported) {
  const declared = { ...rootPkg.devDependencies, ...rootPkg.dependencies, ...rootPkg.optionalDependencies, ...rootPkg.peerDependencies };
  const missing = imported.filter((name) => !declared[name]);
  if (missing.length) {
    throw new Error(`the Node doors import ${missing.join(', ')}, which package.json does not declare`);
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
  if (imported.length) {
    manifest.peerDependencies = Object.fromEntries(imported.map((name) => [name, declared[name]]));
    manifest.peerDependenciesMeta = Object.fromEntries(imported.map((name) => [name, { optional: true }]));
  }
  return manifest;
}

module.exports = { packageManifest };
