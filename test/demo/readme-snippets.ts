/** Reads README.md: its fenced code blocks, its sections and its tables. */
import * as fs from 'node:fs';
import * as path from 'node:path';

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
