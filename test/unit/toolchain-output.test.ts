/**
 * `npm run build` hides the WeChat toolchain's known chatter and nothing else: these are the lines
 * miniprogram-ci 2.1.42 printed during an offline build, next to real problems that must get through.
 */
const { isToolchainNoise, lineFilter } = require('../../scripts/build/toolchain-output');

const CHATTER = [
  '[miniprogram-builder] initservices CI',
  '[summer-compiler] forkProcess [2026-11-30 16:28:19.048]',
  'serialize mini-weixin',
  '[summer-compiler] forkProcess serialize [2026-11-30 16:28:19.049]',
  '[summer-compiler] forkProcess done [2026-11-30 16:28:21.766]',
  '[miniprogram-builder] getservice CI',
  '[error] get white ext list fail Error: offline build: no request to https://servicewechat.com/wxa/ci/getwhiteextlist',
  'Initial scan complete. Ready for changes',
];

const PROBLEMS = [
  '[error] get white ext list fail Error: getaddrinfo EAI_AGAIN servicewechat.com', // not our offline refusal
  '[error] plugin/index.js: SyntaxError: Unexpected token (1:10)',
  'app.json: ["plugins"]["lockwire"]["provider"] field needs to be "wx0000000000000000"',
  'build failed: code analysis of the compiled output:',
  'compiled plugin: 45145 B in dist/plugin (budget 32768 B)',
  '[miniprogram-builder] initservices CI and then something else',
];

describe('toolchain output filter', () => {
  it.each(CHATTER)('hides %j', (line) => expect(isToolchainNoise(line)).toBe(true));
  it.each(PROBLEMS)('keeps %j', (line) => expect(isToolchainNoise(line)).toBe(false));

  it('works on a stream written in pieces: whole lines out, chatter dropped, a last partial line flushed', () => {
    const out: string[] = [];
    const write = lineFilter((s: string) => {
      out.push(s);
      return true;
    });
    write(`${CHATTER[0]}\n${PROBLEMS[1].slice(0, 10)}`);
    write(`${PROBLEMS[1].slice(10)}\n${CHATTER[7]}\nwechat comp`);
    write(Buffer.from('ile: 21 files -> dist\ntail without newline'));
    write.flush();
    expect(out.join('')).toBe(`${PROBLEMS[1]}\nwechat compile: 21 files -> dist\ntail without newline`);
  });
});
