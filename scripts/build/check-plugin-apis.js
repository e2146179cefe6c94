/**
 * A plugin may use only some wx APIs (the rest are simply absent from its `wx`). This reads every wx
 * API name from miniprogram-api-typings' `interface Wx` and reports any that the compiled plugin
 * mentions (as a property or a string, since the BLE adapter calls wx by name) outside the list
 * lockwire is allowed and means to use. The artifact test checks the same at run time.
 */
'use strict';
const fs = require('fs');
const path = require('path');

const PLUGIN_WX_ALLOWED = new Set([
  'openBluetoothAdapter', 'closeBluetoothAdapter', 'getBluetoothAdapterState',
  'startBluetoothDevicesDiscovery', 'stopBluetoothDevicesDiscovery', 'onBluetoothDeviceFound', 'offBluetoothDeviceFound',
  'createBLEConnection', 'closeBLEConnection', 'getBLEDeviceServices', 'getBLEDeviceCharacteristics',
  'notifyBLECharacteristicValueChange', 'writeBLECharacteristicValue', 'onBLECharacteristicValueChange',
  'offBLECharacteristicValueChange', 'onBLEConnectionStateChange', 'offBLEConnectionStateChange',
  'getDeviceInfo', 'getSystemInfoSync', 'request',
  'onBluetoothAdapterStateChange', 'getAppBaseInfo', 'readBLECharacteristicValue', 'getBluetoothDevices',
]);

/**
 * Every method of `interface Wx`, read with TypeScript's parser (the doc comments hold example code
 * that defeats text scanning), with what its doc comment says about plugins: "在插件中使用：支持"
 * or "在插件中使用：需要基础库 `x.y.z`" means usable in a plugin, "不支持" means absent there.
 */
function wxApis(root) {
  const ts = require('typescript');
  const file = path.join(root, 'node_modules', 'miniprogram-api-typings', 'types', 'wx', 'lib.wx.api.d.ts');
  const text = fs.readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false);
  const apis = new Map();
  const visit = (node) => {
    if (ts.isInterfaceDeclaration(node) && node.name.text === 'Wx') {
      for (const member of node.members) {
        if (!ts.isMethodSignature(member) || !ts.isIdentifier(member.name)) continue;
        const doc = text.slice(member.getFullStart(), member.getStart(source));
        const name = member.name.text;
        apis.set(name, apis.get(name) === true || /在插件中使用：(?:支持|需要基础库)/.test(doc));
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return apis;
}

/** Returns problem lines for wx APIs the compiled plugin mentions but may not (or does not mean to) use. */
function checkPluginApis(root, pluginDir) {
  const apis = wxApis(root);
  if (apis.size < 300) return [`check-plugin-apis: only ${apis.size} wx APIs read; has the typings layout changed?`];
  const problems = [];
  for (const file of fs.readdirSync(pluginDir).filter((f) => f.endsWith('.js'))) {
    const code = fs.readFileSync(path.join(pluginDir, file), 'utf8');
    const mentioned = new Set([...code.matchAll(/[."'`](\w+)\b/g)].map((x) => x[1]).filter((n) => apis.has(n)));
    for (const name of mentioned) {
      if (!apis.get(name)) problems.push(`${file}: wx.${name} is not available to plugins`);
      else if (!PLUGIN_WX_ALLOWED.has(name)) problems.push(`${file}: wx.${name} is not on lockwire's list of wx APIs`);
    }
  }
  return problems;
}

module.exports = { checkPluginApis, PLUGIN_WX_ALLOWED, wxApis };
