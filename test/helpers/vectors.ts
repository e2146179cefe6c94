/** Known-answer vectors live outside the repository (../shared/vectors); tests read them, never copy them. */
import * as fs from 'fs';
import * as path from 'path';

export const SHARED_VECTORS_DIR = path.resolve(__dirname, '..', '..', '..', 'shared', 'vectors');

export function loadVectors<T = any>(name: 'ttlock' | 'ttlock-lifecycle' | 'tuya'): T {
  const file = path.join(SHARED_VECTORS_DIR, `${name}.json`);
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}

export function hex(s: string): Uint8Array {
  return Uint8Array.from(Buffer.from(s, 'hex'));
}

export function toHex(b: Uint8Array): string {
  return Buffer.from(b).toString('hex');
}
