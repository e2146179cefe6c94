/**
 * The CLI's configuration, from the environment only (command lines are visible to other local users;
 * environments are not). Any of these variables may hold a secret pasted into the wrong place, so a
 * complaint about one shows at most its first characters and its length, never the value.
 */
import { TUYA_REGIONS, isTuyaRegion } from './regions';
import { TuyaError } from './errors';
import type { TuyaClientOptions } from './client';

/** At most the first three characters: enough to recognise a paste mistake, too few to use. */
export function preview(value: string): string {
  const shown = value.slice(0, Math.min(3, Math.floor(value.length / 4)));
  return `a value of ${value.length} characters${shown ? ` starting "${shown}…"` : ''}`;
}

function misconfigured(name: string, expected: string, value: string): TuyaError {
  return new TuyaError('config', `${name} expected ${expected}, got ${preview(value)}`, { field: name });
}

export function clientOptionsFromEnv(env: NodeJS.ProcessEnv): TuyaClientOptions {
  const accessId = env.TUYA_ACCESS_ID;
  const accessSecret = env.TUYA_ACCESS_SECRET;
  if (!accessId || !accessSecret) {
    throw new TuyaError('config', 'TUYA_ACCESS_ID and TUYA_ACCESS_SECRET must be set in the environment');
  }
  if (!/^[A-Za-z0-9]{1,64}$/.test(accessId)) throw misconfigured('TUYA_ACCESS_ID', '1 to 64 letters or digits', accessId);
  if (Buffer.byteLength(accessSecret, 'utf8') !== 32) throw misconfigured('TUYA_ACCESS_SECRET', '32 characters', accessSecret);
  const baseUrl = env.TUYA_BASE_URL || undefined;
  const region = env.TUYA_REGION || undefined;
  if (baseUrl !== undefined) {
    let url: URL | null = null;
    try {
      url = new URL(baseUrl);
    } catch {
      // reported below
    }
    if (!url || url.protocol !== 'https:' || url.pathname !== '/' || url.search || url.username || url.password) {
      throw misconfigured('TUYA_BASE_URL', 'https://host[:port] with no path, query or credentials', baseUrl);
    }
    return { accessId, accessSecret, baseUrl };
  }
  if (region === undefined) throw new TuyaError('config', 'set TUYA_REGION (or TUYA_BASE_URL) in the environment');
  if (!isTuyaRegion(region)) throw misconfigured('TUYA_REGION', `one of ${Object.keys(TUYA_REGIONS).join(', ')}`, region);
  return { accessId, accessSecret, region };
}
