/**
 * Offline and dynamic codes against the mock Tuya cloud over HTTPS: the hour rounding and the 6 h / 24 h
 * rules are applied before the call and match what the cloud answers; the simulated lock enforces them.
 */
import { HOUR_MS } from '../../plugin/tuya/password-lifecycle-rules';
import { MOCK_DEVICE_ID, MOCK_OFFLINE_EXHAUSTED } from '../../simulator/tuya-cloud';
import { closeTuyaHarnessesAfterEach, expectNothingSensitive, failureOf, startTuyaHarness } from '../helpers/tuya-mock';

closeTuyaHarnessesAfterEach();

const D = MOCK_DEVICE_ID;
const floorHour = (ms: number) => Math.floor(ms / HOUR_MS) * HOUR_MS;

describe('offline codes', () => {
  it('once: starts at the current hour, lasts 6 h, opens the lock once', async () => {
    const h = await startTuyaHarness();
    const before = floorHour(h.mock.now());
    const code = await h.client.createOfflinePassword(D, { kind: 'once', name: 'cleaner' });
    // Read on both sides of the call: an hour may begin in between.
    expect([before, floorHour(h.mock.now())]).toContain(code.effectiveTime);
    expect(code).toMatchObject({ kind: 'once', invalidTime: code.effectiveTime + 6 * HOUR_MS, name: 'cleaner' });
    expect(code.code).toMatch(/^\d{10}$/);
    expect(code.guestNotes.join(' ')).toMatch(/once/);
    expect(h.mock.tryPin(D, code.code)).toBe(true);
    expect(h.mock.tryPin(D, code.code)).toBe(false);
    expect(h.mock.offlineCodes(D)[0]).toMatchObject({ type: 'once', shape: 'flat' });
    expectNothingSensitive(h, [code.code]);
  });

  it.each([
    ['start', true],
    ['issue', false],
  ] as const)('multiple issued 30 h ahead, lock counting the 24 h first-use rule from %s: opens at the start: %s', async (from, opens) => {
    const h = await startTuyaHarness({ offlineFirstUseFrom: from });
    const start = floorHour(h.mock.now()) + 30 * HOUR_MS;
    const code = await h.client.createOfflinePassword(D, { kind: 'multiple', effectiveTime: start, invalidTime: start + 48 * HOUR_MS });
    expect(code.guestNotes.join(' ')).toMatch(/dead on arrival/);
    h.mock.advance(start - h.mock.now() + 60_000);
    expect(h.mock.tryPin(D, code.code)).toBe(opens);
  });

  it('multiple: times rounded down to the hour, as the cloud applied them; clear_one stops it', async () => {
    const h = await startTuyaHarness();
    const start = h.mock.now() + 90 * 60_000;
    const code = await h.client.createOfflinePassword(D, { kind: 'multiple', effectiveTime: start, invalidTime: start + 26 * HOUR_MS });
    expect(code).toMatchObject({ effectiveTime: floorHour(start), invalidTime: floorHour(start + 26 * HOUR_MS) });
    expect(code.guestNotes.join(' ')).toMatch(/rounds offline codes down to the hour/);
    expect(code.guestNotes.join(' ')).toMatch(/within 24 h/);
    expect(h.mock.tryPin(D, code.code)).toBe(false); // not yet started
    h.mock.advance(2 * HOUR_MS);
    expect(h.mock.tryPin(D, code.code)).toBe(true);
    expect(h.mock.tryPin(D, code.code)).toBe(true);
    const clear = await h.client.createOfflinePassword(D, { kind: 'clear_one', passwordId: code.id });
    expect(h.mock.tryPin(D, clear.code)).toBe(true);
    expect(h.mock.tryPin(D, code.code)).toBe(false);
  });

  it('refuses before any request: an ended window, times on once codes, a missing passwordId', async () => {
    const h = await startTuyaHarness();
    const past = Date.now() - 3 * HOUR_MS;
    const laterHour = Math.floor(Date.now() / HOUR_MS) * HOUR_MS + 2 * HOUR_MS;
    for (const [fields, field] of [
      [{ kind: 'multiple', effectiveTime: past - HOUR_MS, invalidTime: past }, 'invalidTime'],
      // both ends inside one future hour, whatever the minute now (Tuya rounds them down to the same hour)
      [{ kind: 'multiple', effectiveTime: laterHour + 60_000, invalidTime: laterHour + 120_000 }, 'invalidTime'],
      [{ kind: 'once', effectiveTime: Date.now() }, 'effectiveTime'],
      [{ kind: 'clear_one' }, 'passwordId'],
      [{ kind: 'sometimes' }, 'kind'],
    ] as const) {
      expect(await failureOf(h.client.createOfflinePassword(D, fields as never))).toMatchObject({ kind: 'validation', field });
    }
    expect(h.mock.stats.requests).toBe(0);
  });

  it('a full hour slot fails with the mock-only exhaustion code; a lock without offline support answers 2004', async () => {
    const h = await startTuyaHarness({ offlineSlotBudget: 1, devices: { [D]: {}, other: { offlineCapable: false } } });
    await h.client.createOfflinePassword(D, { kind: 'once' });
    expect(await failureOf(h.client.createOfflinePassword(D, { kind: 'once' }))).toMatchObject({ kind: 'api', code: MOCK_OFFLINE_EXHAUSTED });
    expect(await failureOf(h.client.createOfflinePassword('other', { kind: 'once' }))).toMatchObject({ kind: 'api', code: 2004 });
  });
});

describe('dynamic code', () => {
  it('returns the code the lock computes for the current 5-minute bucket', async () => {
    const h = await startTuyaHarness();
    const before = h.mock.dynamicPassword(D).code;
    const { code } = await h.client.getDynamicPassword(D);
    // Read on both sides of the call: a bucket may end in between.
    expect([before, h.mock.dynamicPassword(D).code]).toContain(code);
    expect(code).toMatch(/^\d{8}$/);
  });
});
