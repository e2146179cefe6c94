/**
 * Every snippet in README.md is checked here. JS/TS blocks are what a user pastes, so each one must be
 * an exact excerpt of the example file the text names just before it (examples/host-app or
 * examples/relay); test/package/npm-package.test.ts installs the packed lockwire into those examples and
 * runs their tests, so every snippet runs as printed. The JSON block is the app.json a plugin host adds;
 * shell blocks name real npm scripts. The tables are checked against the source. (The ```text block,
 * the demo's output, is checked by demo-script.test.ts.)
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { OFFICIAL_CODE } from '../../plugin/core/errors';
import { officialMessage } from '../../plugin/core/messages';
import { FAULT_NAMES } from '../../scripts/demo/faults';
import { README, ROOT, fencedBlocks, section, tableRows } from './readme-snippets';
import * as plugin from '../../plugin/index';

const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const blocks = fencedBlocks();
const runnable = blocks.filter((b) => b.lang === 'js' || b.lang === 'ts');

/** Lines without their common indentation, trailing blank lines dropped. */
function dedent(text: string): string[] {
  const lines = text.replace(/\s+$/, '').split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => /^ */.exec(l)![0].length));
  return lines.map((l) => l.slice(indent));
}

/** The last `examples/...` file the README names between the previous block and this one. */
function namedExample(line: number): string | undefined {
  const lines = README.split('\n');
  const before = blocks.filter((b) => b.line < line).pop();
  const from = before ? before.line + before.code.split('\n').length : 0;
  const prose = lines.slice(from, line - 1).join('\n');
  return [...prose.matchAll(/`(examples\/[\w./-]+\.(?:js|ts))`/g)].pop()?.[1];
}

describe('README code blocks', () => {
  it('are all of a kind this test checks, and there are some of each', () => {
    expect(blocks.map((b) => b.lang).filter((l) => !['js', 'ts', 'json', 'sh', 'text'].includes(l))).toEqual([]);
    expect(runnable.length).toBeGreaterThanOrEqual(3);
  });

  it.each(runnable.map((b) => [b.line, b]))('the snippet at README line %s is an exact excerpt of the example file it names', (_line, block) => {
    const file = namedExample(block.line);
    expect(file).toBeDefined();
    expect(fs.existsSync(path.join(ROOT, file!))).toBe(true);
    const snippet = dedent(block.code).join('\n');
    const source = fs.readFileSync(path.join(ROOT, file!), 'utf8').split('\n');
    const n = snippet.split('\n').length;
    const windows = source.map((_l, i) => source.slice(i, i + n)).filter((w) => w.length === n).map((w) => dedent(w.join('\n')).join('\n'));
    expect([file, windows.includes(snippet)]).toEqual([file, true]);
  });

  it('no snippet reaches into this repository (../simulator, test/setup) or awaits at the top level', () => {
    for (const block of runnable) {
      expect(block.code).not.toMatch(/from '\.\.\/|require\('\.\.\/(?:simulator|plugin|cloud|testing)|test\/setup/);
      expect(block.code.split('\n').filter((l) => /^(const .*= )?await /.test(l))).toEqual([]);
    }
  });

  it('the app.json snippet declares the plugin under the name the demo host uses, at the package version, with your AppID', () => {
    const snippet = JSON.parse(blocks.find((b) => b.lang === 'json')!.code);
    const demoApp = JSON.parse(fs.readFileSync(path.join(ROOT, 'miniprogram', 'app.json'), 'utf8'));
    expect(Object.keys(snippet.plugins)).toEqual(Object.keys(demoApp.plugins));
    expect(snippet.plugins.lockwire).toEqual({ version: pkg.version, provider: "<your plugin's AppID>" });
  });

  it('the shell commands are real npm scripts and real demo faults', () => {
    const text = blocks.filter((b) => b.lang === 'sh').map((b) => b.code).join('\n') + README;
    const scripts = [...text.matchAll(/npm run ([\w:-]+)/g)].map((m) => m[1]);
    expect(scripts).toEqual(expect.arrayContaining(['demo', 'release', 'build', 'package']));
    // the repository's scripts, and those of the examples the README sends you to
    const known = [pkg, ...['host-app', 'relay'].map((e) => JSON.parse(fs.readFileSync(path.join(ROOT, 'examples', e, 'package.json'), 'utf8')))]
      .flatMap((p) => Object.keys(p.scripts));
    for (const s of scripts) expect([s, known.includes(s)]).toEqual([s, true]);
    const faults = [...README.matchAll(/--fault (\S+?)`/g)].map((m) => m[1]);
    expect(faults).toEqual(['link-drop']);
    for (const name of ['link-drop', 'out-of-range', 'passcode-exists', 'storage-full']) {
      expect(FAULT_NAMES).toContain(name);
      expect(README).toContain(name);
    }
  });

  it('states the Node version package.json requires', () => {
    const min = /^>=(\d+\.\d+)/.exec(pkg.engines.node)![1];
    expect(section('Requirements')).toContain(`**Node.js ${min} or later**`);
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
    const named = tableRows(section('API'))
      .filter((r) => !CONFIG_DEFAULT.test(r[1])) // not a row of the configure table
      .map((r) => /^`(\w+)(\(.*\))?`$/.exec(r[0])?.[1])
      .filter((n): n is string => n !== undefined);
    expect(named.sort()).toEqual(Object.keys(plugin).sort());
  });

  it('the configure table shows every setting with its real default', () => {
    const { DEFAULT_CONFIG } = plugin;
    const rows = tableRows(section('API')).filter((r) => /^`\w+`$/.test(r[0]) && CONFIG_DEFAULT.test(r[1]));
    const value = (cell: string) => (/^\d+$/.test(cell) ? Number(cell) : /^`(true|false)`$/.test(cell) ? cell === '`true`' : cell.slice(2, -2));
    const table = Object.fromEntries(rows.map((r) => [r[0].slice(1, -1), value(r[1])]));
    expect(table).toEqual({ ...DEFAULT_CONFIG });
  });
});
