/**
 * The official error codes, read from the API contract itself (../shared/docs/ttlock-plugin-api.md
 * §1b lock-level codes and §1d plugin / WeChat codes), so a test can check "every result has a
 * documented code" without copying the table.
 */
import * as fs from 'fs';
import * as path from 'path';

export const PLUGIN_API_DOC = path.resolve(__dirname, '..', '..', '..', 'shared', 'docs', 'ttlock-plugin-api.md');

/** The first-column codes of the tables under the headings whose title starts with `prefixes`. */
function codesUnder(markdown: string, prefixes: string[]): Set<number> {
  const codes = new Set<number>();
  let inside = false;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('#')) {
      inside = prefixes.some((p) => line.startsWith(p));
      continue;
    }
    const cell = inside ? /^\|\s*(-?\d+)(?:\s*\(0x[0-9a-f]+\))?\s*\|/i.exec(line) : null;
    if (cell) codes.add(Number(cell[1]));
  }
  return codes;
}

let cached: ReadonlySet<number> | undefined;

/** 0 (success), the lock-level codes and the plugin / WeChat codes the official plugin documents. */
export function documentedCodes(): ReadonlySet<number> {
  if (!cached) {
    const markdown = fs.readFileSync(PLUGIN_API_DOC, 'utf8');
    cached = codesUnder(markdown, ['### 1b.', '### 1d.']);
  }
  return cached;
}
