/**
 * The lifecycle rules on their own (pure, shared by the client and the relay): modify, list options, and
 * the offline plan with Tuya's hour rounding and 6 h / 24 h rules, checked against the worked examples of
 * tuya-password-lifecycle.md §9.1 (now 2021-01-23 22:11:12 UTC).
 */
import {
  HOUR_MS,
  OfflinePlan,
  checkListOptions,
  checkModifyFields,
  checkOfflinePasswordFields,
  isRuleViolation,
  planOfflinePassword,
} from '../../../plugin/tuya/password-lifecycle-rules';

const NOW = Date.UTC(2021, 0, 23, 22, 11, 12);
const plan = (input: unknown): OfflinePlan => {
  const p = planOfflinePassword(input, NOW);
  if (isRuleViolation(p)) throw new Error(p.message);
  return p;
};

describe('offline plan', () => {
  it('once: floor(now) to floor(now) + 6 h, as in the doc example', () => {
    expect(plan({ kind: 'once' })).toMatchObject({ effectiveTime: Date.UTC(2021, 0, 23, 22), invalidTime: Date.UTC(2021, 0, 24, 4) });
    expect(plan({ kind: 'once' }).guestNotes[0]).toMatch(/once.*2021-01-23T22:00Z.*2021-01-24T04:00Z/);
  });

  it('clear_all: floor(now) to floor(now) + 24 h', () => {
    expect(plan({ kind: 'clear_all' })).toMatchObject({ effectiveTime: Date.UTC(2021, 0, 23, 22), invalidTime: Date.UTC(2021, 0, 24, 22) });
  });

  it('multiple: both times rounded down to the hour, and the guest is told so', () => {
    const p = plan({ kind: 'multiple', effectiveTime: Date.UTC(2021, 0, 27, 15, 11, 12), invalidTime: Date.UTC(2021, 0, 28, 11, 30) });
    expect(p).toMatchObject({ effectiveTime: Date.UTC(2021, 0, 27, 15), invalidTime: Date.UTC(2021, 0, 28, 11) });
    const notes = p.guestNotes.join(' ');
    expect(notes).toMatch(/rounds offline codes down to the hour/);
    expect(notes).toMatch(/at least once within 24 h/);
    // Starts more than 24 h ahead: the "24 h from issue" reading would kill it before arrival.
    expect(notes).toMatch(/dead on arrival/);
  });

  it('multiple starting within the day, on the hour: no rounding note, no dead-on-arrival warning', () => {
    const notes = plan({ kind: 'multiple', effectiveTime: Date.UTC(2021, 0, 24, 10), invalidTime: Date.UTC(2021, 0, 25, 10) }).guestNotes.join(' ');
    expect(notes).not.toMatch(/rounds|dead on arrival/);
  });

  it('a window that started in the past is allowed; one that has ended, or ends once rounded, is not', () => {
    expect(plan({ kind: 'multiple', effectiveTime: NOW - 5 * HOUR_MS, invalidTime: NOW + 2 * HOUR_MS }).effectiveTime).toBe(Date.UTC(2021, 0, 23, 17));
    expect(checkOfflinePasswordFields({ kind: 'multiple', effectiveTime: NOW - 5 * HOUR_MS, invalidTime: NOW - HOUR_MS }, NOW)).toMatchObject({ field: 'invalidTime' });
    // 22:30 rounds down to 22:00, which is before now (22:11): already over.
    expect(checkOfflinePasswordFields({ kind: 'multiple', effectiveTime: NOW - 5 * HOUR_MS, invalidTime: Date.UTC(2021, 0, 23, 22, 30) }, NOW)).toMatchObject({ field: 'invalidTime', message: expect.stringMatching(/already ended/) });
  });

  it.each([
    ['an unknown kind', { kind: 'twice' }, 'kind'],
    ['times on once', { kind: 'once', effectiveTime: NOW }, 'effectiveTime'],
    ['times on clear_all', { kind: 'clear_all', invalidTime: NOW + HOUR_MS }, 'invalidTime'],
    ['multiple without times', { kind: 'multiple' }, 'effectiveTime'],
    ['multiple in seconds', { kind: 'multiple', effectiveTime: NOW / 1000, invalidTime: NOW / 1000 + 7200 }, 'effectiveTime'],
    ['less than an hour once rounded', { kind: 'multiple', effectiveTime: Date.UTC(2021, 0, 24, 10, 5), invalidTime: Date.UTC(2021, 0, 24, 10, 55) }, 'invalidTime'],
    ['clear_one without passwordId', { kind: 'clear_one' }, 'passwordId'],
    ['a passwordId with a slash', { kind: 'clear_one', passwordId: 'a/b' }, 'passwordId'],
    ['passwordId on once', { kind: 'once', passwordId: '12' }, 'passwordId'],
    ['a name with a newline', { kind: 'once', name: 'a\nb' }, 'name'],
    ['not an object', 'once', 'options'],
  ])('refuses %s (field %s)', (_label, input, field) => {
    expect(checkOfflinePasswordFields(input, NOW)).toMatchObject({ field });
  });

  it('clear_one without times leaves the window to Tuya', () => {
    expect(plan({ kind: 'clear_one', passwordId: '88000001' })).toEqual({ kind: 'clear_one', guestNotes: [expect.stringMatching(/24 h/)] });
  });
});

describe('modify and list options', () => {
  const base = { password: '1234567', effectiveTime: NOW, invalidTime: NOW + HOUR_MS };
  it('modify takes the create rules plus a name', () => {
    expect(checkModifyFields(base, undefined, NOW)).toBeNull();
    expect(checkModifyFields({ ...base, name: 'Room 12' }, undefined, NOW)).toBeNull();
    expect(checkModifyFields({ ...base, name: 5 }, undefined, NOW)).toMatchObject({ field: 'name' });
    expect(checkModifyFields({ ...base, password: '12' }, undefined, NOW)).toMatchObject({ field: 'password' });
    expect(checkModifyFields({ ...base, invalidTime: NOW - 1000, effectiveTime: NOW - HOUR_MS }, undefined, NOW)).toMatchObject({ field: 'invalidTime' });
    expect(checkModifyFields(null)).toMatchObject({ field: 'options' });
  });

  it('list options: only a boolean valid', () => {
    expect(checkListOptions(undefined)).toBeNull();
    expect(checkListOptions({ valid: false })).toBeNull();
    expect(checkListOptions({ valid: 'true' })).toMatchObject({ field: 'valid' });
    expect(checkListOptions([])).toMatchObject({ field: 'options' });
  });
});
