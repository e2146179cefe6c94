/**
 * scanQuotaWait: Android refuses or deafens scans started too often, about 5 per 30 s
 * (wx-ble-real-phones.md §5); lockwire starts at most 4 per 30 s window, leaving one to the host.
 */
import { scanQuotaWait } from '../../../plugin/ble/scanner';

describe('scanQuotaWait', () => {
  it('no wait while fewer than 4 starts are in the window', () => {
    expect(scanQuotaWait([], 100_000)).toBe(0);
    expect(scanQuotaWait([90_000, 95_000, 99_000], 100_000)).toBe(0);
  });

  it('with 4 starts in the window, waits until the oldest leaves it', () => {
    expect(scanQuotaWait([80_000, 90_000, 95_000, 99_000], 100_000)).toBe(10_000);
    expect(scanQuotaWait([70_001, 90_000, 95_000, 99_000], 100_000)).toBe(1);
  });

  it('a start exactly 30 s old has left the window, and is dropped from the list', () => {
    const starts = [60_000, 70_000, 90_000, 95_000, 99_000];
    expect(scanQuotaWait(starts, 100_000)).toBe(0);
    expect(starts).toEqual([90_000, 95_000, 99_000]);
  });

  it('drops every start that left the window, not only the first', () => {
    const starts = [1_000, 2_000, 3_000, 4_000];
    expect(scanQuotaWait(starts, 40_000)).toBe(0);
    expect(starts).toEqual([]);
  });
});
