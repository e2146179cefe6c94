/**
 * Renders a page of the demo host (miniprogram/pages/<name>) with miniprogram-simulate and drives it
 * as a person would: type into fields, pick values, tap buttons, read the rendered text. The pages are
 * written with Component(), so they load as they are; no Page() shim is involved.
 */
import * as path from 'node:path';
import simulate = require('miniprogram-simulate');
import type { DemoGlobalData } from '../../miniprogram/utils/app-data';
import { createDriver, type PageDriver, type SimComponent } from '../../scripts/demo/page-driver';

export type { PageDriver };

export const MINIPROGRAM_ROOT = path.resolve(__dirname, '../../miniprogram');

/** Sets what App({ globalData }) would hold, as `getApp()` returns it. Returns the undo. */
export function installApp(globalData: Partial<DemoGlobalData>): () => void {
  const g = globalThis as Record<string, unknown>;
  g.getApp = () => ({ globalData });
  return () => {
    delete g.getApp;
  };
}

/**
 * Merges `extra` into the global wx that miniprogram-simulate installed (the plugin looks the bare
 * `wx` up at call time). Returns the undo.
 */
export function mergeWx(extra: Record<string, unknown>): () => void {
  const g = globalThis as Record<string, unknown>;
  const previous = g.wx;
  g.wx = { ...(previous as object), ...extra };
  return () => {
    g.wx = previous;
  };
}

export function renderPage(name: 'passcode' | 'manage' | 'tuya'): PageDriver {
  jest.resetModules(); // the page module must run Component() again for every render
  const id = simulate.load(path.join(MINIPROGRAM_ROOT, 'pages', name, 'index'), `${name}-page`, {
    compiler: 'simulate',
    rootPath: MINIPROGRAM_ROOT,
  });
  const comp = simulate.render(id) as unknown as SimComponent;
  comp.attach(document.createElement('parent-wrapper'));
  return createDriver(`${name} page`, comp, simulate.sleep);
}
