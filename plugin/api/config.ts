/** Defaults and validation for configure(). Timing defaults follow the official SDK (protocol §7). */
import type { LockwireConfig } from './types';
import { isNonNullObject, isNumber, isString } from '../core/assert';

export const DEFAULT_CONFIG: Readonly<LockwireConfig> = Object.freeze({
  scanTimeoutMs: 10000,
  connectTimeoutMs: 10000,
  gattTimeoutMs: 3000,
  replyTimeoutMs: 2500,
  keepAliveMs: 2000,
  operationBudgetMs: 30000,
  connectRetries: 2,
  adapterTimeoutMs: 30000,
  connectRetryDelayMs: 1000,
  releaseAdapter: 'auto',
  settleOutcomes: true,
  clockCheck: 'off',
  clockToleranceMs: 120000,
});

/** Settings that are not millisecond counts: their allowed values. */
const CHOICES: Partial<Record<keyof LockwireConfig, readonly unknown[]>> = {
  releaseAdapter: ['auto', 'never'],
  settleOutcomes: [true, false],
  clockCheck: ['off', 'warn', 'fix'],
};

/** Returns a new config with `changes` applied; throws TypeError naming a bad key or value. */
export function mergeConfig(base: LockwireConfig, changes: unknown): LockwireConfig {
  if (!isNonNullObject(changes)) {
    throw new TypeError('configure: expected an object');
  }
  const next: LockwireConfig = Object.assign({}, base);
  for (const [key, value] of Object.entries(changes)) {
    if (!(key in DEFAULT_CONFIG)) throw new TypeError(`configure: unknown setting "${key}"`);
    const choices = CHOICES[key as keyof LockwireConfig];
    if (choices) {
      if (!choices.includes(value)) {
        const shown = choices.map((c) => (isString(c) ? `'${c}'` : String(c)));
        throw new TypeError(`configure: "${key}" expected one of ${shown.join(', ')}, got ${String(value)}`);
      }
      (next as unknown as Record<string, unknown>)[key] = value;
      continue;
    }
    const max = key === 'connectRetries' ? 5 : 600000;
    if (!isNumber(value) || !Number.isInteger(value) || value < 0 || value > max) {
      throw new TypeError(`configure: "${key}" expected an integer from 0 to ${max}, got ${String(value)}`);
    }
    (next as unknown as Record<string, unknown>)[key] = value;
  }
  return next;
}
