/**
 * The virtual lock's lifecycle commands (lifecycle spec §10), spoken to one connection at a time
 * through LockSession (framed, encrypted requests in; reply plaintexts out), with the plugin's
 * encoders and decoders on the other side so the two halves are checked against each other.
 */
import {
  crc8,
  decodeListPage,
  decodeReply,
  DEFAULT_HEADER,
  encodeCheckAdmin,
  encodeCheckRandom,
  encodeCheckUserTime,
  encodeDeletePasscode,
  encodeFrame,
  encodeInitPasswords,
  encodeListPasscodes,
  encodeModifyPasscode,
  encodeTimeCalibrate,
  LIST_END,
  makeResetTable,
  PERMANENT_END_MS,
  PERMANENT_START_MS,
  readLockClock,
  splitForWrite,
  toLockTime,
  type ListedPasscode,
  type Reply,
} from '../../../plugin/protocol';
import { aesCbcEncrypt } from '../../../plugin/protocol/aes';
import { createVirtualLock, type VirtualLock, type VirtualLockOptions } from '../../../simulator';
import type { LockSession } from '../../../simulator/gatt-profile';
import { hex } from '../../helpers/vectors';

const TZ = 28_800_000;
const T0 = Date.UTC(2026, 5, 1, 4, 0); // 12:00 lock-local
let clockNow = T0;
const now = () => clockNow;

function setup(options: VirtualLockOptions = {}) {
  clockNow = T0;
  const lock = createVirtualLock({ now, random: () => 0x1234, battery: 64, ...options });
  let session = lock.openSession();
  const send = (command: number, payload: Uint8Array, header = DEFAULT_HEADER): number[] => {
    const replies = splitForWrite(encodeFrame(command, payload, lock.aesKey, header)).flatMap((c) => session.receive(c));
    expect(replies).toHaveLength(1);
    return [...replies[0]];
  };
  const reply = (command: number, payload: Uint8Array): Reply => decodeReply(Uint8Array.from(send(command, payload)));
  const login = () => {
    send(0x41, encodeCheckAdmin(lock), lock.lockVersion);
    expect(send(0x30, encodeCheckRandom(0x1234, lock.unlockKey))).toEqual([0x30, 0x01]);
  };
  const userLogin = (window = permanentWindow(), lockFlagPos = lock.lockFlagPos) => {
    const first = send(0x55, encodeCheckUserTime({ ...window, lockFlagPos, uid: 77 }), lock.lockVersion);
    if (first[1] !== 1) return first;
    return send(0x30, encodeCheckRandom(0x1234, lock.unlockKey));
  };
  const reconnect = () => {
    session.close();
    session = lock.openSession();
  };
  return { lock, send, reply, login, userLogin, reconnect, session: () => session as LockSession };
}

function permanentWindow() {
  return { start: toLockTime(PERMANENT_START_MS, TZ), end: toLockTime(PERMANENT_END_MS, TZ) };
}

const wall = (y: number, mo: number, d: number, h = 0, mi = 0) => ({ year: y, month: mo, day: d, hour: h, minute: mi });
const bytesOf = (t: ReturnType<typeof wall>) => Uint8Array.of(t.year - 2000, t.month, t.day, t.hour, t.minute);

function listAll(s: ReturnType<typeof setup>): { pages: number[][]; passcodes: ListedPasscode[] } {
  const pages: number[][] = [];
  const passcodes: ListedPasscode[] = [];
  let sequence = 0;
  for (;;) {
    const raw = s.send(0x07, encodeListPasscodes(sequence));
    pages.push(raw);
    const page = decodeListPage(decodeReply(Uint8Array.from(raw)));
    passcodes.push(...page.passcodes);
    if (page.next === LIST_END) return { pages, passcodes };
    expect(page.next).toBeGreaterThan(sequence);
    sequence = page.next;
  }
}

describe('delete (0x03 op 3)', () => {
  it('removes a stored code and answers with the battery and the op', () => {
    const s = setup();
    s.lock.addPasscodeDirectly('123456');
    s.login();
    expect(s.send(0x03, encodeDeletePasscode('123456'))).toEqual([0x03, 0x01, 64, 0x03]);
    expect(s.lock.passcodes()).toEqual([]);
  });

  it('answers 0x15 with the op byte for a code it does not hold, and ignores the type byte', () => {
    const s = setup();
    s.login();
    expect(s.send(0x03, encodeDeletePasscode('123456'))).toEqual([0x03, 0x00, 0x15, 0x03]);
    s.lock.addPasscodeDirectly('2580');
    expect(s.send(0x03, hex('030204' + '32353830'))).toEqual([0x03, 0x01, 64, 0x03]);
  });

  it.each([
    ['not logged in', 0x12, {}],
    ['not logged in, 0x02 reading', 0x02, { notLoggedInCode: 0x02 }],
  ])('refuses when %s', (_name, code, rules) => {
    const s = setup({ rules });
    s.lock.addPasscodeDirectly('123456');
    expect(s.send(0x03, encodeDeletePasscode('123456'))).toEqual([0x03, 0x00, code, 0x03]);
    expect(s.lock.passcodes()).toHaveLength(1);
  });

  it('answers 0x0F to a malformed code and sends three-byte failures under that rule', () => {
    const s = setup({ rules: { failureOpByte: false } });
    s.login();
    expect(s.send(0x03, hex('0300043132'))).toEqual([0x03, 0x00, 0x0f]);
  });
});

describe('modify (0x03 op 5)', () => {
  const window = { start: bytesOf(wall(2026, 7, 1, 14)), end: bytesOf(wall(2026, 7, 8, 11)) };

  it('changes the value, keeps the original for the list, and finds the code by its current value', () => {
    const s = setup();
    s.lock.addPasscodeDirectly('123456');
    s.login();
    expect(s.send(0x03, encodeModifyPasscode({ originalPasscode: '123456', passcode: '654321' }))).toEqual([0x03, 0x01, 64, 0x05]);
    expect(s.lock.passcodes()[0]).toMatchObject({ passcode: '654321', original: '123456', end: { year: 2099 } });
    expect(s.send(0x03, encodeModifyPasscode({ originalPasscode: '123456', passcode: '111111' }))).toEqual([0x03, 0x00, 0x15, 0x05]);
    expect(listAll(s).passcodes[0]).toMatchObject({ passcode: '654321', originalPasscode: '123456' });
  });

  it('changes only the window (Ln = 0) and turns a permanent code into a period code', () => {
    const s = setup();
    s.lock.addPasscodeDirectly('888888', { type: 1, start: wall(2024, 1, 1) });
    s.login();
    expect(s.send(0x03, encodeModifyPasscode({ originalPasscode: '888888', ...window }))).toEqual([0x03, 0x01, 64, 0x05]);
    expect(s.lock.passcodes()[0]).toEqual({
      passcode: '888888', original: '888888', type: 3, start: wall(2026, 7, 1, 14), end: wall(2026, 7, 8, 11), used: false,
    });
  });

  it('changes both at once', () => {
    const s = setup();
    s.lock.addPasscodeDirectly('123456');
    s.login();
    s.send(0x03, encodeModifyPasscode({ originalPasscode: '123456', passcode: '7777', ...window }));
    expect(s.lock.passcodes()[0]).toMatchObject({ passcode: '7777', original: '123456', start: wall(2026, 7, 1, 14) });
  });

  it.each([
    ['a new value another code has', () => encodeModifyPasscode({ originalPasscode: '123456', passcode: '999999' }), 0x14],
    ['3 date bytes', () => hex('0500063132333435360018070100'), 0x20],
    ['an end before the start', () => encodeModifyPasscode({ originalPasscode: '123456', start: window.end, end: window.start }), 0x20],
    ['a 3-digit new value', () => hex('05000631323334353603313233'), 0x0f],
  ])('refuses %s and changes nothing', (_name, payload, code) => {
    const s = setup();
    s.lock.addPasscodeDirectly('123456');
    s.lock.addPasscodeDirectly('999999');
    const before = s.lock.passcodes();
    s.login();
    expect(s.send(0x03, payload())).toEqual([0x03, 0x00, code, 0x05]);
    expect(s.lock.passcodes()).toEqual(before);
  });

  it('answers the follow-up feature query with the battery and the feature bits', () => {
    const s = setup({ featureValue: 0x81 });
    expect(s.send(0x01, new Uint8Array(0))).toEqual([0x01, 0x01, 64, 0, 0, 0, 0x81]);
  });
});

describe('clear (0x03 op 1)', () => {
  it('removes every ordinary code', () => {
    const s = setup();
    ['1111', '2222', '3333'].forEach((c) => s.lock.addPasscodeDirectly(c));
    s.login();
    expect(s.send(0x03, Uint8Array.of(1))).toEqual([0x03, 0x01, 64, 0x01]);
    expect(s.lock.passcodes()).toEqual([]);
  });
});

describe('list (0x07)', () => {
  it('answers an empty lock with 07 01 00 00', () => {
    const s = setup();
    s.login();
    expect(s.send(0x07, encodeListPasscodes(0))).toEqual([0x07, 0x01, 0x00, 0x00]);
  });

  it.each([1, 3, 4, 250])('lists %i codes in insertion order in pages of at most 111 bytes', (n) => {
    const s = setup();
    const codes = Array.from({ length: n }, (_, i) => String(100000000 - i * 7919).slice(0, 4 + (i % 6)));
    codes.forEach((c) => s.lock.addPasscodeDirectly(c));
    s.login();
    const { pages, passcodes } = listAll(s);
    expect(passcodes.map((p) => p.passcode)).toEqual(codes);
    for (const page of pages) expect(page.length).toBeLessThanOrEqual(111);
    // totalLen = the byte count of the page's records.
    for (const page of pages) expect((page[2] << 8) | page[3]).toBe(page.length - 6);
  });

  it('packs four 6-digit period codes or three 9-digit ones per page', () => {
    for (const [digits, perPage] of [[6, 4], [9, 3]]) {
      const s = setup();
      for (let i = 0; i < 8; i++) s.lock.addPasscodeDirectly(String(i + 1).repeat(digits));
      s.login();
      expect(listAll(s).pages[0].length).toBeLessThanOrEqual(111);
      expect(decodeListPage(decodeReply(Uint8Array.from(listAll(s).pages[0]))).passcodes).toHaveLength(perPage);
    }
  });

  it('writes each record type in its layout', () => {
    const s = setup();
    s.lock.addPasscodeDirectly('11111', { type: 1, start: wall(2024, 1, 1) });
    s.lock.addPasscodeDirectly('22222', { type: 2, start: wall(2024, 2, 1, 10), end: wall(2024, 2, 1, 16) });
    s.lock.addPasscodeDirectly('44444', { type: 4, start: wall(2024, 3, 4, 8), cycleType: 0x0102 });
    s.login();
    expect(listAll(s).passcodes).toEqual([
      { type: 1, passcode: '11111', originalPasscode: '11111', start: wall(2024, 1, 1) },
      { type: 2, passcode: '22222', originalPasscode: '22222', start: wall(2024, 2, 1, 10), end: wall(2024, 2, 1, 16) },
      { type: 4, passcode: '44444', originalPasscode: '44444', start: wall(2024, 3, 4, 8), cycleType: 0x0102 },
    ]);
  });

  it('honours a record limit per page and can hide codes never typed on the keypad', () => {
    const s = setup({ rules: { listPageRecords: 1, listsUnusedPasscodes: false } });
    ['1111', '2222', '3333'].forEach((c) => s.lock.addPasscodeDirectly(c));
    s.lock.typePasscode('1111');
    s.lock.typePasscode('3333');
    s.login();
    const { pages, passcodes } = listAll(s);
    expect(passcodes.map((p) => p.passcode)).toEqual(['1111', '3333']);
    expect(pages).toHaveLength(2);
  });

  it('needs the admin login', () => {
    const s = setup();
    expect(s.send(0x07, encodeListPasscodes(0))).toEqual([0x07, 0x00, 0x12]);
  });
});

describe('eKey handshake (0x55) and the clock', () => {
  it('logs an eKey in as a user, who may set the time but not manage passcodes', () => {
    const s = setup({ rules: { calibrateNeedsAuth: true } });
    expect(s.userLogin()).toEqual([0x30, 0x01]);
    expect(s.send(0x03, encodeDeletePasscode('1234'))).toEqual([0x03, 0x00, 0x02, 0x03]);
    expect(s.send(0x43, encodeTimeCalibrate(T0 + 3_600_000, TZ))).toEqual([0x43, 0x01]);
    expect(s.lock.lockTime()).toBe(T0 + 3_600_000);
  });

  it.each([
    ['before the eKey window', wall(2026, 6, 2), wall(2027, 1, 1), 0x11],
    ['after the eKey window', wall(2025, 1, 1), wall(2026, 6, 1, 11, 59), 0x0e],
  ])('answers %s with its failure', (_name, start, end, code) => {
    const s = setup();
    expect(s.userLogin({ start: bytesOf(start), end: bytesOf(end) })).toEqual([0x55, 0x00, code]);
  });

  it('answers a flag below the lock\'s with 0x0D', () => {
    const s = setup({ lockFlagPos: 5 });
    expect(s.userLogin(permanentWindow(), 4)).toEqual([0x55, 0x00, 0x0d]);
  });

  it('takes TIME_CALIBRATE without a login by default and only after a login or a failed 0x55 when strict', () => {
    const loose = setup();
    expect(loose.send(0x43, encodeTimeCalibrate(T0 - 60_000, TZ))).toEqual([0x43, 0x01]);
    const strict = setup({ rules: { calibrateNeedsAuth: true } });
    expect(strict.send(0x43, encodeTimeCalibrate(T0, TZ))).toEqual([0x43, 0x00, 0x12]);
    strict.userLogin({ start: bytesOf(wall(2030, 1, 1)), end: bytesOf(wall(2031, 1, 1)) });
    expect(strict.send(0x43, encodeTimeCalibrate(T0 - 60_000, TZ))).toEqual([0x43, 0x01]);
    expect(strict.lock.lockTime()).toBe(T0 - 60_000);
  });

  it('refuses an impossible date with 0x20', () => {
    const s = setup();
    expect(s.send(0x43, hex('1a0230000000'))).toEqual([0x43, 0x00, 0x20]);
  });

  it('reads the running clock with an empty or a padded payload, drift included', () => {
    const s = setup({ clockDriftPpm: 1000, clockOffsetMs: -90_000 });
    clockNow = T0 + 3_600_000;
    const expected = T0 + 3_600_000 - 90_000 + 3_600;
    const empty = s.send(0x34, new Uint8Array(0), s.lock.lockVersion);
    expect(readLockClock(Uint8Array.from(empty.slice(2)), TZ).epochMs).toBe(Math.floor(expected / 1000) * 1000);
    // ttlock-ble's form: one PKCS#7 block that decrypts to nothing.
    const frame = encodeFrame(0x34, new Uint8Array(0), s.lock.aesKey, s.lock.lockVersion);
    const padded = Uint8Array.from([...frame.subarray(0, 11), 16, ...paddingBlock(s.lock), 0]);
    padded[padded.length - 1] = crc8(padded.subarray(0, padded.length - 1));
    const replies = splitForWrite(padded).flatMap((c) => s.session().receive(c));
    expect([...replies[0]]).toEqual(empty);
    expect(s.lock.clockOffsetMs()).toBe(-90_000 + 3_600);
  });
});

describe('INIT_PASSWORDS (0x31)', () => {
  let seed = 11;
  const table = makeResetTable(2026, (n) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n));

  it('stores the table and clears the ordinary codes', () => {
    const s = setup();
    s.lock.addPasscodeDirectly('123456');
    s.login();
    expect(s.send(0x31, encodeInitPasswords(table))).toEqual([0x31, 0x01]);
    expect(s.lock.resetTable()).toEqual(table);
    expect(s.lock.passcodes()).toEqual([]);
  });

  it('keeps the codes under the other reading, refuses a wrong length with 0x0B, and needs the admin', () => {
    const s = setup({ rules: { resetClearsPasscodes: false } });
    s.lock.addPasscodeDirectly('123456');
    expect(s.send(0x31, encodeInitPasswords(table))).toEqual([0x31, 0x00, 0x12]);
    s.login();
    expect(s.send(0x31, encodeInitPasswords(table).subarray(0, 60))).toEqual([0x31, 0x00, 0x0b]);
    expect(s.send(0x31, encodeInitPasswords(table))).toEqual([0x31, 0x01]);
    expect(s.lock.passcodes()).toHaveLength(1);
  });
});

describe('authentication per connection', () => {
  it('forgets an admin or user login when the link drops', () => {
    const s = setup({ rules: { calibrateNeedsAuth: true } });
    s.login();
    s.reconnect();
    expect(s.send(0x07, encodeListPasscodes(0))).toEqual([0x07, 0x00, 0x12]);
    s.userLogin();
    s.reconnect();
    expect(s.send(0x43, encodeTimeCalibrate(T0, TZ))).toEqual([0x43, 0x00, 0x12]);
  });

  it('keeps the admin login for several commands on one connection', () => {
    const s = setup();
    s.login();
    s.send(0x03, encodeDeletePasscode('1234'));
    expect(s.send(0x07, encodeListPasscodes(0))).toEqual([0x07, 0x01, 0x00, 0x00]);
  });
});

/** An empty payload as ttlock-ble sends it: one block of PKCS#7 padding (16 × 0x10), encrypted. */
function paddingBlock(lock: VirtualLock): Uint8Array {
  // CBC's first block of 16 × 0x10 is exactly that block; the second (padding of the padding) is dropped.
  return aesCbcEncrypt(lock.aesKey, new Uint8Array(16).fill(16)).subarray(0, 16);
}
