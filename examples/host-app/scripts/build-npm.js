/**
 * What the DevTools' "Tools > 构建 npm" does, offline: miniprogram-ci packs every dependency in
 * package.json into miniprogram/miniprogram_npm/ (lockwire's `miniprogram` field points it at the
 * plugin code in miniprogram_dist/). Pages then `require('lockwire')`.
 */
const path = require('path');
const ci = require('miniprogram-ci');

const root = path.resolve(__dirname, '..');

ci.packNpmManually({
  packageJsonPath: path.join(root, 'package.json'),
  miniprogramNpmDistDir: path.join(root, 'miniprogram'),
}).then(
  (result) => {
    if (result.warnList && result.warnList.length) console.warn(result.warnList);
    console.log(`miniprogram_npm: ${result.miniProgramPackNum + result.otherNpmPackNum} package(s) built`);
  },
  (err) => {
    console.error('build:npm failed:', err && err.message ? err.message : err);
    process.exitCode = 1;
  },
);
