/**
 * The lifecycle command modules beyond their vectors: edge cases of each encoder and decoder, and
 * property tests that decoders given random bytes fail only with the typed LockError.
 */
import fc from 'fast-check';
import { isLockError } from '../../../plugin/core/errors';
import { base64Encode, utf8Encode } from '../../../plugin/core/bytes';
import {
  decodeListPage,
  decodeLockTimeReply,
  decodeManagePasscodeReply,
  decodeReply,
  encodeDeletePasscode,
  encodeListPasscodes,
  encodeModifyPasscode,
  encodeTimeCalibrate,
  firstResetYear,
  hasFeature,
  LIST_END,
  makeResetTable,
  readLockClock,
} from '../../../plugin/protocol';
import { hex, toHex } from '../../helpers/vectors';

const reply = (h: string) => decodeReply(hex(h));

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  return undefined;
}

describe('passcode list pages', () => {
  it('reads an empty list with or without the next field', () => {
    expect(decodeListPage(reply('07010000'))).toEqual({ passcodes: [], next: LIST_END });
    expect(decodeListPage(reply('07010000ffff'))).toEqual({ passcodes: [], next: LIST_END });
  });

  it('reads a permanent and a cyclic record and the next sequence', () => {
    const page = decodeListPage(reply('0701002a0007' + '140104313131310431313131' + '1801010000' + '1504043232323204323232321803040800' + '0102'));
    expect(page.next).toBe(7);
    expect(page.passcodes).toEqual([
      { type: 1, passcode: '1111', originalPasscode: '1111', start: { year: 2024, month: 1, day: 1, hour: 0, minute: 0 } },
      { type: 4, passcode: '2222', originalPasscode: '2222', start: { year: 2024, month: 3, day: 4, hour: 8, minute: 0 }, cycleType: 0x0102 },
    ]);
  });

  it.each([
    ['a truncated record', '0701001affff19030631323334353606313233343536'],
    ['an unknown record type', '07010010ffff0f0904313131310431313131180101'],
    ['a page without the next field', '070100'],
    ['a status without data', '0701'],
  ])('refuses %s with PROTO_FRAME', (_name, h) => {
    const err = thrown(() => decodeListPage(reply(h)));
    expect(isLockError(err) && err.code).toBe('PROTO_FRAME');
  });

  it('passes a list failure on as the lock code, three or four bytes long', () => {
    for (const h of ['070002', '07000207']) {
      const err = thrown(() => decodeListPage(reply(h)));
      expect(isLockError(err) && [err.code, err.remoteCode]).toEqual(['LOCK_REPORTED', 2]);
    }
  });

  it('never throws anything but a LockError on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 140 }), fc.boolean(), (bytes, asList) => {
        const plaintext = asList && bytes.length >= 2 ? Uint8Array.from([0x07, 0x01, ...bytes]) : bytes;
        try {
          const page = decodeListPage(decodeReply(plaintext));
          expect(page.next).toBeLessThanOrEqual(0xffff);
        } catch (err) {
          expect(isLockError(err)).toBe(true);
          expect(['PROTO_FRAME', 'PROTO_UNEXPECTED', 'LOCK_REPORTED']).toContain((err as { code: string }).code);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('encodes the sequence big-endian and refuses the end marker as a request', () => {
    expect(toHex(encodeListPasscodes(0x0103))).toBe('0103');
    expect(() => encodeListPasscodes(LIST_END)).toThrow(RangeError);
  });
});

describe('0x03 replies', () => {
  it('reads the battery of a success with or without the op byte', () => {
    expect(decodeManagePasscodeReply(reply('03015a03'), 3)).toEqual({ battery: 90 });
    expect(decodeManagePasscodeReply(reply('03014b'), 3)).toEqual({ battery: 75 });
  });

  it('takes the lock code from a four- or three-byte failure', () => {
    for (const h of ['03001505', '030015']) {
      const err = thrown(() => decodeManagePasscodeReply(reply(h), 5));
      expect(isLockError(err) && [err.code, err.remoteCode]).toEqual(['LOCK_REPORTED', 21]);
    }
  });

  it('refuses a reply for another op or another command', () => {
    for (const h of ['03015a02', '03001402', '41019a3b2c1d']) {
      const err = thrown(() => decodeManagePasscodeReply(reply(h), 3));
      expect(isLockError(err) && err.code).toBe('PROTO_UNEXPECTED');
    }
  });

  it('never throws anything but a LockError on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 2, maxLength: 8 }), fc.integer({ min: 0, max: 255 }), (bytes, op) => {
        const err = thrown(() => decodeManagePasscodeReply(decodeReply(bytes), op));
        expect(err === undefined || isLockError(err)).toBe(true);
      }),
    );
  });
});

describe('delete and modify requests', () => {
  it('refuses codes that are not 4 to 9 digits without echoing them', () => {
    for (const bad of ['123', '1234567890', '12a4']) {
      const err = thrown(() => encodeDeletePasscode(bad)) as Error;
      expect(err).toBeInstanceOf(RangeError);
      expect(err.message).not.toContain(bad);
    }
  });

  it('needs both window ends or neither', () => {
    expect(() => encodeModifyPasscode({ originalPasscode: '1234', start: hex('1801010000') })).toThrow(TypeError);
  });

  it('keeps value and window when given neither', () => {
    expect(toHex(encodeModifyPasscode({ originalPasscode: '1234' }))).toBe('0500043132333400');
  });
});

describe('lock clock', () => {
  it('round-trips every second through the six clock bytes', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2099, 11, 31) }), fc.integer({ min: -12, max: 14 }), (ms, hours) => {
        const tz = hours * 3_600_000;
        const exact = Math.floor(ms / 1000) * 1000 - tz;
        const reading = readLockClock(encodeTimeCalibrate(exact, tz), tz);
        expect(reading.epochMs).toBe(exact);
      }),
    );
  });

  it.each(['180231000000', '180d01000000', '1806011800000', '18060100003c'])('refuses the impossible clock %s', (h) => {
    const bytes = hex(h.slice(0, 12));
    const err = thrown(() => readLockClock(bytes, 0));
    expect(isLockError(err) && err.code).toBe('PROTO_FRAME');
  });

  it('refuses a short GET_LOCK_TIME reply', () => {
    const err = thrown(() => decodeLockTimeReply(reply('34011806010c22'), 0));
    expect(isLockError(err) && err.code).toBe('PROTO_FRAME');
  });
});

describe('reset table and helpers', () => {
  it('makes ten distinct codes below 1071 and digit permutations', () => {
    let seed = 7;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const table = makeResetTable(2026, random);
    expect(new Set(table.entries.map((e) => e.code)).size).toBe(10);
    for (const e of table.entries) {
      expect(e.code).toBeLessThan(1071);
      expect([...e.secretKey].sort().join('')).toBe('0123456789');
    }
  });

  it('starts the table a year earlier on 1 January only', () => {
    expect(firstResetYear(Date.UTC(2026, 0, 1, 23, 59))).toBe(2025);
    expect(firstResetYear(Date.UTC(2026, 0, 2))).toBe(2026);
    expect(firstResetYear(Date.UTC(2026, 11, 31))).toBe(2026);
  });

  it('reads feature bits from the hex string', () => {
    expect(hasFeature('81', 7)).toBe(true);
    expect(hasFeature('81', 0)).toBe(true);
    expect(hasFeature('81', 1)).toBe(false);
    expect(hasFeature('80', 8)).toBe(false);
    expect(hasFeature('100', 8)).toBe(true);
  });

  it('encodes Base64 and UTF-8 as Node does', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 20 }), (bytes, text) => {
        expect(base64Encode(bytes)).toBe(Buffer.from(bytes).toString('base64'));
        expect(toHex(utf8Encode(text))).toBe(Buffer.from(text, 'utf8').toString('hex'));
      }),
    );
  });
});
