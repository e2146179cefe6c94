/**
 * Finds a lock's deviceId by its MAC. No service-UUID filter (real locks often do not advertise
 * 1910, ttlock-v3-protocol.md §2.2): every advert is parsed, the MAC comes from the last six bytes of
 * the manufacturer data (or is the deviceId itself on Android), and the scan stops the moment the
 * lock is seen.
 */
import type { CancelScope } from '../core/cancel';
import type { Clock } from '../core/clock';
import { LockError } from '../core/errors';
import { withTimeout } from '../core/timeouts';
import { parseAdvertisement } from '../protocol';
import type { WxAdapter } from './wx-adapter';

export interface ScanLimits {
  scanMs: number;
  gattMs: number;
  releaseMs: number;
}

export async function scanForLock(ble: WxAdapter, clock: Clock, scope: CancelScope, mac: string, limits: ScanLimits): Promise<string> {
  let stopListening = (): void => undefined;
  const found = new Promise<string>((resolve) => {
    stopListening = ble.onDeviceFound((device) => {
      const advert = parseAdvertisement(device.advertisData);
      if ((advert && advert.mac === mac) || device.deviceId.toUpperCase() === mac) resolve(device.deviceId);
    });
  });
  let started = false;
  try {
    await scope.race(ble.call('startBluetoothDevicesDiscovery', { allowDuplicatesKey: true, powerLevel: 'high' }, 'startScan', limits.gattMs));
    started = true;
    return await scope.race(
      withTimeout(clock, found, limits.scanMs, () => new LockError('BLE_NOT_FOUND', `the lock was not seen within ${limits.scanMs} ms: is it nearby and awake (touch the keypad)?`)),
    );
  } finally {
    stopListening();
    if (started) await ble.release('stopBluetoothDevicesDiscovery', {}, limits.releaseMs);
  }
}
