/**
 * A strict JSON reader for relay bodies. JSON.parse keeps the last of two equal keys, so
 * `{"deviceId":"mine","deviceId":"yours"}` could pass a check on one value and act on the other; it
 * also builds objects whose `__proto__` key a later spread or merge may turn into a prototype. This
 * reader refuses duplicate keys, the keys `__proto__`, `constructor` and `prototype`, anything after the
 * value but whitespace, and nesting deeper than a limit; objects come out with a null prototype.
 */

export type JsonProblem = 'INVALID_JSON' | 'DUPLICATE_KEY' | 'FORBIDDEN_KEY';

export type StrictJsonResult = { ok: true; value: unknown } | { ok: false; problem: JsonProblem; message: string };

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);
const MAX_DEPTH = 16;

class Refusal extends Error {
  constructor(readonly problem: JsonProblem, message: string) {
    super(message);
  }
}

export function parseStrictJson(text: string): StrictJsonResult {
  let i = 0;
  const fail = (what: string): never => {
    throw new Refusal('INVALID_JSON', `body is not valid JSON (${what} at position ${i})`);
  };
  const space = (): void => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };

  function string(): string {
    const start = i;
    i++; // opening quote
    for (; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x22) break;
      if (c < 0x20) fail('a control character in a string');
      if (c === 0x5c) i++; // skip the escaped character; JSON.parse checks the escape itself
    }
    if (i >= text.length) fail('an unterminated string');
    i++;
    try {
      return JSON.parse(text.slice(start, i)) as string;
    } catch {
      return fail('a bad escape');
    }
  }

  function number(): number {
    const m = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(text.slice(i, i + 64));
    if (!m) return fail('an unexpected character');
    i += m[0].length;
    return Number(m[0]);
  }

  function literal(word: string, value: unknown): unknown {
    if (text.startsWith(word, i)) {
      i += word.length;
      return value;
    }
    return fail('an unexpected character');
  }

  function value(depth: number): unknown {
    if (depth > MAX_DEPTH) fail(`nesting deeper than ${MAX_DEPTH}`);
    space();
    const c = text[i];
    if (c === '{') return object(depth);
    if (c === '[') return array(depth);
    if (c === '"') return string();
    if (c === 't') return literal('true', true);
    if (c === 'f') return literal('false', false);
    if (c === 'n') return literal('null', null);
    if (c === '-' || (c >= '0' && c <= '9')) return number();
    return fail(i >= text.length ? 'an unexpected end' : 'an unexpected character');
  }

  function object(depth: number): Record<string, unknown> {
    const out: Record<string, unknown> = Object.create(null);
    i++;
    space();
    if (text[i] === '}') return i++, out;
    for (;;) {
      space();
      if (text[i] !== '"') fail('a missing key');
      const key = string();
      if (FORBIDDEN.has(key)) throw new Refusal('FORBIDDEN_KEY', `body uses the reserved key "${key}"`);
      if (Object.prototype.hasOwnProperty.call(out, key)) throw new Refusal('DUPLICATE_KEY', `body repeats the key "${key.slice(0, 64)}"`);
      space();
      if (text[i] !== ':') fail('a missing ":"');
      i++;
      out[key] = value(depth + 1);
      space();
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === '}') return i++, out;
      fail('a missing "," or "}"');
    }
  }

  function array(depth: number): unknown[] {
    const out: unknown[] = [];
    i++;
    space();
    if (text[i] === ']') return i++, out;
    for (;;) {
      out.push(value(depth + 1));
      space();
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === ']') return i++, out;
      fail('a missing "," or "]"');
    }
  }

  try {
    const result = value(0);
    space();
    if (i !== text.length) fail('bytes after the JSON value');
    return { ok: true, value: result };
  } catch (err) {
    if (err instanceof Refusal) return { ok: false, problem: err.problem, message: err.message };
    throw err;
  }
}
