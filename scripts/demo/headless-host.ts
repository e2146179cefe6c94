/**
 * Runs the demo app's pages in plain Node, the way the page tests do under jest: a jsdom window for
 * miniprogram-simulate, the pages' and the plugin's TypeScript compiled by esbuild (their own code,
 * unchanged; only type imports are erased), `requirePlugin('lockwire')` answering with that plugin,
 * and `getApp()` answering with the globalData the host fills.
 */
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import type { DemoGlobalData } from '../../miniprogram/utils/demo-types';
import { createDriver, type PageDriver, type SimComponent, type Sleep } from './page-driver';

import { ROOT } from '../repo-root';

/** node_modules as seen from the repository root; never bundled into the demo. */
const rootRequire = createRequire(path.join(ROOT, 'package.json'));

interface Simulate {
  load(componentPath: string, tagName: string, options: object): string;
  render(id: string): SimComponent;
  sleep: Sleep;
}

/** The part of the plugin the demo script itself calls (the pages call the rest). */
export interface DemoPlugin {
  VERSION: string;
  configure(changes: Record<string, number>): unknown;
  stopAllOperations(): Promise<unknown>;
  finishOperations(): Promise<unknown>;
}

export interface HeadlessHost {
  plugin: DemoPlugin;
  renderPage(name: 'passcode' | 'manage' | 'tuya'): PageDriver;
  /** Merges functions into the wx global that miniprogram-simulate installed. */
  mergeWx(extra: Record<string, unknown>): void;
  close(): void;
}

const DOM_GLOBALS = ['window', 'document', 'navigator', 'Node', 'Element', 'HTMLElement', 'Event', 'CustomEvent', 'MutationObserver'];

function installDom(): { close(): void } {
  const { JSDOM } = rootRequire('jsdom');
  const dom = new JSDOM('<!doctype html><html><body></body></html>');
  const g = globalThis as Record<string, unknown>;
  for (const name of DOM_GLOBALS) {
    // Node has its own Event and CustomEvent; exparser needs jsdom's, so these are replaced too.
    Object.defineProperty(g, name, { value: dom.window[name], configurable: true, writable: true });
  }
  return { close: () => dom.window.close() };
}

function bundle(entry: string, outfile: string): void {
  rootRequire('esbuild').buildSync({
    entryPoints: [entry],
    bundle: true,
    format: 'cjs',
    platform: 'neutral',
    target: 'es2017',
    outfile,
    logLevel: 'warning',
  });
}

/** Compiles one page into a temporary folder next to its wxml, wxss and json, as the WeChat build would. */
function compilePage(name: string, outRoot: string): string {
  const src = path.join(ROOT, 'miniprogram', 'pages', name);
  const out = path.join(outRoot, 'pages', name);
  fs.mkdirSync(out, { recursive: true });
  bundle(path.join(src, 'index.ts'), path.join(out, 'index.js'));
  for (const ext of ['json', 'wxml', 'wxss']) fs.copyFileSync(path.join(src, `index.${ext}`), path.join(out, `index.${ext}`));
  return path.join(out, 'index');
}

export function startHeadlessHost(globalData: Partial<DemoGlobalData>): HeadlessHost {
  const outRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'lockwire-demo-'));
  const pluginFile = path.join(outRoot, 'plugin', 'index.js');
  bundle(path.join(ROOT, 'plugin', 'index.ts'), pluginFile);
  const plugin: DemoPlugin = rootRequire(pluginFile);
  const dom = installDom();
  const g = globalThis as Record<string, unknown>;
  g.requirePlugin = (name: string) => {
    if (name === 'lockwire') return plugin;
    throw new Error(`requirePlugin: unknown plugin ${name}`);
  };
  g.getApp = () => ({ globalData });
  const simulate: Simulate = rootRequire('miniprogram-simulate');
  const pages: SimComponent[] = [];
  return {
    plugin,
    renderPage(name) {
      const id = simulate.load(compilePage(name, outRoot), `${name}-page`, { compiler: 'simulate' });
      const comp = simulate.render(id);
      comp.attach((g.document as { createElement(tag: string): unknown }).createElement('parent-wrapper'));
      pages.push(comp);
      return createDriver(`${name} page`, comp, simulate.sleep);
    },
    mergeWx(extra) {
      g.wx = { ...(g.wx as object), ...extra };
    },
    close() {
      for (const page of pages) page.detach();
      fs.rmSync(outRoot, { recursive: true, force: true });
      dom.close();
    },
  };
}
