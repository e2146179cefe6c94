/**
 * The lock clock and the eKey handshake (lifecycle spec §1.5, §6) and resetPasscode's table and new
 * lockData (§7) at their edges: calendar limits, reply lengths, bounds, the field each error names.
 * The vectors pin the ordinary cases (lifecycle-vectors.test.ts); these pin the boundaries.
 */
import { createDecipheriv } from 'node:crypto';
import fc from 'fast-check';
import { hex, loadVectors, toHex } from '../../helpers/vectors';
import { isLockError } from '../../../plugin/core/errors';
import {
  decodeCheckUserTimeReply,
  decodeInitPasswordsReply,
  decodeLockData,
  decodeLockTimeReply,
  decodeReply,
  decodeTimeCalibrateReply,
  encodeCheckUserTime,
  encodeGetLockTime,
  encodeInitPasswords,
  encodePwdInfo,
  encodeTimeCalibrate,
  firstResetYear,
  fromLockTime,
  lockDataWithResetTable,
  lockTimeToEpochMs,
  makeResetTable,
  openOfficialLockData,
  packCodeAndKey,
  readLockClock,
  sealOfficialLockData,
  toLockTime,
  type ResetTable,
} from '../../../plugin/protocol';
import { thrown } from '../../helpers/thrown';

const reply = (h: string) => decodeReply(hex(h));

const HOUR = 3_600_000;

describe('the lock clock', () => {
  it('TIME_CALIBRATE carries the lock-local wall clock to the second', () => {
    // 2024-02-29 23:59:58 UTC at UTC+8 is 1 March 07:59:58 on the lock.
    expect(toHex(encodeTimeCalibrate(Date.UTC(2024, 1, 29, 23, 59, 58, 999), 8 * HOUR))).toBe('180301073b3a');
    expect(toHex(encodeTimeCalibrate(Date.UTC(2024, 0, 1, 0, 0, 5), -5 * HOUR))).toBe('170c1f130005');
  });

  it('GET_LOCK_TIME sends nothing', () => {
    expect(encodeGetLockTime().length).toBe(0);
  });

  it('reads the calendar limits and refuses one past each', () => {
    expect(readLockClock(hex('630c1f173b3b'), 0).fields).toEqual({ year: 2099, month: 12, day: 31, hour: 23, minute: 59, second: 59 });
    expect(readLockClock(hex('18021d000000'), 0).fields).toEqual({ year: 2024, month: 2, day: 29, hour: 0, minute: 0, second: 0 });
    expect(readLockClock(hex('000101000000'), 0).epochMs).toBe(Date.UTC(2000, 0, 1));
    for (const h of ['640101000000', '17021d000000', '180001000000', '180d01000000', '180100000000', '180120000000', '180101180000', '1801010c3c00', '1801010c003c']) {
      const err = thrown(() => readLockClock(hex(h), 0));
      expect([h, isLockError(err) && err.code, err.message]).toEqual([h, 'PROTO_FRAME', 'lock clock has an impossible date or time']);
    }
  });

  it('turns the wall clock into an instant through the lock zone', () => {
    const reading = readLockClock(hex('180601080000'), 8 * HOUR);
    expect(reading.epochMs).toBe(Date.UTC(2024, 5, 1, 0, 0, 0));
    expect(readLockClock(hex('180601080000'), -2 * HOUR).epochMs).toBe(Date.UTC(2024, 5, 1, 10, 0, 0));
  });

  it('GET_LOCK_TIME reply: six clock bytes, extra bytes ignored, fewer refused', () => {
    expect(decodeLockTimeReply(reply('3401180601080000'), 0).fields.hour).toBe(8);
    expect(decodeLockTimeReply(reply('3401180601080000ffff'), 0).fields.minute).toBe(0);
    const err = thrown(() => decodeLockTimeReply(reply('34011806010800'), 0));
    expect([err.code, err.message]).toEqual(['PROTO_FRAME', 'GET_LOCK_TIME reply too short']);
    expect(thrown(() => decodeLockTimeReply(reply('4301180601080000'), 0)).code).toBe('PROTO_UNEXPECTED');
    expect(thrown(() => decodeLockTimeReply(reply('340002'), 0)).remoteCode).toBe(2);
  });

  it('TIME_CALIBRATE reply: [43][01], refusals passed on', () => {
    expect(() => decodeTimeCalibrateReply(reply('4301'))).not.toThrow();
    expect(thrown(() => decodeTimeCalibrateReply(reply('3401'))).code).toBe('PROTO_UNEXPECTED');
    expect(thrown(() => decodeTimeCalibrateReply(reply('430005'))).remoteCode).toBe(5);
  });

  it('lockTimeToEpochMs inverts toLockTime to the minute (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 2), max: Date.UTC(2099, 11, 30) }), fc.integer({ min: -12, max: 14 }), (ms, hours) => {
        const tz = hours * HOUR;
        expect(lockTimeToEpochMs(fromLockTime(toLockTime(ms, tz)), tz)).toBe(Math.floor(ms / 60000) * 60000);
      }),
    );
  });
});

describe('CHECK_USER_TIME', () => {
  it('is start, end, lockFlagPos in 3 bytes and uid in 4, big-endian (property)', () => {
    const t = fc.uint8Array({ minLength: 5, maxLength: 5 });
    fc.assert(
      fc.property(t, t, fc.nat(0xffffff), fc.nat(0xffffffff), (start, end, lockFlagPos, uid) => {
        const out = Buffer.from(encodeCheckUserTime({ start, end, lockFlagPos, uid }));
        expect(out.length).toBe(17);
        expect([toHex(out.subarray(0, 5)), toHex(out.subarray(5, 10)), out.readUIntBE(10, 3), out.readUInt32BE(13)]).toEqual([
          toHex(start),
          toHex(end),
          lockFlagPos,
          uid,
        ]);
      }),
    );
  });

  it('names the argument that is wrong', () => {
    const t = new Uint8Array(5);
    const ok = { start: t, end: t, lockFlagPos: 0, uid: 0 };
    expect(thrown(() => encodeCheckUserTime({ ...ok, start: new Uint8Array(4) })).message).toContain('"start"');
    expect(thrown(() => encodeCheckUserTime({ ...ok, end: new Uint8Array(6) })).message).toContain('"end"');
    expect(thrown(() => encodeCheckUserTime({ ...ok, lockFlagPos: 0x1000000 })).message).toContain('"lockFlagPos"');
    expect(thrown(() => encodeCheckUserTime({ ...ok, uid: 2 ** 32 })).message).toContain('"uid"');
  });

  it('reply: psFromLock u32 from exactly four data bytes; fewer refused', () => {
    expect(decodeCheckUserTimeReply(reply('5501fffffffe'))).toBe(0xfffffffe);
    const err = thrown(() => decodeCheckUserTimeReply(reply('5501ffffff')));
    expect([err.code, err.message]).toEqual(['PROTO_FRAME', 'CHECK_USER_TIME reply too short']);
    expect(thrown(() => decodeCheckUserTimeReply(reply('4101fffffffe'))).code).toBe('PROTO_UNEXPECTED');
  });
});

describe('the reset table', () => {
  const entry = (code: number) => ({ code, secretKey: '0123456789' });
  const table = (firstYear: number): ResetTable => ({ firstYear, entries: Array.from({ length: 10 }, (_, i) => entry(i)) });

  it('packs code in the top 12 bits and the key in the low 36 (property)', () => {
    fc.assert(
      fc.property(fc.nat(0xfff), fc.stringMatching(/^[0-9]{10}$/), (code, secretKey) => {
        const value = Buffer.from(packCodeAndKey({ code, secretKey })).readUIntBE(0, 6);
        expect(value).toBe(code * 2 ** 36 + Number(secretKey));
      }),
    );
  });

  it('refuses a code over 12 bits and a key that is not ten digits, naming them', () => {
    expect(thrown(() => packCodeAndKey({ code: 0x1000, secretKey: '0123456789' })).message).toContain('"code"');
    for (const secretKey of ['123456789', '01234567890', '012345678a', 'a0123456789', '0123456789a']) {
      expect(thrown(() => packCodeAndKey({ code: 1, secretKey })).message).toMatch(/^"secretKey" expected 10 digits/);
    }
  });

  it('INIT_PASSWORDS is the year mod 100 and ten packed entries, for 2000 to 2099', () => {
    for (const year of [2000, 2026, 2099]) {
      const out = encodeInitPasswords(table(year));
      expect(out.length).toBe(61);
      expect(out[0]).toBe(year % 100);
      expect(toHex(out.subarray(55))).toBe(toHex(packCodeAndKey(entry(9))));
    }
    expect(thrown(() => encodeInitPasswords(table(1999))).message).toContain('"firstYear"');
    expect(thrown(() => encodeInitPasswords(table(2100))).message).toContain('"firstYear"');
  });

  it('needs exactly ten entries and says how many came', () => {
    for (const n of [9, 11]) {
      const t = { firstYear: 2026, entries: Array.from({ length: n }, (_, i) => entry(i)) };
      expect(thrown(() => encodeInitPasswords(t)).message).toBe(`"entries" expected length 10, got ${n}`);
    }
  });

  it('INIT_PASSWORDS reply: [31][01], a refusal carries the lock code', () => {
    expect(() => decodeInitPasswordsReply(reply('3101'))).not.toThrow();
    expect(thrown(() => decodeInitPasswordsReply(reply('31000b'))).remoteCode).toBe(0x0b);
    expect(thrown(() => decodeInitPasswordsReply(reply('0301'))).code).toBe('PROTO_UNEXPECTED');
  });

  it('makeResetTable asks for codes below 1071, skips repeats, and shuffles with indices it may use', () => {
    const asked: number[] = [];
    const codes = [5, 5, 7, 5, 1, 2, 3, 4, 6, 8, 9, 10];
    let c = 0;
    const randomBelow = (n: number) => {
      asked.push(n);
      if (n === 1071) return codes[c++];
      return n - 1; // the largest allowed index: every swap is the identity
    };
    const t = makeResetTable(2030, randomBelow);
    expect(t.firstYear).toBe(2030);
    expect(t.entries.map((e) => e.code)).toEqual([5, 7, 1, 2, 3, 4, 6, 8, 9, 10]);
    expect(t.entries.every((e) => e.secretKey === '0123456789')).toBe(true);
    expect(asked.every((n) => n >= 1)).toBe(true);
  });

  it('makeResetTable can reach every digit at every place (property)', () => {
    fc.assert(
      fc.property(fc.infiniteStream(fc.nat()), (stream) => {
        const it = stream[Symbol.iterator]();
        const t = makeResetTable(2030, (n) => it.next().value % n);
        for (const e of t.entries) expect([...e.secretKey].sort().join('')).toBe('0123456789');
        expect(new Set(t.entries.map((e) => e.code)).size).toBe(10);
      }),
      { numRuns: 50 },
    );
    const places = new Set<string>();
    let seed = 1;
    const random = (n: number) => ((seed = (seed * 48271) % 2147483647), seed % n);
    for (let i = 0; i < 40; i++) for (const e of makeResetTable(2030, random).entries) places.add(e.secretKey[0] + e.secretKey[9]);
    expect(places.size).toBeGreaterThan(60); // first and last digits vary, so both ends of the shuffle move
  });

  it('firstResetYear: the year before on 1 January only (UTC fields of the phone-local instant)', () => {
    expect(firstResetYear(Date.UTC(2026, 0, 1, 0, 0))).toBe(2025);
    expect(firstResetYear(Date.UTC(2025, 11, 31, 23, 59))).toBe(2025);
    expect(firstResetYear(Date.UTC(2026, 1, 1))).toBe(2026);
    expect(firstResetYear(Date.UTC(2026, 0, 2))).toBe(2026);
  });
});

describe('pwdInfo and the new lockData', () => {
  const file = loadVectors('ttlock-lifecycle');
  const official: string = file.meta.fixed_inputs.lockData_string_official_encode;
  const t: ResetTable = { firstYear: 2026, entries: Array.from({ length: 10 }, (_, i) => ({ code: 1000 + i, secretKey: '9876543210' })) };

  it('pwdInfo decrypts, with the timestamp padded to 16 ASCII characters as key, to the Gson JSON of the table', () => {
    const timestamp = 1717216496123;
    const key = Buffer.from(String(timestamp).padEnd(16, '0'), 'ascii');
    const decipher = createDecipheriv('aes-128-cbc', key, key);
    const text = Buffer.concat([decipher.update(Buffer.from(encodePwdInfo(t, timestamp), 'base64')), decipher.final()]).toString('utf8');
    expect(JSON.parse(text)).toEqual(t.entries.map((e, i) => ({ year: 2026 + i, code: e.code, secretKey: e.secretKey, deleteDate: 0 })));
    expect(thrown(() => encodePwdInfo(t, -1)).message).toContain('"timestamp"');
  });

  it('places pwdInfo right before timestamp, replacing both, in the official string and in its plain JSON', () => {
    const json = JSON.parse(openOfficialLockData(official).json);
    for (const input of [official, JSON.stringify(json), `  ${official}\n`]) {
      const out = JSON.parse(openOfficialLockData(lockDataWithResetTable(input, 'P', 42)).json);
      const keys = Object.keys(out);
      expect(keys.indexOf('timestamp') - keys.indexOf('pwdInfo')).toBe(1);
      expect([out.pwdInfo, out.timestamp]).toEqual(['P', 42]);
      expect(keys.filter((k) => k === 'pwdInfo').length).toBe(1);
      expect(decodeLockData(lockDataWithResetTable(input, 'P', 42)).lockMac).toBe(json.lockMac);
    }
  });

  it('without a timestamp, puts both right after lockFlagPos, or at the end without lockFlagPos', () => {
    const json = JSON.parse(openOfficialLockData(official).json);
    delete json.timestamp;
    delete json.pwdInfo;
    let keys = Object.keys(JSON.parse(openOfficialLockData(lockDataWithResetTable(JSON.stringify(json), 'P', 1)).json));
    expect(keys.slice(keys.indexOf('lockFlagPos'), keys.indexOf('lockFlagPos') + 3)).toEqual(['lockFlagPos', 'pwdInfo', 'timestamp']);
    delete json.lockFlagPos;
    keys = Object.keys(JSON.parse(openOfficialLockData(lockDataWithResetTable(JSON.stringify(json), 'P', 1)).json));
    expect(keys.slice(-2)).toEqual(['pwdInfo', 'timestamp']);
  });

  it("writes <, >, &, = and ' as Gson does (\\u00XX), and nothing else escaped", () => {
    const json = JSON.parse(openOfficialLockData(official).json);
    const out = openOfficialLockData(lockDataWithResetTable(JSON.stringify({ ...json, lockName: "a<b>c&d=e'f\"g" }), 'x=y', 1)).json;
    expect(out).toContain('"lockName":"a\\u003cb\\u003ec\\u0026d\\u003de\\u0027f\\"g"');
    expect(out).toContain('"pwdInfo":"x\\u003dy"');
    expect(JSON.parse(out).lockName).toBe("a<b>c&d=e'f\"g");
  });

  it("refuses ttlock-sdk-js's shape and a payload that is not a JSON object", () => {
    const s1 = JSON.stringify({ address: 'AA:BB:CC:DD:EE:FF', privateData: { aesKey: '00112233445566778899aabbccddeeff', admin: { adminPs: 1, unlockKey: 2 } } });
    const err = thrown(() => lockDataWithResetTable(s1, 'P', 1));
    expect([err.code, err.message]).toEqual(['LOCKDATA_INVALID', 'lockData: not the official shape']);
  });
});

describe('survivors of the unit-only mutation run', () => {
  const file = loadVectors('ttlock-lifecycle');
  const official: string = file.meta.fixed_inputs.lockData_string_official_encode;
  const opened = openOfficialLockData(official);
  const seal = (json: string) => sealOfficialLockData(json, opened.macText);

  it('keeps pwdInfo right before timestamp wherever the old ones stood (first, last)', () => {
    const { pwdInfo: _p, timestamp: _t, ...rest } = JSON.parse(opened.json);
    for (const source of [{ timestamp: 1, pwdInfo: 'old', ...rest }, { pwdInfo: 'old', ...rest, timestamp: 1 }]) {
      const keys = Object.keys(JSON.parse(openOfficialLockData(lockDataWithResetTable(seal(JSON.stringify(source)), 'P', 2)).json));
      const expected = Object.keys(source).filter((k) => k !== 'pwdInfo');
      expected.splice(expected.indexOf('timestamp'), 0, 'pwdInfo');
      expect(keys).toEqual(expected);
    }
  });

  it('refuses an official string whose payload is not JSON, or JSON that is not an object', () => {
    const e1 = thrown(() => lockDataWithResetTable(seal('not json'), 'P', 1));
    expect([e1.code, e1.message]).toEqual(['LOCKDATA_INVALID', 'lockData: decrypted payload is not valid JSON']);
    for (const json of ['[1]', 'null', '5', '"x"']) {
      const e = thrown(() => lockDataWithResetTable(seal(json), 'P', 1));
      expect([json, e.code, e.message]).toEqual([json, 'LOCKDATA_INVALID', 'lockData: not the official shape']);
    }
  });

  it('names "secretKey" when it is not a string, and "bytes" for a clock of the wrong size', () => {
    expect(thrown(() => packCodeAndKey({ code: 1, secretKey: 123 as any })).message).toContain('"secretKey"');
    expect(thrown(() => readLockClock(new Uint8Array(5), 0)).message).toContain('"bytes"');
  });
});
