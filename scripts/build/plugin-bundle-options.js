/**
 * esbuild options for the plugin bundle the WeChat toolchain compiles: plugin/index.ts into one ES2017
 * CommonJS file (only what the public surface reaches; the bare `wx` global stays a global).
 * The entry is a generated two-line module that hands index.ts's runtime exports to `module.exports` as
 * one plain object: bundling index.ts itself made esbuild add ES-module interop (a getter per export and
 * three helpers, about 590 B) that a plugin main does not need, since nothing re-binds an export later.
 * Shared by the build (scripts/build/stage-plugin.js) and the size report (scripts/build/size-report.js).
 *
 * Property names esbuild shortens (mangleProps), which is safe only for names that never cross the
 * bundle's edge: no public option or result field, no lockData/JSON field, no wx option or result
 * field, no builtin. Two kinds:
 * - a `private` class member, named `_x` (one underscore, then a letter); nothing else in plugin/
 *   uses such names, and `__esModule` and other double-underscore names are left alone;
 * - INTERNAL_MEMBERS: members of internal classes and objects shared between plugin modules (link,
 *   session, scope, deadline, adapter), listed by name. test/unit/bundle-options.test.ts checks
 *   that none of them appears in the public typings, wx's typings or a quoted access in plugin/.
 */
'use strict';
const fs = require('fs');
const path = require('path');
const WECHAT_BUNDLE = require('./wechat-bundle-options');

const INTERNAL_MEMBERS = [
  'acquire', 'adminLogin', 'adminRequest', 'awaitingWriteReply', 'bufferedBytes', 'connectionLost', 'connectMs',
  'deadline', 'dropNow', 'ensure', 'existingLinks', 'expectDisconnect', 'gattMs', 'handshakes', 'hasEvents',
  'heard', 'isSettingMode', 'isTouch', 'isUnlocked', 'lateSuccess', 'loggedInAs', 'maxBufferBytes', 'needsAdmin',
  'onAdapterState', 'onCancel', 'onConnectionState', 'onDeviceFound', 'onStopFailed',
  'onValueChange', 'openMs', 'othersConnected', 'othersScanning', 'ownsConnection', 'phoneTime', 'probeMs',
  'releaseMs', 'remaining', 'reopened', 'replyMs', 'resendIfDeaf', 'sawCorruptFrame', 'scanMs', 'sdkVersion',
  'throwIfCancelled', 'unknownHint', 'userLogin', 'writeMs', 'wxErrCode', 'httpStatus', 'remoteCode',
  'adapterClosed', 'answered', 'dropped', 'links', 'missing', 'ours', 'refused', 'replaced',
  'wrote', 'lockInfo', 'lockZoneMs', 'summary', 'lockBattery', 'onDrop', 'onStep', 'expectReply', 'stopWaiting', 'takeChunk', 'deviceIdOf', 'stopLeft',
  'scanLeft', 'adapterMs',
];

/**
 * Built-ins the plugin names most often (Uint8Array alone some 40 times). The bundle is wrapped in one
 * function whose parameters are these names, called with the globals themselves: every use inside is
 * then a local that terser shortens to one letter (`new e(16)`, `t.assign(...)`), about 1 KB less.
 * Only names whose value a plugin never replaces: not `wx` (runtime.ts follows a new one), not `Date`
 * (saves nothing). A last parameter, `undefined`, receives nothing: terser's `unsafe_undefined`
 * (plugin-bundle.js) writes that one-letter local instead of each `void 0` (about 0.4 KB). "Unsafe"
 * only if something assigned to it; nothing can, since plugin/ is TypeScript that never names it.
 * test/integration/compiled-artifact.test.ts runs the wrapped bundle (a passcode added in a bare realm).
 */
const GLOBAL_ALIASES = ['Uint8Array', 'Uint32Array', 'Object', 'Math', 'Number', 'Promise', 'TypeError', 'RangeError', 'String', 'Array', 'JSON'];

/** `_name` (a private class member) or one of INTERNAL_MEMBERS. */
const MANGLED = new RegExp(`^(?:_[A-Za-z].*|${INTERNAL_MEMBERS.join('|')})$`);

/** The runtime exports of plugin/index.ts (`export { a, b } from`, `export const X`; not `export type`), in order. */
function runtimeExportNames(root) {
  const index = fs.readFileSync(path.join(root, 'plugin', 'index.ts'), 'utf8');
  const names = [];
  for (const m of index.matchAll(/^export (?:\{([^}]*)\} from '[^']+'|const (\w+))/gm)) {
    names.push(...(m[2] ? [m[2]] : m[1].split(',').map((n) => n.trim()).filter(Boolean)));
  }
  return names;
}

function pluginEntry(root) {
  const names = runtimeExportNames(root).join(', ');
  return {
    contents: `import { ${names} } from './index';\nmodule.exports = { ${names} };\n`,
    resolveDir: path.join(root, 'plugin'),
    sourcefile: 'plugin-main.ts',
    loader: 'ts',
  };
}

function pluginBundleOptions(root, outfile) {
  return {
    ...WECHAT_BUNDLE,
    stdin: pluginEntry(root),
    // "use strict" as the ES-module entry had it, then the wrapper of GLOBAL_ALIASES
    banner: { js: `"use strict";(function(${GLOBAL_ALIASES.join(',')},undefined){` },
    footer: { js: `})(${GLOBAL_ALIASES.join(',')});` },
    charset: 'utf8', // the Chinese errorMsg texts: 3 bytes a character instead of a 6-byte \uXXXX escape
    mangleProps: MANGLED,
    outfile,
    logLevel: 'warning',
  };
}

module.exports = { pluginBundleOptions, runtimeExportNames, INTERNAL_MEMBERS, MANGLED, GLOBAL_ALIASES };
