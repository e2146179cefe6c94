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
  'wrote', 'expectReply', 'stopWaiting', 'takeChunk', 'deviceIdOf', 'stopLeft', 'scanLeft',
];

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
    banner: { js: '"use strict";' }, // as the ES-module entry had it
    charset: 'utf8', // the Chinese errorMsg texts: 3 bytes a character instead of a 6-byte \uXXXX escape
    mangleProps: MANGLED,
    outfile,
    logLevel: 'warning',
  };
}

module.exports = { pluginBundleOptions, runtimeExportNames, INTERNAL_MEMBERS, MANGLED };
