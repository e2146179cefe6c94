/**
 * What the demo app shares between pages (`App({ globalData })`). When the app runs against the
 * simulator (tests, `npm run demo`), the host fills `simulatorLocks` with the virtual locks it made,
 * so the "Add passcode" page can offer them next to the "paste lockData" field. In WeChat it is empty.
 */
import type { DemoGlobalData, DemoLock, DemoTTLockRelay } from './demo-types';

export type { DemoGlobalData, DemoLock, DemoTTLockRelay };

export function emptyGlobalData(): DemoGlobalData {
  return { simulatorLocks: [], relayUrl: '', relayAuthorization: '', tuyaDeviceId: '' };
}

function isDemoLock(value: unknown): value is DemoLock {
  const v = value as Partial<DemoLock> | null;
  return !!v && typeof v.name === 'string' && typeof v.mac === 'string' && typeof v.lockData === 'string';
}

function isTTLockRelay(value: unknown): value is DemoTTLockRelay {
  const v = value as Partial<DemoTTLockRelay> | null;
  return !!v && typeof v.relayUrl === 'string' && typeof v.authorization === 'string' && typeof v.lockId === 'number' && typeof v.name === 'string';
}

/** The app's globalData, or empty defaults when there is no App (e.g. a page rendered on its own). */
export function demoGlobalData(): DemoGlobalData {
  const defaults = emptyGlobalData();
  if (typeof getApp !== 'function') return defaults;
  const app = getApp<{ globalData?: Partial<DemoGlobalData> }>({ allowDefault: true });
  const data = (app && app.globalData) || {};
  return {
    simulatorLocks: Array.isArray(data.simulatorLocks) ? data.simulatorLocks.filter(isDemoLock) : [],
    relayUrl: typeof data.relayUrl === 'string' ? data.relayUrl : defaults.relayUrl,
    relayAuthorization:
      typeof data.relayAuthorization === 'string' ? data.relayAuthorization : defaults.relayAuthorization,
    tuyaDeviceId: typeof data.tuyaDeviceId === 'string' ? data.tuyaDeviceId : defaults.tuyaDeviceId,
    ...(isTTLockRelay(data.ttlockRelay) ? { ttlockRelay: data.ttlockRelay } : {}),
  };
}
