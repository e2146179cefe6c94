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

const { fixed_inputs: fixed } = loadVectors('ttlock').meta;
const key = hex(fixed.aesKey);
const u32Hex = (n: number, bytes = 4) => n.toString(16).padStart(2 * bytes, '0');

function thrown(fn: () => unknown): any {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
}

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
