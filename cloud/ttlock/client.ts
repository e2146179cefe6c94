/**
 * The TTLock Open Platform client (ttlock-cloud-api.md): `createTTLockClient({ region | host, clientId,
 * clientSecret, username, password | passwordMd5, store? })`. Node only. The region must be the one the
 * application was registered in: another region's host answers 30008, which becomes a 'region' error.
 */
import { resolveBaseUrl } from '../regions';
import { isTuyaError } from '../errors';
import { TTLockCoreOptions, createTTLockCore } from './core';
import { TTLockError } from './errors';
import { lockOperations } from './locks';
import { PasscodeOptions, passcodeOperations } from './passcodes';
import { RandomPasscodeInput, getRandomPasscode } from './random-passcodes';

export const TTLOCK_REGIONS = {
  /** Applications registered on euopen.ttlock.com: every country but mainland China. */
  eu: 'https://euapi.ttlock.com',
  /** Mainland-China accounts and applications. */
  cn: 'https://cnapi.ttlock.com',
  /** The older general host (WeChat plugin sample). */
  api: 'https://api.ttlock.com',
} as const;

export type TTLockRegion = keyof typeof TTLOCK_REGIONS;

export interface TTLockClientOptions extends Omit<TTLockCoreOptions, 'baseUrl'>, PasscodeOptions {
  /** A full https origin (tests, proxies)... */
  host?: string;
  /** ...or a region name; default "eu" when neither is given. */
  region?: TTLockRegion;
}

function baseUrlOf(options: { host?: string; region?: string }): string {
  if (options.host !== undefined && options.region !== undefined) {
    throw new TTLockError('config', 'give either host or region, not both', { field: 'host' });
  }
  if (options.host === undefined) {
    const region = options.region ?? 'eu';
    if (!Object.prototype.hasOwnProperty.call(TTLOCK_REGIONS, region)) {
      throw new TTLockError('config', `"region" expected one of ${Object.keys(TTLOCK_REGIONS).join(', ')}`, { field: 'region' });
    }
    return TTLOCK_REGIONS[region as TTLockRegion];
  }
  try {
    return resolveBaseUrl({ baseUrl: options.host });
  } catch (err) {
    // The same https-origin rule as the Tuya client: tokens travel in the request, so no plain http.
    throw new TTLockError('config', isTuyaError(err) ? err.message.replace('baseUrl', '"host"') : '"host" is invalid', { field: 'host' });
  }
}

export function createTTLockClient(options: TTLockClientOptions) {
  const baseUrl = baseUrlOf(options ?? {});
  const core = createTTLockCore({ ...options, baseUrl });
  const locks = lockOperations(core);
  const passcodes = passcodeOperations(core, locks, options);
  return {
    ...locks,
    ...passcodes,
    /** A cloud-generated code the lock validates offline: no gateway, hour grid, first-use windows. */
    getRandomPasscode: (input: RandomPasscodeInput) => getRandomPasscode(core, input),
    /** The uid of the account, once a token was obtained. */
    uid: () => core.tokens.uid(),
    /** Writes running or waiting behind a gateway ("gateway:<id>") or a lock ("lock:<id>"). */
    queuePending: (key: string) => core.queuePending(key),
    /** Closes idle keep-alive connections. */
    close: () => core.close(),
  };
}

export type TTLockClient = ReturnType<typeof createTTLockClient>;
