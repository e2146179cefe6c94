/** Lock-local time bytes and the official permanent window (spec §5.5). */
import { toHex } from '../../helpers/vectors';
import {
  PERMANENT_END_MS,
  PERMANENT_START_MS,
  fromLockTime,
  resolveValidity,
  toLockTime,
} from '../../../plugin/protocol';

const HOUR = 3600 * 1000;
/** 2024-01-15T01:30:45Z; expected bytes below are written out by hand from the calendar. */
const T = Date.UTC(2024, 0, 15, 1, 30, 45);

describe('toLockTime', () => {
  it('UTC+8: 2024-01-15 09:30, binary not BCD, seconds dropped', () => {
    expect(toHex(toLockTime(T, 8 * HOUR))).toBe('18010f091e');
  });

  it('UTC: 2024-01-15 01:30', () => {
    expect(toHex(toLockTime(T, 0))).toBe('18010f011e');
  });

  it('UTC-5 crosses back to the previous day: 2024-01-14 20:30', () => {
    expect(toHex(toLockTime(T, -5 * HOUR))).toBe('18010e141e');
  });

  it('crosses a year boundary forwards: 2024-12-31T20:00Z at +8 h is 2025-01-01 04:00', () => {
    expect(toHex(toLockTime(Date.UTC(2024, 11, 31, 20, 0), 8 * HOUR))).toBe('1901010400');
  });

  it('handles a leap day: 2024-02-28T23:59Z at +1 h is 2024-02-29 00:59', () => {
    expect(toHex(toLockTime(Date.UTC(2024, 1, 28, 23, 59), HOUR))).toBe('18021d003b');
  });

  it('throws RangeError outside 2000..2099 (lock-local year)', () => {
    expect(() => toLockTime(Date.UTC(1999, 11, 31, 20, 0), 0)).toThrow(RangeError);
    expect(toHex(toLockTime(Date.UTC(1999, 11, 31, 20, 0), 8 * HOUR))).toBe('0001010400');
    expect(() => toLockTime(Date.UTC(2100, 0, 1, 0, 0), 0)).toThrow(/2000..2099, got 2100/);
    expect(() => toLockTime(8.64e15 + 1, 0)).toThrow(RangeError);
    expect(() => toLockTime(NaN, 0)).toThrow(RangeError);
    expect(() => toLockTime('1' as any, 0)).toThrow(TypeError);
  });
});

describe('permanent window', () => {
  it('is 2000-02-01 01:00 to 2099-12-01 01:00 at UTC+8 (the official bounds)', () => {
    expect(toHex(toLockTime(PERMANENT_START_MS, 8 * HOUR))).toBe('0002010100');
    expect(toHex(toLockTime(PERMANENT_END_MS, 8 * HOUR))).toBe('630c010100');
    // At UTC-5 the start is still inside 2000 (2000-01-31 12:00).
    expect(toHex(toLockTime(PERMANENT_START_MS, -5 * HOUR))).toBe('00011f0c00');
  });

  it('resolveValidity substitutes each 0 and keeps other values', () => {
    expect(resolveValidity(0, 0)).toEqual({ startMs: PERMANENT_START_MS, endMs: PERMANENT_END_MS });
    expect(resolveValidity(T, 0)).toEqual({ startMs: T, endMs: PERMANENT_END_MS });
    expect(resolveValidity(0, T)).toEqual({ startMs: PERMANENT_START_MS, endMs: T });
    expect(resolveValidity(T, T + HOUR)).toEqual({ startMs: T, endMs: T + HOUR });
    expect(() => resolveValidity(-1, 0)).toThrow(/"startMs"/);
    expect(() => resolveValidity(0, 1.5)).toThrow(/"endMs"/);
  });
});

describe('fromLockTime', () => {
  it('reads the five fields back', () => {
    expect(fromLockTime(toLockTime(T, 8 * HOUR))).toEqual({ year: 2024, month: 1, day: 15, hour: 9, minute: 30 });
    expect(() => fromLockTime(new Uint8Array(4))).toThrow(/expected length 5, got 4/);
  });
});
