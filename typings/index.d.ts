/**
 * Types for hosts of the plugin. Everything is re-exported from the source, so the declarations
 * cannot drift from what the plugin does:
 *
 *   import type { LockwirePlugin } from '../typings/index';
 *   const lockwire: LockwirePlugin = requirePlugin('lockwire');
 */
export type LockwirePlugin = typeof import('../plugin/index');
export type * from '../plugin/index';
