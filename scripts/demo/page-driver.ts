/**
 * Drives a page rendered by miniprogram-simulate as a person would: type into fields, pick values,
 * tap buttons, read the rendered text. Shared by the page tests (jest) and `npm run demo` (plain Node).
 * The component types are structural so this file needs neither jest nor the wx typings.
 */

export interface SimNode {
  readonly dom?: { textContent: string | null } | null;
  dispatchEvent(eventName: string, options?: object): void;
}

export interface SimComponent extends SimNode {
  readonly data: Record<string, any>;
  querySelector(selector: string): SimNode | undefined;
  querySelectorAll(selector: string): SimNode[];
  attach(parent: unknown): void;
  detach(): void;
}

export interface PageDriver {
  comp: SimComponent;
  /** textContent of the first match, trimmed; '' when nothing matches. */
  text(selector: string): string;
  texts(selector: string): string[];
  exists(selector: string): boolean;
  input(selector: string, value: string): Promise<void>;
  change(selector: string, value: unknown): Promise<void>;
  tap(selector: string): Promise<void>;
  /** Polls until `done()` is true (real time: loopback HTTP and the simulator's link model use timers). */
  until(done: () => boolean, timeoutMs?: number): Promise<void>;
}

/** miniprogram-simulate's sleep: event handlers run asynchronously, so every action awaits one turn. */
export type Sleep = (ms: number) => Promise<void>;

export function createDriver(name: string, comp: SimComponent, sleep: Sleep): PageDriver {
  const find = (selector: string): SimNode => {
    const found = comp.querySelector(selector);
    if (!found) throw new Error(`${name}: nothing matches "${selector}"`);
    return found;
  };
  const textOf = (node: SimNode | undefined) => (node?.dom?.textContent ?? '').trim();
  return {
    comp,
    text: (selector) => textOf(comp.querySelector(selector)),
    texts: (selector) => comp.querySelectorAll(selector).map(textOf),
    exists: (selector) => comp.querySelector(selector) !== undefined,
    async input(selector, value) {
      find(selector).dispatchEvent('input', { detail: { value, cursor: value.length } });
      await sleep(0);
    },
    async change(selector, value) {
      find(selector).dispatchEvent('change', { detail: { value } });
      await sleep(0);
    },
    async tap(selector) {
      find(selector).dispatchEvent('tap');
      await sleep(0);
    },
    // Wall-clock allowance, not a performance check: the link model runs on real timers here, and a
    // machine shared by several test runs can stall them for seconds.
    async until(done, timeoutMs = 30000) {
      const deadline = Date.now() + timeoutMs;
      while (!done()) {
        if (Date.now() > deadline) throw new Error(`${name}: still waiting after ${timeoutMs} ms`);
        await sleep(5);
      }
    },
  };
}
