/**
 * Tuya OpenAPI data centres (tuya-temp-password.md §8). The project's data centre must match the region
 * of the app account the lock is linked to; a mismatch shows up as 1106 or "device not exist", not as a
 * connection error, which is why the README repeats it.
 */
import { TuyaError } from './errors';

export const TUYA_REGIONS = {
  cn: 'https://openapi.tuyacn.com',
  us: 'https://openapi.tuyaus.com',
  'us-e': 'https://openapi-ueaz.tuyaus.com',
  eu: 'https://openapi.tuyaeu.com',
  'eu-w': 'https://openapi-weaz.tuyaeu.com',
  in: 'https://openapi.tuyain.com',
  /** Used by tinytuya and several clients; not seen on a Tuya page. */
  sg: 'https://openapi-sg.iotbing.com',
} as const;

export type TuyaRegion = keyof typeof TUYA_REGIONS;

export function isTuyaRegion(value: unknown): value is TuyaRegion {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(TUYA_REGIONS, value);
}

/**
 * Picks the base URL from an explicit `baseUrl` (tests, proxies) or a region name. Only https is accepted:
 * tokens travel in headers, so a plain-http base URL would leak them.
 */
export function resolveBaseUrl(options: { baseUrl?: string; region?: string }): string {
  if (options.baseUrl !== undefined && options.region !== undefined) {
    throw new TuyaError('config', 'give either baseUrl or region, not both', { field: 'baseUrl' });
  }
  if (options.region !== undefined) {
    if (!isTuyaRegion(options.region)) {
      const known = Object.keys(TUYA_REGIONS).join(', ');
      throw new TuyaError('config', `region expected one of ${known}, got "${String(options.region).slice(0, 20)}"`, {
        field: 'region',
      });
    }
    return TUYA_REGIONS[options.region];
  }
  if (typeof options.baseUrl !== 'string') {
    throw new TuyaError('config', 'baseUrl or region is required', { field: 'baseUrl' });
  }
  let url: URL;
  try {
    url = new URL(options.baseUrl);
  } catch {
    throw new TuyaError('config', 'baseUrl is not a valid URL', { field: 'baseUrl' });
  }
  if (url.protocol !== 'https:' || url.pathname !== '/' || url.search || url.username || url.password) {
    throw new TuyaError('config', 'baseUrl expected https://host[:port] with no path, query or credentials', {
      field: 'baseUrl',
    });
  }
  return url.origin;
}
