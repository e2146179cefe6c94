/**
 * sameUuid: how the plugin recognises the TTLock service and characteristics in what wx reports.
 * Phones differ: Android reports full upper-case UUIDs, some iOS versions lower-case ones, and a host
 * app or an older base library may hand over the 16-bit short form.
 */
import { NOTIFY_UUID, SERVICE_UUID, WRITE_UUID, sameUuid } from '../../../plugin/ble/gatt';

describe('the TTLock GATT UUIDs', () => {
  it('are the Bluetooth base UUIDs of 1910, FFF2 and FFF4 (ttlock-v3-protocol.md §1)', () => {
    expect([SERVICE_UUID, WRITE_UUID, NOTIFY_UUID]).toEqual([
      '00001910-0000-1000-8000-00805F9B34FB',
      '0000FFF2-0000-1000-8000-00805F9B34FB',
      '0000FFF4-0000-1000-8000-00805F9B34FB',
    ]);
  });
});

describe('sameUuid', () => {
  it.each([
    ['the full form', NOTIFY_UUID, NOTIFY_UUID],
    ['the full form in lower case', '0000fff4-0000-1000-8000-00805f9b34fb', NOTIFY_UUID],
    ['the full form in mixed case', '0000Fff4-0000-1000-8000-00805f9B34Fb', NOTIFY_UUID],
    ['the 16-bit short form', 'FFF4', NOTIFY_UUID],
    ['the 16-bit short form in lower case', 'fff4', NOTIFY_UUID],
    ['the short form of the service', '1910', SERVICE_UUID],
  ])('matches %s', (_name, reported, ours) => {
    expect(sameUuid(reported, ours)).toBe(true);
  });

  it.each([
    ['another characteristic, full form', WRITE_UUID, NOTIFY_UUID],
    ['another characteristic, short form', 'fff2', NOTIFY_UUID],
    ['a neighbouring 16-bit UUID', '1911', SERVICE_UUID],
    ['the same 16 bits on another base UUID', '0000FFF4-0000-1000-8000-00805F9B34FC', NOTIFY_UUID],
    ['the leading zeros alone', '0000', NOTIFY_UUID],
    ['a truncated full form', 'FFF4-0000', NOTIFY_UUID],
    ['the short form with a trailing dash', 'FFF4-', NOTIFY_UUID],
    ['an empty string', '', NOTIFY_UUID],
  ])('does not match %s', (_name, reported, ours) => {
    expect(sameUuid(reported, ours)).toBe(false);
  });

  it.each([undefined, null, 0xfff4, ['FFF4'], { uuid: 'FFF4' }])('answers false, without throwing, for %p', (reported) => {
    expect(sameUuid(reported, NOTIFY_UUID)).toBe(false);
  });
});
