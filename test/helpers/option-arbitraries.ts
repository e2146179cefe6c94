/**
 * fast-check generators for createCustomPasscode options with at least one bad field. Each case
 * says which fields it broke, so a test can predict the code: a shape error (11003, with the
 * description naming a broken field) wins over lockData that does not decode (10005).
 */
import fc from 'fast-check';
import type { VirtualLock } from '../../simulator';
import { lockLocalMs } from './ble-harness';

export type OptionField = 'passcode' | 'startDate' | 'endDate' | 'lockData' | 'disconnectCallback' | 'onProgress';

export interface InvalidCase {
  option: Record<string, unknown>;
  /** Fields given a value of the wrong shape (11003). */
  broken: OptionField[];
  /** lockData is a non-empty string that is not lockData (10005 when nothing else is broken). */
  undecodable: boolean;
  /** Call in the legacy positional form. */
  positional: boolean;
}

const notAString = fc.constantFrom<unknown>(1234, 0, null, undefined, {}, [], true, () => '1234');
const badPasscode = fc.oneof(
  notAString,
  fc.stringMatching(/^[0-9]{0,3}$/),
  fc.stringMatching(/^[0-9]{10,14}$/),
  fc.stringMatching(/^[0-9]{1,4}[^0-9][0-9]{1,4}$/),
  fc.constantFrom('１２３４', '12.34', '-1234', ' 1234', '1234 ', '٠١٢٣٤'),
);
const badDate = fc.constantFrom<unknown>(-1, -1700000000000, NaN, Infinity, -Infinity, 'abc', '', '12e3', '0x10', null, undefined, {}, [], true);
const badCallback = fc.constantFrom<unknown>('cb', 1, {}, [], true);
const undecodableLockData = fc.oneof(
  fc.base64String({ minLength: 4, maxLength: 200 }).filter((s) => s.trim() !== ''),
  fc.string({ minLength: 1, maxLength: 60 }).filter((s) => s.trim() !== ''),
  fc.constantFrom('{', '{}', '[]', '[{}]', '{"lockMac":"AA:BB"}', 'null'),
);

const VALID: unique symbol = Symbol('valid');
type Pick<T> = T | typeof VALID;
/** Each field is broken a third of the time, so single-field errors are common. */
const maybe = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<Pick<T>> =>
  fc.oneof({ weight: 2, arbitrary: fc.constant<Pick<T>>(VALID) }, { weight: 1, arbitrary: arb });

/** Broken-field cases built around a real lock's valid option. */
export function invalidOption(lock: VirtualLock): fc.Arbitrary<InvalidCase> {
  const offset = lock.timezoneRawOffset;
  const valid = {
    passcode: '975310',
    startDate: lockLocalMs(2032, 5, 1, 10, 0, offset),
    endDate: lockLocalMs(2032, 6, 1, 10, 0, offset),
    lockData: lock.lockData(),
  };
  const shapes = {
    passcode: maybe(badPasscode),
    startDate: maybe(badDate),
    endDate: maybe(badDate),
    disconnectCallback: maybe(badCallback),
    onProgress: maybe(badCallback),
  };
  return fc
    .record({
      ...shapes,
      lockData: maybe(fc.oneof(notAString, fc.constantFrom('', '   '), undecodableLockData)),
      reversed: fc.integer({ min: 0, max: 3 }).map((n) => n === 0),
      positional: fc.boolean(),
    })
    .map((pick) => {
      const option: Record<string, unknown> = { ...valid };
      const broken: OptionField[] = [];
      for (const field of Object.keys(shapes) as Array<keyof typeof shapes>) {
        if (pick[field] === VALID) continue;
        option[field] = pick[field];
        broken.push(field);
      }
      let undecodable = false;
      if (pick.lockData !== VALID) {
        option.lockData = pick.lockData;
        if (typeof pick.lockData === 'string' && pick.lockData.trim() !== '') undecodable = true;
        else broken.push('lockData');
      }
      if (pick.reversed && !broken.includes('startDate') && !broken.includes('endDate')) {
        // end not after start (and not the 0/0 permanent pair)
        option.endDate = option.startDate;
        broken.push('endDate');
      }
      const passcodeFirst = typeof option.passcode === 'string' || typeof option.passcode === 'number';
      const positional = pick.positional && !('onProgress' in option) && passcodeFirst;
      return { option, broken, undecodable, positional };
    })
    .filter((c) => c.broken.length > 0 || c.undecodable);
}

/** The argument list for createCustomPasscode in the form the case asks for. */
export function argumentsOf(c: InvalidCase): unknown[] {
  const o = c.option;
  return c.positional ? [o.passcode, o.startDate, o.endDate, o.lockData, o.disconnectCallback] : [o];
}
