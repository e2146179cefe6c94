/**
 * The four wx BLE event channels. `on*` adds a listener (the same function twice counts twice, as
 * in wx); `off*(listener)` removes that listener, `off*()` with no argument removes them all.
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

export class EventHub {
  private readonly listeners = new Map<EventChannel, Listener[]>(
    EVENT_CHANNELS.map((c) => [c, [] as Listener[]]),
  );

  on(channel: EventChannel, listener: unknown): void {
    if (typeof listener !== 'function') return;
    this.listeners.get(channel)!.push(listener as Listener);
  }

  off(channel: EventChannel, listener?: unknown): void {
    const list = this.listeners.get(channel)!;
    if (listener === undefined) list.length = 0;
    else this.listeners.set(channel, list.filter((l) => l !== listener));
  }

  /** Each listener gets its own copy of `make()`, so one listener cannot change what another sees. */
  emit(channel: EventChannel, make: () => unknown): void {
    for (const listener of [...this.listeners.get(channel)!]) {
      try {
        listener(make());
      } catch (err) {
        // wx logs a throwing listener and carries on; so do we, without hiding it.
        console.error(`fake wx: on${channel} listener threw`, err);
      }
    }
  }

  count(channel?: EventChannel): number {
    if (channel) return this.listeners.get(channel)!.length;
    let total = 0;
    for (const list of this.listeners.values()) total += list.length;
    return total;
  }
}
