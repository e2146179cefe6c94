// A TypeScript page of a host that uses lockwire as a plugin: with "lockwire/require-plugin" in
// tsconfig.json's "types", requirePlugin('lockwire') is fully typed (no annotation needed).
import type { CreateCustomPasscodeResult, TTLockError } from 'lockwire';

const plugin = requirePlugin('lockwire');

export async function addPasscode(lockData: string): Promise<string> {
  const result: CreateCustomPasscodeResult = await plugin.createCustomPasscode({
    passcode: '246810',
    startDate: Date.now(),
    endDate: Date.now() + 24 * 3600 * 1000,
    lockData,
    onProgress: (step) => console.log(step), // 'scanning' | 'connecting' | ...
  });
  return result.errorCode === 0 ? `added, battery ${result.electricQuantity}%` : result.description;
}

export function stop(): Promise<TTLockError> {
  return plugin.stopAllOperations();
}

// @ts-expect-error: the passcode is a string of digits, not a number
plugin.createCustomPasscode({ passcode: 246810, startDate: 0, endDate: 0, lockData: '' });
// @ts-expect-error: there is no such setting
plugin.configure({ scanTimeout: 5000 });
// Other plugins keep miniprogram-api-typings' own signature.
const other: unknown = requirePlugin('some-other-plugin');
export { other };
