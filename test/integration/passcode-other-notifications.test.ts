/**
 * The host app shares wx's one notification stream with the plugin: it may have notifications on
 * for another characteristic of the lock, or be talking to a second lock. Their values reach the
 * plugin's onBLECharacteristicValueChange listener too, interleaved with the lock's reply pieces,
 * and must not be mixed into the reply (one stray byte inside a frame would lose the frame).
 */
import type { FakeBle } from '../../simulator';
import { setupLock, useFakeBluetooth } from '../helpers/ble-harness';
import { callPasscode, optionFor } from '../helpers/passcode-call';

const BATTERY_LEVEL_UUID = '00002A19-0000-1000-8000-00805F9B34FB';

/** Before every notification the lock sends, delivers one byte as `stray(event)` describes it. */
function interleave(fake: FakeBle, stray: (event: any) => Record<string, unknown>): { delivered: () => number } {
  let delivered = 0;
  const on = fake.wx.onBLECharacteristicValueChange;
  const off = fake.wx.offBLECharacteristicValueChange;
  const wrapped = new Map<unknown, (event: any) => void>();
  fake.wx.onBLECharacteristicValueChange = (listener: (event: any) => void) => {
    const inject = (event: any) => {
      listener({ ...event, ...stray(event), value: Uint8Array.of(0x00).buffer });
      delivered++;
      listener(event);
    };
    wrapped.set(listener, inject);
    on(inject);
  };
  fake.wx.offBLECharacteristicValueChange = (listener: unknown) => off(wrapped.get(listener) ?? listener);
  return { delivered: () => delivered };
}

describe('createCustomPasscode among other notifications', () => {
  useFakeBluetooth();

  it.each([
    ['another characteristic of the same lock', () => ({ serviceId: '0000180F-0000-1000-8000-00805F9B34FB', characteristicId: BATTERY_LEVEL_UUID })],
    ['the notify characteristic of another lock', () => ({ deviceId: 'AA:BB:CC:DD:EE:FF' })],
  ])('ignores values from %s', async (_name, stray) => {
    const bench = setupLock({ platform: 'android' });
    const injected = interleave(bench.fake, stray);
    const { result } = await callPasscode(optionFor(bench.lock, { passcode: '246810' }));
    expect(result).toMatchObject({ errorCode: 0, passcode: '246810' });
    // every reply took two notifications at least, so a stray byte sat inside each reply frame
    expect(injected.delivered()).toBeGreaterThanOrEqual(6);
    expect(bench.lock.passcodes().map((p) => p.passcode)).toEqual(['246810']);
  });
});
