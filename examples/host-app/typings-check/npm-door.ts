// The npm door (require('lockwire') after 构建 npm) has the same types.
import { configure, createCustomPasscode, DEFAULT_CONFIG, VERSION } from 'lockwire';

export const version: string = VERSION;
export const scanTimeoutMs: number = configure({ scanTimeoutMs: DEFAULT_CONFIG.scanTimeoutMs * 2 }).scanTimeoutMs;
export const pending = createCustomPasscode('2468', 0, 0, 'lockData'); // the official positional form
