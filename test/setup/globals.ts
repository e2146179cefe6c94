/**
 * Jest setup: `requirePlugin('lockwire')` as a host mini-program would call it. The plugin under test is
 * the TypeScript source; test/integration/compiled-artifact.test.ts covers the compiled dist/ output.
 */
(globalThis as any).requirePlugin = (name: string) => {
  if (name === 'lockwire') return require('../../plugin/index');
  throw new Error(`requirePlugin: unknown plugin ${name}`);
};
