/**
 * Finds a lock's deviceId by its MAC. No service-UUID filter (real locks often do not advertise
 * 1910, ttlock-v3-protocol.md §2.2): every device of every found event is parsed, the MAC comes
 * from the last six bytes of the manufacturer data (or is the deviceId itself on Android, also when
 * advertisData is empty), and the scan stops the moment the lock is seen.
 * The scan is shared with the host app (there is one per app): if the host is already scanning,
 * lockwire listens to that scan instead of restarting it, and it only ever stops a scan it started.
 */
import type { CancelScope } from '../core/cancel';
import type { Clock } from '../core/clock';
import { Code, isLockError, LockError } from '../core/errors';
import type { LockwireConfig, ProgressStep } from '../core/settings';
import { sleep, withTimeout, type Deadline } from '../core/timeouts';
import { parseAdvertisement } from '../protocol';
import { RELEASE_MS } from './adapter';
import { toBytes, type WxAdapter, GET_ADAPTER_STATE, START_DISCOVERY, STOP_DISCOVERY } from './wx-adapter';
import { isString } from '../core/assert';
import { DEVICE_FOUND } from './wx-events';

/** How often a scan that hears nothing at all checks on itself. */
export const SCAN_POLL_MS = 1000;
/**
 * Android refuses (10008) or silently deafens scans started too often, about 5 per 30 s
 * (wx-ble-real-phones.md §5): lockwire starts at most this many per window, one left to the host.
 */
export const SCAN_STARTS_PER_WINDOW = 4;
export const SCAN_WINDOW_MS = 30_000;

/** How long until another scan may start (0: now), given the recent starts (older ones are dropped). */
export function scanQuotaWait(starts: number[], now: number): number {
  while (starts.length > 0 && now - starts[0] >= SCAN_WINDOW_MS) starts.shift();
  return starts.length < SCAN_STARTS_PER_WINDOW ? 0 : starts[0] + SCAN_WINDOW_MS - now;
}

export interface ScanLimits {
  scanMs: number;
  gattMs: number;
  releaseMs: number;
  /** Someone else's scan is running: listen to it, do not start or stop one. */
  othersScanning?: boolean;
  /** wx did not confirm stopping our scan: it may still run. */
  onStopFailed?: () => void;
  /** When lockwire started its recent scans (scanQuotaWait); each start is added. */
  starts: number[];
}

/** What the scan step takes from the operation that runs it. */
export interface ScanContext {
  scope: CancelScope;
  deadline: Deadline;
  progress: (step: ProgressStep) => void;
}

/**
 * The scan step of the link manager, with what it keeps between operations: the recent scan starts
 * (Android's quota) and whether a scan of ours may still run because wx did not confirm stopping it.
 */
export class LockScanner {
  /** A scan of ours that wx did not confirm stopping (closing the adapter stops it). */
  scanLeft = false;
  /** When lockwire started its recent scans (Android throttles them: scanQuotaWait). */
  private readonly _starts: number[] = [];

  constructor(private readonly _ble: WxAdapter, private readonly _clock: Clock, private readonly _config: () => LockwireConfig) {}

  /** The lock's deviceId, from a scan of ours or the host's (othersScanning: listen to it). */
  async deviceIdOf(mac: string, ctx: ScanContext, othersScanning: boolean, android: boolean): Promise<string> {
    ctx.progress('scanning');
    const cfg = this._config();
    // Android throttles scan starts: wait for a free one if the budget allows (not when listening to the host's)
    const wait = othersScanning || !android ? 0 : scanQuotaWait(this._starts, this._clock.now());
    if (wait >= ctx.deadline.remaining()) throw new LockError(Code.BLE_SCAN_FAILED, 'too many scans in 30 s: retry shortly');
    if (wait > 0) await ctx.scope.race(sleep(this._clock, wait));
    return scanForLock(this._ble, this._clock, ctx.scope, mac, {
      starts: this._starts,
      scanMs: ctx.deadline.limit(cfg.scanTimeoutMs),
      gattMs: ctx.deadline.limit(cfg.gattTimeoutMs),
      releaseMs: RELEASE_MS,
      othersScanning,
      onStopFailed: () => {
        this.scanLeft = true;
      },
    });
  }

  /** Asks wx again to stop a scan of ours that it would not stop (scanLeft says whether it may still run). */
  async stopLeft(): Promise<void> {
    if (this.scanLeft && (await this._ble.release(STOP_DISCOVERY, {}, RELEASE_MS))) this.scanLeft = false;
  }
}

export async function scanForLock(ble: WxAdapter, clock: Clock, scope: CancelScope, mac: string, limits: ScanLimits): Promise<string> {
  let stopListening = (): void => undefined;
  let foundByWx = (_id: string): void => undefined;
  const found = new Promise<string>((resolve) => {
    foundByWx = resolve;
    stopListening = ble.onDeviceFound((device) => {
      if (isTheLock(device.deviceId, device.advertisData, mac)) resolve(device.deviceId);
    });
  });
  let started = false;
  try {
    const start = () => {
      limits.starts.push(clock.now());
      return ble.call(START_DISCOVERY, { allowDuplicatesKey: true, powerLevel: 'high' }, 'startScan', limits.gattMs);
    };
    if (!limits.othersScanning) {
      try {
        await scope.race(start());
        started = true;
      } catch (err) {
        // some phones refuse a second scan with 10008 while the host's runs: listen to that one
        if (!isLockError(err) || err.wxErrCode !== 10008 || !(await othersScan(ble, limits.gattMs))) throw err;
      }
    }
    const heardBefore = ble.events.heard(DEVICE_FOUND);
    let listedBefore = (await listedByWx(ble, mac, limits.gattMs)).ids;
    let polling = true;
    void (async () => {
      // While nothing at all is heard: is our scan still running (the host may stop it), and did wx
      // hear the lock while our listener did not (the host may have removed it)?
      let restarted = false;
      while (polling) {
        await sleep(clock, SCAN_POLL_MS);
        if (!polling || ble.events.heard(DEVICE_FOUND) !== heardBefore) continue;
        const discovering = await othersScan(ble, limits.gattMs);
        if (!polling) return;
        if (started && !discovering && !restarted && !scanQuotaWait(limits.starts, clock.now())) {
          restarted = true;
          try {
            await start();
          } catch {
            // the timeout will tell
          }
          continue;
        }
        if (!discovering) continue;
        const listed = await listedByWx(ble, mac, limits.gattMs);
        if (!polling || ble.events.heard(DEVICE_FOUND) !== heardBefore) continue;
        // wx heard a device during our scan and we heard nothing: our listener is gone (compared only with a
        // list wx gave: after a failed one every id would look new, and a second listener would pile up)
        const before = listedBefore;
        if (before && listed.ids && [...listed.ids].some((id) => !before.has(id))) ble.events.renew(DEVICE_FOUND);
        listedBefore ??= listed.ids;
        if (listed.lock !== undefined) foundByWx(listed.lock);
      }
    })();
    try {
      return await scope.race(
        withTimeout(clock, found, limits.scanMs, () => new LockError(Code.BLE_NOT_FOUND, `lock not seen in ${limits.scanMs} ms: nearby and awake (touch the keypad)?`)),
      );
    } finally {
      polling = false;
    }
  } finally {
    stopListening();
    if (started && !(await ble.release(STOP_DISCOVERY, {}, limits.releaseMs)) && limits.onStopFailed) limits.onStopFailed();
  }
}

/** The lock by its advertised MAC, or by a deviceId that is the MAC (Android). */
function isTheLock(deviceId: string, advertisData: Uint8Array, mac: string): boolean {
  const advert = parseAdvertisement(advertisData);
  return (advert !== null && advert.mac === mac) || deviceId.toUpperCase() === mac;
}

async function othersScan(ble: WxAdapter, ms: number): Promise<boolean> {
  try {
    const state = await ble.call<{ discovering?: boolean }>(GET_ADAPTER_STATE, {}, 'adapterState', ms);
    return state.discovering === true;
  } catch {
    return false;
  }
}

/** The deviceIds wx lists among the devices heard since the adapter opened (none if wx did not answer), and the lock's. */
async function listedByWx(ble: WxAdapter, mac: string, ms: number): Promise<{ ids?: Set<string>; lock?: string }> {
  const ids = new Set<string>();
  let lock: string | undefined;
  try {
    const { devices } = await ble.call<{ devices?: Array<{ deviceId?: unknown; advertisData?: unknown }> }>('getBluetoothDevices', {}, 'startScan', ms);
    for (const d of devices ?? []) {
      if (!isString(d.deviceId)) continue;
      ids.add(d.deviceId);
      if (isTheLock(d.deviceId, toBytes(d.advertisData), mac)) lock = d.deviceId;
    }
  } catch {
    return {}; // no answer: cannot tell
  }
  return { ids, lock };
}
