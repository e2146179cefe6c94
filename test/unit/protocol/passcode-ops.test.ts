/**
 * COMM_MANAGE_KEYBOARD_PASSWORD's delete / modify / clear and COMM_PWD_LIST (lifecycle spec §2-§5):
 * request layouts as properties, list pages built here from random records and read back, and the
 * refusal each malformed reply gets.
 */
import fc from 'fast-check';
import { hex, toHex } from '../../helpers/vectors';
import { isLockError } from '../../../plugin/core/errors';
import {
  decodeListPage,
  decodeManagePasscodeReply,
  decodeReply,
  encodeClearPasscodes,
  encodeDeletePasscode,
  encodeListPasscodes,
  encodeModifyPasscode,
  fromLockTime,
  hasFeature,
  LIST_END,
  PWD_OPERATE_CLEAR,
  PWD_OPERATE_MODIFY,
  PWD_OPERATE_REMOVE_ONE,
  type ListedPasscode,
} from '../../../plugin/protocol';
import { thrown } from '../../helpers/thrown';

const reply = (h: string) => decodeReply(hex(h));
const ascii = (s: string) => Buffer.from(s, 'ascii').toString('hex');
const byte = (n: number) => n.toString(16).padStart(2, '0');

const code = fc.stringMatching(/^[0-9]{4,9}$/);
const lockTime = fc
  .record({ yy: fc.integer({ min: 0, max: 99 }), mo: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 28 }), h: fc.integer({ min: 0, max: 23 }), mi: fc.integer({ min: 0, max: 59 }) })
  .map(({ yy, mo, d, h, mi }) => Uint8Array.of(yy, mo, d, h, mi));

describe('hasFeature', () => {
  it('reads bit b of the hex bit-field as the number it writes (property)', () => {
    fc.assert(
      fc.property(fc.nat(0xffffffff), fc.integer({ min: 0, max: 40 }), fc.boolean(), (n, bit, upper) => {
        const text = upper ? n.toString(16).toUpperCase() : n.toString(16);
        expect(hasFeature(text, bit)).toBe(bit < 32 && Math.floor(n / 2 ** bit) % 2 === 1);
      }),
    );
  });

  it('is false for an empty bit-field', () => {
    expect(hasFeature('', 0)).toBe(false);
  });
});

describe('delete, modify and clear requests', () => {
  it('DELETE is [03][00][L][code ASCII] (property)', () => {
    fc.assert(
      fc.property(code, (passcode) => {
        expect(toHex(encodeDeletePasscode(passcode))).toBe(byte(PWD_OPERATE_REMOVE_ONE) + '00' + byte(passcode.length) + ascii(passcode));
      }),
    );
  });

  it('MODIFY is [05][00][Lo][original][Ln][new][start][end], each part optional as documented (property)', () => {
    fc.assert(
      fc.property(code, fc.option(code, { nil: undefined }), fc.option(fc.tuple(lockTime, lockTime), { nil: undefined }), (originalPasscode, passcode, window) => {
        const [start, end] = window ?? [undefined, undefined];
        const out = encodeModifyPasscode({ originalPasscode, passcode, start, end });
        const expected =
          byte(PWD_OPERATE_MODIFY) + '00' + byte(originalPasscode.length) + ascii(originalPasscode) +
          byte(passcode?.length ?? 0) + ascii(passcode ?? '') + (window ? toHex(window[0]) + toHex(window[1]) : '');
        expect(toHex(out)).toBe(expected);
      }),
    );
  });

  it('CLEAR is the single op byte 01', () => {
    expect(toHex(encodeClearPasscodes())).toBe(byte(PWD_OPERATE_CLEAR));
    expect(PWD_OPERATE_CLEAR).toBe(1);
  });

  it('names the code that is wrong, and says only its length', () => {
    expect(thrown(() => encodeDeletePasscode('123')).message).toBe('"passcode" expected 4..9 digits, got 3 characters');
    expect(thrown(() => encodeModifyPasscode({ originalPasscode: '12a45' })).message).toBe('"originalPasscode" expected 4..9 digits, got 5 characters');
    expect(thrown(() => encodeModifyPasscode({ originalPasscode: '1234', passcode: '1234567890' })).message).toBe(
      '"passcode" expected 4..9 digits, got 10 characters',
    );
    expect(thrown(() => encodeDeletePasscode(1234 as any))).toBeInstanceOf(TypeError);
    for (const bad of ['x1234', '1234x', '12345678901', '']) expect(thrown(() => encodeDeletePasscode(bad))).toBeInstanceOf(RangeError);
  });

  it('needs both window ends or neither, each five bytes', () => {
    const t = hex('1801010000');
    for (const window of [{ start: t }, { end: t }]) {
      const err = thrown(() => encodeModifyPasscode({ originalPasscode: '1234', ...window }));
      expect([err.constructor, err.message]).toEqual([TypeError, '"start" and "end" expected both or neither']);
    }
    expect(thrown(() => encodeModifyPasscode({ originalPasscode: '1234', start: hex('18010100'), end: t })).message).toContain('"start"');
    expect(thrown(() => encodeModifyPasscode({ originalPasscode: '1234', start: t, end: hex('180101000000') })).message).toContain('"end"');
  });
});

describe('0x03 replies for delete / modify / clear', () => {
  it('say which op they answer when it is not the one asked', () => {
    expect(thrown(() => decodeManagePasscodeReply(reply('03015a02'), 3)).message).toBe('0x03 reply is for op 2, expected op 3');
  });

  it('check the command before anything else: another command is PROTO_UNEXPECTED whatever its bytes', () => {
    const err = thrown(() => decodeManagePasscodeReply(reply('41015a02'), 3));
    expect([err.code, err.message]).toEqual(['PROTO_UNEXPECTED', 'reply echoes command 65, expected 3']);
  });

  it('need the battery byte', () => {
    const err = thrown(() => decodeManagePasscodeReply(reply('0301'), 5));
    expect([err.code, err.message]).toEqual(['PROTO_FRAME', '0x03 reply lacks the battery byte']);
  });
});

/** The wire form of one list record (§5.2), recLen set to `recLen`. */
function record(p: ListedPasscode, recLen: number): string {
  const t = (f: { year: number; month: number; day: number; hour: number; minute: number }) =>
    [f.year - 2000, f.month, f.day, f.hour, f.minute].map(byte).join('');
  let out = byte(recLen) + byte(p.type) + byte(p.passcode.length) + ascii(p.passcode) + byte(p.originalPasscode.length) + ascii(p.originalPasscode) + t(p.start);
  if (p.end) out += t(p.end);
  if (p.cycleType !== undefined) out += byte(p.cycleType >> 8) + byte(p.cycleType & 0xff);
  return out;
}

const listed: fc.Arbitrary<ListedPasscode> = fc
  .tuple(fc.integer({ min: 1, max: 4 }), code, code, lockTime, lockTime, fc.nat(0xffff))
  .map(([type, passcode, originalPasscode, start, end, cycle]) => {
    const p: ListedPasscode = { type, passcode, originalPasscode, start: fromLockTime(start) };
    if (type === 2 || type === 3) p.end = fromLockTime(end);
    if (type === 4) p.cycleType = cycle;
    return p;
  });

describe('passcode list pages', () => {
  it('reads back any page of records of the four types, whatever recLen says (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(listed, fc.nat(255)), { minLength: 1, maxLength: 6 }), fc.nat(0xffff), (records, next) => {
        const body = records.map(([p, recLen]) => record(p, recLen)).join('');
        const page = decodeListPage(reply('0701' + '0001' + byte(next >> 8) + byte(next & 0xff) + body));
        expect(page).toEqual({ passcodes: records.map(([p]) => p), next });
      }),
    );
  });

  it('reads a page with totalLen 00 00 as the empty list whatever follows', () => {
    expect(decodeListPage(reply('070100000005'))).toEqual({ passcodes: [], next: LIST_END });
    expect(decodeListPage(reply('07010001ffff'))).toEqual({ passcodes: [], next: LIST_END });
    expect(decodeListPage(reply('07010100ffff'))).toEqual({ passcodes: [], next: LIST_END });
    // only both zero bytes mean "empty list": 01 00 and 00 01 are a (record-less) page with its next
    expect(decodeListPage(reply('070101000005'))).toEqual({ passcodes: [], next: 5 });
    expect(decodeListPage(reply('070100010005'))).toEqual({ passcodes: [], next: 5 });
  });

  it.each([
    ['070100', 'passcode list page has 1 bytes, expected at least 2'],
    ['0701', 'passcode list page has 0 bytes, expected at least 2'],
    ['07010001', 'passcode list page lacks the next-sequence field'],
    ['0701000100', 'passcode list page lacks the next-sequence field'],
    ['070100010007' + '0005', 'passcode list page is cut short in record 1'],
    ['070100010007' + '0001' + '04' + ascii('1234') + '04' + ascii('1234') + '1801010000' + '0003', 'passcode list page is cut short in record 2'],
    ['070100010007' + '0001' + '04' + ascii('1234') + '04' + ascii('1234') + '18010100', 'passcode list page is cut short in record 1'],
    ['070100010007' + '0005' + '04' + ascii('1234') + '04' + ascii('1234') + '1801010000', 'passcode list page has unknown record type 5'],
    ['070100010007' + '0000' + '04' + ascii('1234') + '04' + ascii('1234') + '1801010000', 'passcode list page has unknown record type 0'],
  ])('refuses %s: "%s"', (h, message) => {
    const err = thrown(() => decodeListPage(reply(h)));
    expect(isLockError(err) && [err.code, err.message]).toEqual(['PROTO_FRAME', message]);
  });

  it('a cyclic record needs both cycle bytes, a period record its end time', () => {
    const head = '070100010007';
    const strings = '04' + ascii('1234') + '04' + ascii('1234') + '1801010000';
    expect(thrown(() => decodeListPage(reply(head + '0004' + strings + '01'))).message).toBe('passcode list page is cut short in record 1');
    expect(thrown(() => decodeListPage(reply(head + '0003' + strings + '18010100'))).message).toBe('passcode list page is cut short in record 1');
  });

  it('asks for the sequence as u16 big-endian, 0 to 0xFFFE', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xfffe }), (sequence) => {
        expect(Buffer.from(encodeListPasscodes(sequence)).readUInt16BE(0)).toBe(sequence);
        expect(encodeListPasscodes(sequence).length).toBe(2);
      }),
    );
    expect(thrown(() => encodeListPasscodes(-1)).message).toContain('"sequence"');
  });
});
