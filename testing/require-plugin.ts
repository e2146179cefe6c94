/**
 * Test stand-in for WeChat's `requirePlugin`: jest and vitest run outside WeChat, so a page that calls
 * `requirePlugin('lockwire')` needs the global provided. Map each plugin name to the module that
 * implements it, e.g. `stubRequirePlugin({ lockwire: require('lockwire') })`.
 */
export function stubRequirePlugin(plugins: Record<string, unknown>): () => void {
  const g = globalThis as { requirePlugin?: unknown };
  const had = Object.prototype.hasOwnProperty.call(g, 'requirePlugin');
  const previous = g.requirePlugin;
  g.requirePlugin = (name: string) => {
    if (Object.prototype.hasOwnProperty.call(plugins, name)) return plugins[name];
    throw new Error(`requirePlugin: unknown plugin ${JSON.stringify(name)} (stubbed: ${Object.keys(plugins).join(', ')})`);
  };
  return () => {
    if (had) g.requirePlugin = previous;
    else delete g.requirePlugin;
  };
}
