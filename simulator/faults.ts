/**
 * Fault injection by step. A fault names the step it hits (a wx call, or one of the link events
 * 'advert' / 'reply' / 'notification'), which occurrence of that step counted from the moment the
 * fault is added (`nth`, 1-based, default 1 = the next one), how many occurrences in a row it hits
 * (`times`, default 1), and what happens. Which actions make sense on which step is one table
 * (SUPPORTED_ACTIONS); tests build their fault matrix from it.
 */

export const WX_CALL_STEPS = [
  'openBluetoothAdapter',
  'closeBluetoothAdapter',
  'getBluetoothAdapterState',
  'startBluetoothDevicesDiscovery',
  'stopBluetoothDevicesDiscovery',
  'createBLEConnection',
  'closeBLEConnection',
  'getBLEDeviceServices',
  'getBLEDeviceCharacteristics',
  'notifyBLECharacteristicValueChange',
  'writeBLECharacteristicValue',
  'readBLECharacteristicValue',
  'getBluetoothDevices',
] as const;

/** advert: one report of one lock to onBluetoothDeviceFound. reply: one framed answer of the lock. */
export const LINK_STEPS = ['advert', 'reply', 'notification'] as const;

export const FAULT_STEPS = [...WX_CALL_STEPS, ...LINK_STEPS] as const;

export type WxCallStep = (typeof WX_CALL_STEPS)[number];
export type FaultStep = (typeof FAULT_STEPS)[number];

export type FaultAction =
  /** The call fails with this errCode (no side effect). */
  | { kind: 'fail'; errCode: number; errMsg?: string }
  /** The call never calls back and never settles its Promise (no side effect). */
  | { kind: 'noCallback' }
  /** The step happens `ms` later than it would have. */
  | { kind: 'delay'; ms: number }
  /** The link drops instead of this step: connected:false fires, this and pending calls fail 10006. */
  | { kind: 'drop' }
  /** The step completes normally, then the link drops. */
  | { kind: 'dropAfter' }
  /** The host app closes the adapter just before this call (links drop, events as the fake was made): the call fails 10000. */
  | { kind: 'adapterClosed' }
  /** The advert / reply / notification is sent but never arrives (it still uses its air time). */
  | { kind: 'lose' }
  /** The reply's CRC byte is inverted. */
  | { kind: 'corruptCrc' }
  /** The reply (frame + CRLF) goes out in notifications of these sizes; the rest in 20-byte pieces. */
  | { kind: 'split'; sizes: number[] }
  /** The whole reply is sent twice. */
  | { kind: 'duplicate' }
  /** An extra frame goes out before the reply (default payload: a push no request of ours echoes). */
  | { kind: 'unsolicited'; plaintext?: Uint8Array }
  /** The reply is encrypted with another key (as after a factory reset). */
  | { kind: 'wrongKey'; aesKey?: Uint8Array }
  /** The lock is out of range for this scan / connection attempt. */
  | { kind: 'outOfRange' }
  /** getBLEDeviceServices: the lock has no 1910 service on this connection. */
  | { kind: 'missingService' }
  /** getBLEDeviceCharacteristics: the 1910 service has no FFF4 notify characteristic on this connection. */
  | { kind: 'missingCharacteristic' };

export type FaultKind = FaultAction['kind'];

const ANY_CALL: FaultKind[] = ['fail', 'noCallback', 'delay'];
const ON_LINK: FaultKind[] = [...ANY_CALL, 'drop', 'dropAfter', 'adapterClosed'];

export const SUPPORTED_ACTIONS: Readonly<Record<FaultStep, readonly FaultKind[]>> = {
  openBluetoothAdapter: ANY_CALL,
  closeBluetoothAdapter: ANY_CALL,
  getBluetoothAdapterState: ANY_CALL,
  startBluetoothDevicesDiscovery: [...ANY_CALL, 'outOfRange'],
  stopBluetoothDevicesDiscovery: ANY_CALL,
  createBLEConnection: [...ANY_CALL, 'dropAfter', 'outOfRange'],
  closeBLEConnection: ANY_CALL,
  getBLEDeviceServices: [...ON_LINK, 'missingService'],
  getBLEDeviceCharacteristics: [...ON_LINK, 'missingCharacteristic'],
  notifyBLECharacteristicValueChange: ON_LINK,
  writeBLECharacteristicValue: ON_LINK,
  readBLECharacteristicValue: ON_LINK,
  getBluetoothDevices: ANY_CALL,
  advert: ['lose'],
  reply: ['delay', 'lose', 'drop', 'corruptCrc', 'split', 'duplicate', 'unsolicited', 'wrongKey'],
  notification: ['delay', 'lose', 'drop', 'duplicate'],
};

export interface FaultSpec {
  on: FaultStep;
  nth?: number;
  times?: number;
  action: FaultAction;
}

interface ArmedFault {
  on: FaultStep;
  action: FaultAction;
  /** Occurrence numbers of `on` (counted since the injector was created) that this fault hits. */
  first: number;
  last: number;
}

export class FaultInjector {
  private readonly seen = new Map<FaultStep, number>();
  private armed: ArmedFault[] = [];

  add(spec: FaultSpec): this {
    const allowed = SUPPORTED_ACTIONS[spec.on];
    if (!allowed) throw new RangeError(`faults.add: unknown step "${String(spec.on)}"`);
    if (!allowed.includes(spec.action.kind)) {
      throw new RangeError(`faults.add: "${spec.action.kind}" is not supported on "${spec.on}"`);
    }
    const nth = spec.nth ?? 1;
    const times = spec.times ?? 1;
    if (!(nth >= 1) || !(times >= 1)) {
      throw new RangeError(`faults.add: "nth" and "times" expected >= 1, got ${nth}, ${times}`);
    }
    const first = (this.seen.get(spec.on) ?? 0) + nth;
    const last = first + times - 1;
    const clash = this.armed.find((f) => f.on === spec.on && f.first <= last && first <= f.last);
    if (clash) {
      throw new RangeError(`faults.add: another fault already hits those occurrences of "${spec.on}"`);
    }
    this.armed.push({ on: spec.on, action: spec.action, first, last });
    return this;
  }

  /** Counts one occurrence of `step` and returns the fault that hits it, if any. */
  take(step: FaultStep): FaultAction | undefined {
    const count = (this.seen.get(step) ?? 0) + 1;
    this.seen.set(step, count);
    const hit = this.armed.find((f) => f.on === step && f.first <= count && count <= f.last);
    if (hit && hit.last === count) this.armed = this.armed.filter((f) => f !== hit);
    return hit?.action;
  }

  /** Faults that have not fired yet (or not for all their occurrences). */
  pending(): Array<{ on: FaultStep; action: FaultAction; remaining: number }> {
    return this.armed.map((f) => {
      const seen = this.seen.get(f.on) ?? 0;
      return { on: f.on, action: f.action, remaining: f.last - Math.max(seen, f.first - 1) };
    });
  }

  clear(): void {
    this.armed = [];
  }
}
