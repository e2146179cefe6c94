/**
 * esbuild options for the plugin bundle the WeChat toolchain compiles: plugin/index.ts into one ES2017
 * CommonJS file (only what the public surface reaches; the bare `wx` global stays a global).
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
];

/** `_name` (a private class member) or one of INTERNAL_MEMBERS. */
const MANGLED = new RegExp(`^(?:_[A-Za-z].*|${INTERNAL_MEMBERS.join('|')})$`);

function pluginBundleOptions(root, outfile) {
  return {
    ...WECHAT_BUNDLE,
    entryPoints: [path.join(root, 'plugin', 'index.ts')],
    charset: 'utf8', // the Chinese errorMsg texts: 3 bytes a character instead of a 6-byte \uXXXX escape
    mangleProps: MANGLED,
    outfile,
    logLevel: 'warning',
  };
}

module.exports = { pluginBundleOptions, INTERNAL_MEMBERS, MANGLED };
