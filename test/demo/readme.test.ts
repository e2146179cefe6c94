/**
 * Every snippet in README.md is run or checked here: JS/TS blocks run against the simulator (a virtual
 * lock behind a fake wx, and a relay with the mock Tuya cloud behind it), JSON blocks are compared
 * with the project, shell blocks name real npm scripts. The tables are checked against the source.
 * (The ```text block, the demo's output, is checked by demo-script.test.ts.)
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { OFFICIAL_CODE } from '../../plugin/core/errors';
import { officialMessage } from '../../plugin/core/messages';
import { createFakeWx, createVirtualLock, installFakeWx } from '../../simulator';
import { createLoopbackRequest } from '../../simulator/loopback-request';
import { FAULT_NAMES } from '../../scripts/demo/faults';
import { startTuyaStack, type TuyaStack } from '../../scripts/demo/tuya-stack';
import { README, ROOT, fencedBlocks, runSnippet, section, tableRows } from './readme-snippets';

const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const blocks = fencedBlocks();
const runnable = blocks.filter((b) => b.lang === 'js' || b.lang === 'ts');
const README_RELAY_ORIGIN = 'https://relay.example.com';
const README_SESSION = 'Bearer <your session>';

let stack: TuyaStack;
beforeAll(async () => {
  stack = await startTuyaStack(README_SESSION);
});
afterAll(async () => {
  await stack.close();
});

describe('README code blocks', () => {
  it('are all of a kind this test runs or checks, and there are some of each', () => {
    expect(blocks.map((b) => b.lang).filter((l) => !['js', 'ts', 'json', 'sh', 'text'].includes(l))).toEqual([]);
    expect(runnable.length).toBeGreaterThanOrEqual(3);
  });

  it.each(runnable.map((b) => [b.line, b]))('the snippet at README line %s runs and prints what it says', async (_line, block) => {
    jest.resetModules(); // a fresh plugin, as in a fresh mini-program
    const lock = createVirtualLock(); // battery 90, as the README's expected result says
    const fake = createFakeWx({ platform: 'android', locks: [lock] });
    const relay = createLoopbackRequest();
    const request = (o: { url: string }) => relay({ ...o, url: o.url.replace(README_RELAY_ORIGIN, new URL(stack.relayUrl).origin) });
    const uninstall = installFakeWx({ ...fake, wx: { ...fake.wx, request } });
    const plugin = (globalThis as any).requirePlugin('lockwire');
    try {
      const run = await runSnippet(block.code, {
        provided: { lockData: lock.lockData(), plugin },
        require: (name) => (name.startsWith('.') ? require(path.resolve(ROOT, 'test', name)) : require(name)),
      });
      expect(run.checks).toBeGreaterThan(0); // every snippet states its expected output
    } finally {
      await plugin.stopAllOperations();
      uninstall();
    }
  });

  it('the app.json snippet declares the plugin the demo host uses, at the package version', () => {
    const snippet = JSON.parse(blocks.find((b) => b.lang === 'json')!.code);
    const demoApp = JSON.parse(fs.readFileSync(path.join(ROOT, 'miniprogram', 'app.json'), 'utf8'));
    const project = JSON.parse(fs.readFileSync(path.join(ROOT, 'project.config.json'), 'utf8'));
    expect(Object.keys(snippet.plugins)).toEqual(Object.keys(demoApp.plugins));
    expect(snippet.plugins.lockwire).toEqual({ version: pkg.version, provider: project.appid });
  });

  it('the shell commands are real npm scripts and real demo faults', () => {
    const text = blocks.filter((b) => b.lang === 'sh').map((b) => b.code).join('\n') + README;
    const scripts = [...text.matchAll(/npm run (\w+)/g)].map((m) => m[1]);
    expect(scripts).toEqual(expect.arrayContaining(['demo']));
    for (const s of scripts) expect(Object.keys(pkg.scripts)).toContain(s);
    const faults = [...README.matchAll(/--fault (\S+?)`/g)].map((m) => m[1]);
    expect(faults).toEqual(['link-drop']);
    for (const name of ['link-drop', 'out-of-range', 'passcode-exists', 'storage-full']) {
      expect(FAULT_NAMES).toContain(name);
      expect(README).toContain(name);
    }
  });
});

describe('README tables', () => {
  it('the error-code table shows the errorMsg the plugin returns for each code, and every code it can return', () => {
    const rows = tableRows(section('Error codes')).filter((r) => /^\d+$/.test(r[0]));
    for (const [code, msg] of rows) expect([code, msg]).toEqual([code, officialMessage(Number(code))]);
    const listed = rows.map((r) => Number(r[0]));
    for (const code of Object.values(OFFICIAL_CODE)) expect(listed).toContain(code);
    expect(new Set(listed).size).toBe(listed.length);
  });

  /** A default in the configure table: a number, a quoted choice such as `'auto'`, or `true`/`false`. */
  const CONFIG_DEFAULT = /^(\d+|`'\w+'`|`(true|false)`)$/;

  it('the API table lists exactly the runtime exports of the plugin', () => {
    const plugin = require('../../plugin/index');
    const named = tableRows(section('API'))
      .filter((r) => !CONFIG_DEFAULT.test(r[1])) // not a row of the configure table
      .map((r) => /^`(\w+)(\(.*\))?`$/.exec(r[0])?.[1])
      .filter((n): n is string => n !== undefined);
    expect(named.sort()).toEqual(Object.keys(plugin).sort());
  });

  it('the configure table shows every setting with its real default', () => {
    const { DEFAULT_CONFIG } = require('../../plugin/index');
    const rows = tableRows(section('API')).filter((r) => /^`\w+`$/.test(r[0]) && CONFIG_DEFAULT.test(r[1]));
    const value = (cell: string) => (/^\d+$/.test(cell) ? Number(cell) : /^`(true|false)`$/.test(cell) ? cell === '`true`' : cell.slice(2, -2));
    const table = Object.fromEntries(rows.map((r) => [r[0].slice(1, -1), value(r[1])]));
    expect(table).toEqual({ ...DEFAULT_CONFIG });
  });
});
