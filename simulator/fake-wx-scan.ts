/**
 * startBluetoothDevicesDiscovery / stopBluetoothDevicesDiscovery and advert reports.
 *
 * Every advertisingIntervalMs after the scan starts (the first report one full interval in, with
 * no random phase, so runs are reproducible), each lock that is in range, not connected (a
 * connected lock stops advertising) and passes the `services` filter is reported to
 * onBluetoothDeviceFound, one device per event (quirk batchAdverts: all of one interval in one
 * event). Without `allowDuplicatesKey` a lock is reported once per scan. Starting a scan while one
 * runs restarts it with the new options (quirk scanWhileScanning10008: fails 10008). There is one
 * scan for the whole app: whoever stops it stops it for everyone. Quirks: Android throttling (the
 * 6th start within 30 s fails 10008, or with 'ignore' starts a scan that hears nothing), no location permission (errno 1509008), empty advertisData.
 */
import {
  adapterProblem,
  deviceIdFor,
  settleSoon,
  type CallHandler,
  type FakeBleContext,
} from './fake-wx-context';
import { sameUuid, TTLOCK_SERVICE_UUID, type RadioLock } from './gatt-profile';
import { after, now, type Cancel } from './link-model';
import { reportUuid } from './phone-quirks';
import { wxFail, wxFailErrno, wxOk } from './wx-result';

const THROTTLE_WINDOW_MS = 30_000;
const THROTTLE_STARTS = 5;

export const startBluetoothDevicesDiscovery: CallHandler = (ctx, options, call, fault) => {
  const problem = adapterProblem(ctx, call.api);
  if (problem) return settleSoon(call, problem);
  const q = ctx.quirks;
  if (q.noLocationPermission && ctx.platform === 'android') {
    return settleSoon(call, wxFailErrno(call.api, 1509008, 'location permission is denied'));
  }
  if (q.scanWhileScanning10008 && ctx.scan) return settleSoon(call, wxFail(call.api, 10008));
  let throttled = false;
  if (q.scanThrottle && ctx.platform === 'android') {
    const recent = ctx.scanStarts.filter((t) => now() - t < THROTTLE_WINDOW_MS);
    ctx.scanStarts.splice(0, ctx.scanStarts.length, ...recent);
    throttled = recent.length >= THROTTLE_STARTS;
    if (throttled && q.scanThrottle !== 'ignore') return settleSoon(call, wxFail(call.api, 10008));
    if (!throttled) ctx.scanStarts.push(now());
  }
  stopScan(ctx);
  const filter: unknown[] = Array.isArray(options.services) ? options.services : [];
  const scan = {
    allowDuplicates: options.allowDuplicatesKey === true,
    reported: new Set<RadioLock>(),
    // outOfRange on this call, or a throttled start the phone ignores: nothing is heard for the whole scan.
    silent: fault?.kind === 'outOfRange' || throttled,
  };
  // At least 1 ms, so a zero interval cannot spin forever without time passing.
  const interval = () => Math.max(1, ctx.timing.advertisingIntervalMs);
  let cancel: Cancel = () => {};
  const tick = () => {
    const heard = scan.silent ? [] : ctx.locks.map((lock) => heardDevice(ctx, lock, filter, scan)).filter((d) => d !== undefined);
    const batches = ctx.quirks.batchAdverts ? (heard.length > 0 ? [heard] : []) : heard.map((d) => [d]);
    for (const devices of batches) ctx.events.emit('BluetoothDeviceFound', () => ({ devices: devices.map((d) => ({ ...d, advertisData: d.advertisData.slice(0) })) }));
    cancel = after(interval(), tick);
  };
  cancel = after(interval(), tick);
  ctx.scan = { stop: () => cancel(), owner: call.owner ?? 'plugin' };
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

function heardDevice(
  ctx: FakeBleContext,
  lock: RadioLock,
  filter: unknown[],
  scan: { allowDuplicates: boolean; reported: Set<RadioLock> },
) {
  const deviceId = deviceIdFor(ctx.platform, lock);
  if (!lock.inRange || ctx.connections.has(deviceId) || !passesFilter(lock, filter)) return undefined;
  if (!scan.allowDuplicates && scan.reported.has(lock)) return undefined;
  if (ctx.faults.take('advert')?.kind === 'lose') return undefined;
  scan.reported.add(lock);
  ctx.seenIds.add(deviceId);
  const advert = ctx.quirks.emptyAdvertisData ? new Uint8Array(0) : lock.manufacturerData();
  const device = {
    deviceId,
    name: lock.name,
    localName: lock.name,
    RSSI: lock.rssi,
    advertisData: advert.slice().buffer as ArrayBuffer,
    advertisServiceUUIDs: lock.advertisesServiceUuid ? [reportUuid(ctx.quirks, TTLOCK_SERVICE_UUID)] : [],
    serviceData: {},
  };
  ctx.heardDevices.set(deviceId, device);
  return device;
}

/** Every device heard since the adapter was opened (wx keeps them until the adapter closes). */
export const getBluetoothDevices: CallHandler = (ctx, _options, call) => {
  const problem = adapterProblem(ctx, call.api);
  if (problem) return settleSoon(call, problem);
  settleSoon(call, wxOk(call.api, { devices: [...ctx.heardDevices.values()].map((d) => ({ ...d, advertisData: d.advertisData.slice(0) })) }));
};
