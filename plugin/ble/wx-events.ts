/**
 * The plugin's wx Bluetooth listeners: ONE per event for as long as the plugin lives, routing each
 * event to whichever part of an operation subscribed to it. An idle plugin's listeners find no
 * subscriber and do nothing. The plugin never calls the argument-less off…() of value changes, found
 * devices or adapter state: they remove the host app's listeners too (wx-ble-real-phones.md §1).
 *
 * The host may remove ours (the same off…() in its onUnload, or an old base library that keeps one
 * listener per event). offBLEConnectionStateChange takes the listener, so that one is simply
 * re-registered at every operation. For the other three the plugin cannot see whether its listener
 * is still there, so it re-registers one only on evidence (`renew`): a reply or a scan that heard
 * nothing while wx says the data was there, or a link that dropped while wx says Bluetooth is off
 * (the adapter-state listener did not hear the switch-off). A renewed listener replaces the old one in the routing;
 * the old one, if it was still registered after all, goes inert (it no longer routes anything).
 */
import type { WxLike } from './wx-adapter';
import { isFunction } from '../core/assert';

/** The four wx events, each named once (the bundle keeps every spelled-out name whole). */
export const DEVICE_FOUND = 'BluetoothDeviceFound';
export const VALUE_CHANGE = 'BLECharacteristicValueChange';
export const CONNECTION_STATE = 'BLEConnectionStateChange';
export const ADAPTER_STATE = 'BluetoothAdapterStateChange';

export type WxEvent = typeof DEVICE_FOUND | typeof VALUE_CHANGE | typeof CONNECTION_STATE | typeof ADAPTER_STATE;

type Handler = (res: any) => void;

const EVENTS: readonly WxEvent[] = [DEVICE_FOUND, VALUE_CHANGE, CONNECTION_STATE, ADAPTER_STATE];

export class WxEvents {
  private readonly _handlers = new Map<WxEvent, Set<Handler>>(EVENTS.map((e) => [e, new Set<Handler>()]));
  /** Our registered listener per event (the routing one). */
  private readonly _listeners = new Map<WxEvent, Handler>();
  /** Events heard per channel since the plugin started (tells a deaf listener from a quiet radio). */
  private readonly _heard = new Map<WxEvent, number>(EVENTS.map((e) => [e, 0]));

  constructor(private readonly _wx: WxLike) {}

  /** Registers the listeners not registered yet, and re-registers the connection-state one exactly. */
  attach(): void {
    for (const event of EVENTS) {
      if (!this._listeners.has(event)) this._register(event);
    }
    const state = this._listeners.get(CONNECTION_STATE);
    const off = this._wx.offBLEConnectionStateChange;
    if (state && isFunction(off)) {
      off.call(this._wx, state);
      this._register(CONNECTION_STATE);
    }
  }

  /** Our listener for `event` may have been removed by the host: register a fresh one. */
  renew(event: WxEvent): void {
    this._register(event);
  }

  heard(event: WxEvent): number {
    return this._heard.get(event) || 0;
  }

  /** Routes `event` to `handler` until the returned function is called. */
  subscribe(event: WxEvent, handler: Handler): () => void {
    const set = this._handlers.get(event)!;
    set.add(handler);
    return () => {
      set.delete(handler);
    };
  }

  private _register(event: WxEvent): void {
    const on = this._wx[`on${event}`] as ((fn: Handler) => void) | undefined;
    if (!isFunction(on)) return;
    const listener: Handler = (res) => {
      if (this._listeners.get(event) !== listener) return; // replaced by a renewed one
      this._heard.set(event, this.heard(event) + 1);
      for (const handler of [...this._handlers.get(event)!]) {
        try {
          handler(res);
        } catch {
          // a listener must never throw into wx
        }
      }
    };
    this._listeners.set(event, listener);
    on.call(this._wx, listener);
  }
}
