/**
 * The four wx BLE event channels, shared by everyone using the one wx Bluetooth stack (the host app
 * and the plugin: nothing documents a separate registry for plugins). As documented:
 * - `offBLEConnectionStateChange(listener)` removes that listener (no argument: all of them);
 * - `offBLECharacteristicValueChange()`, `offBluetoothDeviceFound()` and
 *   `offBluetoothAdapterStateChange()` take no argument and remove EVERY listener of that event, the
 *   other party's included, whatever is passed.
 * `offMode: 'byListener'` makes all four remove only the listener passed (old English pages), and
 * `oneListenerPerEvent` makes `on*` replace the previous listener (as some old base libraries do).
 * Each listener remembers who registered it, so a test can count the plugin's apart from the host's.
 * A listener that throws does not stop delivery to the others, as in wx.
 */

export const EVENT_CHANNELS = [
  'BluetoothDeviceFound',
  'BLECharacteristicValueChange',
  'BLEConnectionStateChange',
  'BluetoothAdapterStateChange',
] as const;

export type EventChannel = (typeof EVENT_CHANNELS)[number];
export type Listener = (event: any) => void;
/** Who registered a listener, made a connection or started a scan. */
export type Owner = 'plugin' | 'host';

/** The channels whose documented off…() takes no argument and removes every listener. */
export const OFF_REMOVES_ALL: ReadonlySet<EventChannel> = new Set<EventChannel>([
  'BluetoothDeviceFound',
  'BLECharacteristicValueChange',
  'BluetoothAdapterStateChange',
]);

export interface EventHubOptions {
  offMode?: 'documented' | 'byListener';
  oneListenerPerEvent?: boolean;
}

interface Entry {
  listener: Listener;
  owner: Owner;
}

export class EventHub {
  private readonly listeners = new Map<EventChannel, Entry[]>(EVENT_CHANNELS.map((c) => [c, [] as Entry[]]));

  constructor(private readonly options: EventHubOptions = {}) {}

  on(channel: EventChannel, listener: unknown, owner: Owner = 'plugin'): void {
    if (typeof listener !== 'function') return;
    const list = this.listeners.get(channel)!;
    if (this.options.oneListenerPerEvent) list.length = 0;
    list.push({ listener: listener as Listener, owner });
  }

  off(channel: EventChannel, listener?: unknown): void {
    const list = this.listeners.get(channel)!;
    const removesAll = listener === undefined || (this.options.offMode !== 'byListener' && OFF_REMOVES_ALL.has(channel));
    if (removesAll) list.length = 0;
    else this.listeners.set(channel, list.filter((e) => e.listener !== listener));
  }

  /** Each listener gets its own copy of `make()`, so one listener cannot change what another sees. */
  emit(channel: EventChannel, make: () => unknown): void {
    for (const { listener } of [...this.listeners.get(channel)!]) {
      try {
        listener(make());
      } catch (err) {
        // wx logs a throwing listener and carries on; so do we, without hiding it.
        console.error(`fake wx: on${channel} listener threw`, err);
      }
    }
  }

  count(channel?: EventChannel, owner?: Owner): number {
    const channels = channel ? [channel] : EVENT_CHANNELS;
    let total = 0;
    for (const c of channels) total += this.listeners.get(c)!.filter((e) => !owner || e.owner === owner).length;
    return total;
  }

  countsBy(owner: Owner): Record<EventChannel, number> {
    const out = {} as Record<EventChannel, number>;
    for (const c of EVENT_CHANNELS) out[c] = this.count(c, owner);
    return out;
  }
}
