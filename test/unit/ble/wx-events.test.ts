/**
 * wx-events: the plugin keeps ONE listener per wx Bluetooth event for as long as it lives and routes
 * each event to the operations that subscribed (wx-ble-real-phones.md §1). The wx stand-in keeps
 * every listener registered with on…() (wx allows several per event) and removes the one given to
 * offBLEConnectionStateChange, as the documentation says; events are played to all of them.
 */
import { WxEvents, type WxEvent } from '../../../plugin/ble/wx-events';
import type { WxLike } from '../../../plugin/ble/wx-adapter';

const EVENTS: WxEvent[] = ['BluetoothDeviceFound', 'BLECharacteristicValueChange', 'BLEConnectionStateChange', 'BluetoothAdapterStateChange'];

type Listener = (res: unknown) => void;

function documentedWx(options: { withOff?: boolean; only?: WxEvent[] } = {}) {
  const listeners = new Map<WxEvent, Listener[]>(EVENTS.map((e) => [e, []]));
  const wx: WxLike = {};
  for (const event of options.only ?? EVENTS) wx[`on${event}`] = (fn: Listener) => listeners.get(event)!.push(fn);
  if (options.withOff !== false) {
    wx.offBLEConnectionStateChange = (fn: Listener) => {
      const list = listeners.get('BLEConnectionStateChange')!;
      listeners.set('BLEConnectionStateChange', list.filter((l) => l !== fn));
    };
  }
  return {
    wx,
    count: (event: WxEvent) => listeners.get(event)!.length,
    emit: (event: WxEvent, res: unknown) => [...listeners.get(event)!].forEach((l) => l(res)),
    /** The host's argument-less off…(): every listener of the event is gone, ours too. */
    clear: (event: WxEvent) => listeners.set(event, []),
  };
}

describe('one listener per event', () => {
  it('attach registers one per event, and attaching again adds none', () => {
    const phone = documentedWx();
    const events = new WxEvents(phone.wx);
    events.attach();
    events.attach();
    events.attach();
    for (const event of EVENTS) expect(phone.count(event)).toBe(1);
  });

  it('the connection-state listener is re-registered at every attach: one the host removed comes back, never two', () => {
    const phone = documentedWx();
    const events = new WxEvents(phone.wx);
    events.attach();
    const heard: unknown[] = [];
    events.subscribe('BLEConnectionStateChange', (res) => heard.push(res));
    phone.emit('BLEConnectionStateChange', 'before');
    phone.clear('BLEConnectionStateChange');
    phone.emit('BLEConnectionStateChange', 'lost');
    events.attach();
    phone.emit('BLEConnectionStateChange', 'after');
    events.attach();
    expect(phone.count('BLEConnectionStateChange')).toBe(1);
    expect(heard).toEqual(['before', 'after']);
  });

  it('without offBLEConnectionStateChange, attach still keeps a single connection-state listener', () => {
    const phone = documentedWx({ withOff: false });
    const events = new WxEvents(phone.wx);
    events.attach();
    events.attach();
    expect(phone.count('BLEConnectionStateChange')).toBe(1);
  });

  it('an event this base library cannot listen to is skipped, the others are registered', () => {
    const phone = documentedWx({ only: ['BLEConnectionStateChange', 'BLECharacteristicValueChange'] });
    const events = new WxEvents(phone.wx);
    expect(() => events.attach()).not.toThrow();
    expect(phone.count('BLECharacteristicValueChange')).toBe(1);
    expect(phone.count('BLEConnectionStateChange')).toBe(1);
  });
});

describe('routing', () => {
  it('each event goes to the subscribers of that event only, until they unsubscribe', () => {
    const phone = documentedWx();
    const events = new WxEvents(phone.wx);
    events.attach();
    const found: unknown[] = [];
    const values: unknown[] = [];
    const stopFound = events.subscribe('BluetoothDeviceFound', (res) => found.push(res));
    events.subscribe('BLECharacteristicValueChange', (res) => values.push(res));
    phone.emit('BluetoothDeviceFound', 'first');
    phone.emit('BLECharacteristicValueChange', 'value');
    stopFound();
    phone.emit('BluetoothDeviceFound', 'second');
    expect(found).toEqual(['first']);
    expect(values).toEqual(['value']);
  });

  it('a subscriber that throws neither reaches wx nor keeps the others from the event', () => {
    const phone = documentedWx();
    const events = new WxEvents(phone.wx);
    events.attach();
    const seen: unknown[] = [];
    events.subscribe('BLECharacteristicValueChange', () => {
      throw new Error('a bug in one operation');
    });
    events.subscribe('BLECharacteristicValueChange', (res) => seen.push(res));
    expect(() => phone.emit('BLECharacteristicValueChange', 'value')).not.toThrow();
    expect(seen).toEqual(['value']);
  });

  it('a subscriber that unsubscribes while handling an event does not stop the others getting it', () => {
    const phone = documentedWx();
    const events = new WxEvents(phone.wx);
    events.attach();
    const seen: string[] = [];
    const stop = events.subscribe('BluetoothDeviceFound', () => {
      seen.push('first');
      stop();
    });
    events.subscribe('BluetoothDeviceFound', () => seen.push('second'));
    phone.emit('BluetoothDeviceFound', {});
    phone.emit('BluetoothDeviceFound', {});
    expect(seen).toEqual(['first', 'second', 'second']);
  });

  it('counts the events heard per event, with or without a subscriber', () => {
    const phone = documentedWx();
    const events = new WxEvents(phone.wx);
    expect(events.heard('BluetoothDeviceFound')).toBe(0);
    events.attach();
    phone.emit('BluetoothDeviceFound', {});
    phone.emit('BluetoothDeviceFound', {});
    phone.emit('BluetoothAdapterStateChange', {});
    expect(events.heard('BluetoothDeviceFound')).toBe(2);
    expect(events.heard('BluetoothAdapterStateChange')).toBe(1);
    expect(events.heard('BLECharacteristicValueChange')).toBe(0);
  });
});

describe('renew: a listener the host may have removed', () => {
  it('registers a fresh one; if the old one was still there, it goes inert (each event routed and counted once)', () => {
    const phone = documentedWx();
    const events = new WxEvents(phone.wx);
    events.attach();
    const seen: unknown[] = [];
    events.subscribe('BLECharacteristicValueChange', (res) => seen.push(res));
    events.renew('BLECharacteristicValueChange');
    expect(phone.count('BLECharacteristicValueChange')).toBe(2); // wx still holds the old one
    phone.emit('BLECharacteristicValueChange', 'value');
    expect(seen).toEqual(['value']);
    expect(events.heard('BLECharacteristicValueChange')).toBe(1);
  });

  it('after the host removed every listener, the renewed one hears again', () => {
    const phone = documentedWx();
    const events = new WxEvents(phone.wx);
    events.attach();
    const seen: unknown[] = [];
    events.subscribe('BluetoothDeviceFound', (res) => seen.push(res));
    phone.clear('BluetoothDeviceFound');
    phone.emit('BluetoothDeviceFound', 'lost');
    events.renew('BluetoothDeviceFound');
    phone.emit('BluetoothDeviceFound', 'heard');
    expect(seen).toEqual(['heard']);
    expect(phone.count('BluetoothDeviceFound')).toBe(1);
  });
});
