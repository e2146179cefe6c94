/**
 * startBluetoothDevicesDiscovery / stopBluetoothDevicesDiscovery and advert reports.
 *
 * Every advertisingIntervalMs after the scan starts (the first report one full interval in, with
 * no random phase, so runs are reproducible), each lock that is in range, not connected (a
 * connected lock stops advertising) and passes the `services` filter is reported to
 * onBluetoothDeviceFound, one device per event. Without `allowDuplicatesKey` a lock is reported
 * once per scan. Starting a scan while one runs restarts it with the new options.
 */
import {
  adapterProblem,
  deviceIdFor,
  settleSoon,
  type CallHandler,
  type FakeBleContext,
} from './fake-wx-context';
import { sameUuid, TTLOCK_SERVICE_UUID, type RadioLock } from './gatt-profile';
import { after, type Cancel } from './link-model';
import { wxOk } from './wx-result';

export const startBluetoothDevicesDiscovery: CallHandler = (ctx, options, call, fault) => {
  const problem = adapterProblem(ctx, call.api);
  if (problem) return settleSoon(call, problem);
  stopScan(ctx);
  const filter: unknown[] = Array.isArray(options.services) ? options.services : [];
  const scan = {
    allowDuplicates: options.allowDuplicatesKey === true,
    reported: new Set<RadioLock>(),
    // outOfRange on this call: no lock is heard for the whole scan.
    silent: fault?.kind === 'outOfRange',
  };
  // At least 1 ms, so a zero interval cannot spin forever without time passing.
  const interval = () => Math.max(1, ctx.timing.advertisingIntervalMs);
  let cancel: Cancel = () => {};
  const tick = () => {
    if (!scan.silent) for (const lock of ctx.locks) reportIfHeard(ctx, lock, filter, scan);
    cancel = after(interval(), tick);
  };
  cancel = after(interval(), tick);
  ctx.scan = { stop: () => cancel() };
  settleSoon(call, wxOk(call.api));
};

export const stopBluetoothDevicesDiscovery: CallHandler = (ctx, _options, call) => {
  const problem = adapterProblem(ctx, call.api);
  if (problem) return settleSoon(call, problem);
  stopScan(ctx);
  settleSoon(call, wxOk(call.api));
};

export function stopScan(ctx: FakeBleContext): void {
  ctx.scan?.stop();
  ctx.scan = null;
}

function passesFilter(lock: RadioLock, filter: unknown[]): boolean {
  if (filter.length === 0) return true;
  if (!lock.advertisesServiceUuid) return false;
  return filter.some((uuid) => sameUuid(uuid, TTLOCK_SERVICE_UUID));
}

function reportIfHeard(
  ctx: FakeBleContext,
  lock: RadioLock,
  filter: unknown[],
  scan: { allowDuplicates: boolean; reported: Set<RadioLock> },
): void {
  const deviceId = deviceIdFor(ctx.platform, lock);
  if (!lock.inRange || ctx.connections.has(deviceId) || !passesFilter(lock, filter)) return;
  if (!scan.allowDuplicates && scan.reported.has(lock)) return;
  if (ctx.faults.take('advert')?.kind === 'lose') return;
  scan.reported.add(lock);
  ctx.seenIds.add(deviceId);
  const advert = lock.manufacturerData();
  ctx.events.emit('BluetoothDeviceFound', () => ({
    devices: [
      {
        deviceId,
        name: lock.name,
        localName: lock.name,
        RSSI: lock.rssi,
        advertisData: advert.slice().buffer,
        advertisServiceUUIDs: lock.advertisesServiceUuid ? [TTLOCK_SERVICE_UUID] : [],
        serviceData: {},
      },
    ],
  }));
}
