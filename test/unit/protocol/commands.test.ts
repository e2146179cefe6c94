/** Command payloads: layouts, round trips through frames, reply decoding, and the u32 wrap. */
import fc from 'fast-check';
import { hex, loadVectors, toHex } from '../../helpers/vectors';
import { isLockError } from '../../../plugin/core/errors';
import {
  CMD_CHECK_ADMIN,
  CMD_CHECK_RANDOM,
  CMD_MANAGE_KEYBOARD_PASSWORD,
  decodeAddPasscodeReply,
  decodeCheckAdminReply,
  decodeCheckRandomReply,
  decodeFrame,
  decodeReply,
  encodeAddPasscode,
  encodeCheckAdmin,
  encodeCheckRandom,
  encodeFrame,
} from '../../../plugin/protocol';
import { thrown } from '../../helpers/thrown';

const { fixed_inputs: fixed } = loadVectors('ttlock').meta;
const key = hex(fixed.aesKey);
const u32Hex = (n: number, bytes = 4) => n.toString(16).padStart(2 * bytes, '0');

describe('encodeCheckAdmin', () => {
  it('lays out adminPs, 3-byte lockFlagPos and uid big-endian (injected non-zero values)', () => {
    const payload = encodeCheckAdmin({
      adminPs: fixed.adminPs_int,
      lockFlagPos: fixed.lockFlagPos_injected,
      uid: fixed.uid_injected,
    });
    expect(toHex(payload)).toBe(
      u32Hex(fixed.adminPs_int) + u32Hex(fixed.lockFlagPos_injected, 3) + u32Hex(fixed.uid_injected),
    );
  });

  it('rejects out-of-range values without echoing them', () => {
    const e = thrown(() => encodeCheckAdmin({ adminPs: 4294967296, lockFlagPos: 0, uid: 0 }));
    expect(e).toBeInstanceOf(RangeError);
    expect(e.message).toMatch(/"adminPs"/);
    expect(e.message).not.toContain('4294967296');
    expect(() => encodeCheckAdmin({ adminPs: 1, lockFlagPos: 0x1000000, uid: 0 })).toThrow(/lockFlagPos/);
    expect(() => encodeCheckAdmin({ adminPs: 1, lockFlagPos: 0, uid: -1 })).toThrow(/uid/);
    expect(() => encodeCheckAdmin({ adminPs: '1' as any, lockFlagPos: 0, uid: 0 })).toThrow(TypeError);
  });
});

describe('encodeCheckRandom', () => {
  it('equals (a + b) mod 2^32 for any u32 pair, never throwing on wrap', () => {
    fc.assert(
      fc.property(fc.nat({ max: 0xffffffff }), fc.nat({ max: 0xffffffff }), (a, b) => {
        const sum = (BigInt(a) + BigInt(b)) % 2n ** 32n;
        expect(toHex(encodeCheckRandom(a, b))).toBe(sum.toString(16).padStart(8, '0'));
      }),
    );
    expect(toHex(encodeCheckRandom(0xffffffff, 2))).toBe('00000001');
  });

  it('rejects non-u32 inputs', () => {
    expect(() => encodeCheckRandom(-1, 0)).toThrow(RangeError);
    expect(() => encodeCheckRandom(0, 2 ** 32)).toThrow(/unlockKey/);
  });
});

describe('encodeAddPasscode', () => {
  const start = Uint8Array.of(24, 1, 15, 9, 30);
  const end = Uint8Array.of(24, 12, 31, 23, 59);

  it.each(['1234', '123456789', '000000'])('accepts %s and writes it as ASCII', (passcode) => {
    const p = encodeAddPasscode({ passcode, start, end });
    expect(Array.from(p.subarray(0, 3))).toEqual([2, 3, passcode.length]);
    expect(String.fromCharCode(...p.subarray(3, 3 + passcode.length))).toBe(passcode);
    expect(toHex(p.subarray(3 + passcode.length))).toBe(toHex(start) + toHex(end));
  });

  it.each(['123', '1234567890', '12a4', '１２３４', ''])('rejects passcode %j', (passcode) => {
    const e = thrown(() => encodeAddPasscode({ passcode, start, end }));
    expect(e).toBeInstanceOf(RangeError);
    expect(e.message).toMatch(/"passcode"/);
    if (passcode) expect(e.message).not.toContain(passcode);
  });

  it('requires 5-byte lock times', () => {
    expect(() => encodeAddPasscode({ passcode: '1234', start: new Uint8Array(4), end })).toThrow(/"start" expected length 5, got 4/);
    expect(() => encodeAddPasscode({ passcode: '1234', start, end: new Uint8Array(6) })).toThrow(/"end"/);
  });
});

describe('replies', () => {
  it('round-trips each command through a frame', () => {
    const payloads: Array<[number, Uint8Array]> = [
      [CMD_CHECK_ADMIN, encodeCheckAdmin({ adminPs: 1, lockFlagPos: 2, uid: 3 })],
      [CMD_CHECK_RANDOM, encodeCheckRandom(5, 6)],
      [CMD_MANAGE_KEYBOARD_PASSWORD, encodeAddPasscode({ passcode: '9876', start: new Uint8Array(5), end: new Uint8Array(5) })],
    ];
    for (const [command, payload] of payloads) {
      const decoded = decodeFrame(encodeFrame(command, payload, key), key);
      expect(decoded.command).toBe(command);
      expect(toHex(decoded.plaintext)).toBe(toHex(payload));
    }
  });

  it('decodes CHECK_ADMIN success to psFromLock (unsigned, above 2^31)', () => {
    const reply = decodeReply(hex('4101' + 'f00dbeef' + 'aa'));
    expect(reply).toMatchObject({ command: 0x41, ok: true, status: 1 });
    expect(reply.errorCode).toBeUndefined();
    expect(decodeCheckAdminReply(reply)).toBe(0xf00dbeef);
  });

  it('decodes a failure reply to errorCode and throws LOCK_REPORTED with it', () => {
    const reply = decodeReply(hex('410003'));
    expect(reply).toMatchObject({ command: 0x41, ok: false, errorCode: 3 });
    const e = thrown(() => decodeCheckAdminReply(reply));
    expect(isLockError(e) && e.code).toBe('LOCK_REPORTED');
    expect(e.remoteCode).toBe(3);
  });

  it('rejects a reply to another command as PROTO_UNEXPECTED', () => {
    const e = thrown(() => decodeAddPasscodeReply(decodeReply(hex('30015a02'))));
    expect(e.code).toBe('PROTO_UNEXPECTED');
    expect(() => decodeCheckRandomReply(decodeReply(hex('3001')))).not.toThrow();
  });

  it('rejects short replies with PROTO_FRAME', () => {
    expect(thrown(() => decodeReply(hex('41'))).code).toBe('PROTO_FRAME');
    expect(thrown(() => decodeCheckAdminReply(decodeReply(hex('4101abcd')))).code).toBe('PROTO_FRAME');
    expect(thrown(() => decodeAddPasscodeReply(decodeReply(hex('0301')))).code).toBe('PROTO_FRAME');
  });
});

describe('reply edges', () => {
  it('reads any reply of two or more bytes: command, status, ok only for status 1, data = the rest (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 2, maxLength: 40 }), (bytes) => {
        const reply = decodeReply(bytes);
        expect([reply.command, reply.status, reply.ok]).toEqual([bytes[0], bytes[1], bytes[1] === 1]);
        expect(toHex(reply.data)).toBe(toHex(bytes.subarray(2)));
        expect(reply.errorCode).toBe(bytes[1] === 0 && bytes.length > 2 ? bytes[2] : undefined);
      }),
    );
  });

  it('keeps the data when the caller reuses its buffer', () => {
    const bytes = hex('4101f00dbeef');
    const reply = decodeReply(bytes);
    bytes.fill(0);
    expect(decodeCheckAdminReply(reply)).toBe(0xf00dbeef);
  });

  it('a bare failure status has no error code, and the lock error then carries none', () => {
    const reply = decodeReply(hex('0300'));
    expect(reply.errorCode).toBeUndefined();
    const e = thrown(() => decodeAddPasscodeReply(reply));
    expect([e.code, e.remoteCode, e.officialCode]).toEqual(['LOCK_REPORTED', undefined, 19]);
    expect(e.message).toBe('lock refused command 3 (status 0, error none)');
  });

  it('a status other than 0 and 1 is a refusal without an error code', () => {
    const reply = decodeReply(hex('030216'));
    expect([reply.ok, reply.errorCode]).toEqual([false, undefined]);
    expect(thrown(() => decodeAddPasscodeReply(reply)).message).toBe('lock refused command 3 (status 2, error none)');
  });

  it('says which command the lock refused and with which code', () => {
    const e = thrown(() => decodeCheckAdminReply(decodeReply(hex('410016'))));
    expect(e.message).toBe('lock refused command 65 (status 0, error 22)');
    expect(e.officialCode).toBe(22);
  });

  it('says which command a reply echoes and which one was expected', () => {
    const e = thrown(() => decodeCheckAdminReply(decodeReply(hex('3001'))));
    expect(e.message).toBe('reply echoes command 48, expected 65');
  });

  it('needs exactly 4 data bytes for psFromLock and 1 for the battery; says how many came', () => {
    expect(decodeCheckAdminReply(decodeReply(hex('410100000001')))).toBe(1);
    expect(thrown(() => decodeCheckAdminReply(decodeReply(hex('4101000001')))).message).toBe(
      'CHECK_ADMIN reply expected >= 4 data bytes, got 3',
    );
    expect(decodeAddPasscodeReply(decodeReply(hex('030164')))).toEqual({ battery: 100 });
    expect(thrown(() => decodeAddPasscodeReply(decodeReply(hex('0301')))).message).toBe('ADD reply lacks the battery byte');
  });

  it('a one-byte or empty reply says how long it was', () => {
    expect(thrown(() => decodeReply(hex('41'))).message).toBe('reply expected >= 2 bytes, got 1');
    expect(thrown(() => decodeReply(new Uint8Array(0))).message).toBe('reply expected >= 2 bytes, got 0');
    expect(thrown(() => decodeReply('4101' as any)).message).toContain('"plaintext"');
  });
});

describe('command payload layouts (properties)', () => {
  it('CHECK_ADMIN: adminPs, lockFlagPos and uid read back from their bytes', () => {
    fc.assert(
      fc.property(fc.nat(0xffffffff), fc.nat(0xffffff), fc.nat(0xffffffff), (adminPs, lockFlagPos, uid) => {
        const b = Buffer.from(encodeCheckAdmin({ adminPs, lockFlagPos, uid }));
        expect(b.length).toBe(11);
        expect([b.readUInt32BE(0), b.readUIntBE(4, 3), b.readUInt32BE(7)]).toEqual([adminPs, lockFlagPos, uid]);
      }),
    );
  });

  it('ADD: op 2, type 3, length, ASCII code, start, end', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{4,9}$/), fc.uint8Array({ minLength: 5, maxLength: 5 }), fc.uint8Array({ minLength: 5, maxLength: 5 }), (passcode, start, end) => {
        const out = encodeAddPasscode({ passcode, start, end });
        const n = passcode.length;
        expect(toHex(out)).toBe('0203' + u32Hex(n, 1) + Buffer.from(passcode, 'ascii').toString('hex') + toHex(start) + toHex(end));
      }),
    );
  });

  it.each(['x1234', '1234x', ' 1234', '1234\n'])('ADD refuses %j: digits only, from first to last character', (passcode) => {
    expect(thrown(() => encodeAddPasscode({ passcode, start: new Uint8Array(5), end: new Uint8Array(5) }))).toBeInstanceOf(RangeError);
  });

  it('ADD refuses a bad passcode naming only its length', () => {
    const e = thrown(() => encodeAddPasscode({ passcode: '12a45', start: new Uint8Array(5), end: new Uint8Array(5) }));
    expect(e).toBeInstanceOf(RangeError);
    expect(e.message).toBe('"passcode" expected 4..9 digits, got 5 characters');
  });
});
