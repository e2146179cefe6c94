/**
 * Reads README.md's fenced code blocks and runs the JS/TS ones. A line `// => EXPR` after a
 * console.log asserts that the last logged value (one argument, or the array of several) matches EXPR.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

export const ROOT = path.resolve(__dirname, '../..');
export const README = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');

export interface Block {
  lang: string;
  code: string;
  /** 1-based line of the opening fence, for test names. */
  line: number;
}

export function fencedBlocks(markdown: string = README): Block[] {
  const blocks: Block[] = [];
  const fence = /^```(\w*)\n([\s\S]*?)^```$/gm;
  for (let m = fence.exec(markdown); m; m = fence.exec(markdown)) {
    blocks.push({ lang: m[1], code: m[2], line: markdown.slice(0, m.index).split('\n').length });
  }
  return blocks;
}

/** The markdown between a "## title" heading and the next "## " heading. */
export function section(title: string): string {
  const start = README.indexOf(`\n## ${title}\n`);
  if (start < 0) throw new Error(`README has no "## ${title}" section`);
  const end = README.indexOf('\n## ', start + 1);
  return README.slice(start, end < 0 ? undefined : end);
}

/** Rows of the markdown tables in `text`, as trimmed cells; separator rows excluded, header rows kept. */
export function tableRows(text: string): string[][] {
  return text
    .split('\n')
    .filter((l) => l.startsWith('|') && !/^\|[-| ]+\|$/.test(l))
    .map((l) => l.slice(1, -1).split('|').map((c) => c.trim()));
}

export interface SnippetContext {
  /** Values the snippet may use without declaring them (e.g. `lockData`, `plugin`). */
  provided: Record<string, unknown>;
  /** Resolves a module name the snippet imports (relative names are from test/, like a user's test). */
  require(name: string): unknown;
}

export interface SnippetRun {
  logs: unknown[][];
  /** How many `// =>` assertions ran. */
  checks: number;
}

/** Transpiles a JS/TS snippet and runs it; rejects with the first failed `// =>` assertion. */
export async function runSnippet(code: string, ctx: SnippetContext): Promise<SnippetRun> {
  const run: SnippetRun = { logs: [], checks: 0 };
  const imports: string[] = [];
  const body: string[] = [];
  for (const l of code.split('\n')) {
    if (/^import\s/.test(l)) imports.push(l);
    else body.push(l.replace(/^(\s*)\/\/ => (.*)$/, '$1__expectLast($2);'));
  }
  const names = Object.keys(ctx.provided);
  const source =
    `${imports.join('\n')}\n` +
    `module.exports = async function (__ctx: any) {\n` +
    `  const { console, __expectLast${names.map((n) => `, ${n}`).join('')} } = __ctx;\n` +
    `  {\n${body.join('\n')}\n  }\n};\n`;
  const js = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020, esModuleInterop: true },
    reportDiagnostics: true,
  });
  if (js.diagnostics?.length) throw new Error(ts.flattenDiagnosticMessageText(js.diagnostics[0].messageText, '\n'));
  const mod = { exports: {} as unknown };
  new Function('require', 'module', 'exports', js.outputText)(ctx.require, mod, mod.exports);
  const capture = { log: (...args: unknown[]) => run.logs.push(args) };
  const expectLast = (expected: unknown) => {
    run.checks++;
    const last = run.logs[run.logs.length - 1];
    if (!last) throw new Error('// => with nothing logged before it');
    const actual = last.length === 1 ? last[0] : last;
    if (typeof expected === 'object' && expected !== null) expect(actual).toMatchObject(expected as object);
    else expect(actual).toBe(expected);
  };
  await (mod.exports as (c: object) => Promise<void>)({ console: capture, __expectLast: expectLast, ...ctx.provided });
  return run;
}
