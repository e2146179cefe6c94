/**
 * The repository root for scripts run from source (jest, tsc) or from a bundle made by
 * scripts/run-ts.js, which lives in a temporary directory and so cannot use its own __dirname.
 */
import * as path from 'node:path';

declare const __LOCKWIRE_ROOT__: string | undefined;

export const ROOT = typeof __LOCKWIRE_ROOT__ === 'string' ? __LOCKWIRE_ROOT__ : path.resolve(__dirname, '..');
