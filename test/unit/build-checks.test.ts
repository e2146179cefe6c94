/**
 * The checks `npm run build` runs on the compiled output must be able to fail: an unresolved require
 * (as miniprogram-ci's analyseCode reports it) and a wx API a plugin may not use.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..', '..');
const { checkPluginApis, wxApis, PLUGIN_WX_ALLOWED } = require('../../scripts/build/check-plugin-apis.js');
const { collectProblems } = require('../../scripts/build/wechat-compile.js');

const made: string[] = [];
afterAll(() => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});

function pluginDirWith(code: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lockwire-check-'));
  made.push(dir);
  fs.writeFileSync(path.join(dir, 'index.js'), code);
  return dir;
}

describe('build checks of the compiled plugin', () => {
  it('reads the plugin availability of every wx API from the typings', () => {
    const apis: Map<string, boolean> = wxApis(ROOT);
    expect(apis.size).toBeGreaterThan(300);
    for (const name of PLUGIN_WX_ALLOWED) expect([name, apis.get(name)]).toEqual([name, true]);
    expect(apis.get('chooseMessageFile')).toBe(false); // documented as 不支持 in plugins
  });

  it('passes code that only uses the Bluetooth calls, and flags any other wx API', () => {
    expect(checkPluginApis(ROOT, pluginDirWith('wx.createBLEConnection({});f("writeBLECharacteristicValue")'))).toEqual([]);
    const problems: string[] = checkPluginApis(ROOT, pluginDirWith('wx.chooseMessageFile({});x["setStorageSync"](1)'));
    expect(problems).toEqual([
      'index.js: wx.chooseMessageFile is not available to plugins',
      "index.js: wx.setStorageSync is not on lockwire's list of wx APIs",
    ]);
  });

  it('turns analyseCode dependencies that did not resolve into problem lines', () => {
    const ok = { modules: [{ path: 'index.js', deps: [{ request: './a.js', moduleId: 'Js:a.js' }] }] };
    const broken = { modules: [{ path: 'index.js', deps: [{ request: './nope.js', moduleId: null, error: "Couldn't resolve the Js file \"./nope.js\"" }] }] };
    expect(collectProblems(ok)).toEqual([]);
    expect(collectProblems(broken)).toEqual(['index.js: Couldn\'t resolve the Js file "./nope.js"']);
    expect(collectProblems(undefined)).toEqual(['analyseCode returned no module list']);
  });
});
