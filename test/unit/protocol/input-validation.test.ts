/**
 * The protocol layer's public functions reject a wrong type or size with an error that names the
 * argument (style: validate at the edge, say which field and what arrived), before doing anything.
 */
import {
  aesCbcDecrypt,
  aesCbcEncrypt,
  crc8,
  decodeFrame,
  decodeFrameHeader,
  encodeAddPasscode,
  encodeCheckAdmin,
  encodeCheckRandom,
  encodeFrame,
  fromLockTime,
  resolveValidity,
  splitForWrite,
  toLockTime,
} from '../../../plugin/protocol';

const key = new Uint8Array(16);
const time = new Uint8Array(5);
const admin = { adminPs: 1, lockFlagPos: 1, uid: 1 };

describe('protocol input validation names the argument', () => {
  it.each<[string, () => unknown, new (...args: any[]) => Error, string]>([
    ['crc8 data', () => crc8([1, 2] as any), TypeError, '"data"'],
    ['aesCbcEncrypt key', () => aesCbcEncrypt(new Uint8Array(15), new Uint8Array(1)), RangeError, '"key"'],
    ['aesCbcEncrypt plaintext', () => aesCbcEncrypt(key, 'x' as any), TypeError, '"plaintext"'],
    ['aesCbcDecrypt key', () => aesCbcDecrypt(new Uint8Array(17), new Uint8Array(16)), RangeError, '"key"'],
    ['aesCbcDecrypt ciphertext', () => aesCbcDecrypt(key, [0] as any), TypeError, '"ciphertext"'],
    ['encodeFrame command', () => encodeFrame(-1, new Uint8Array(1), key), RangeError, '"command"'],
    ['encodeFrame plaintext', () => encodeFrame(1, 'x' as any, key), TypeError, '"plaintext"'],
    ['encodeFrame header.protocolType', () => encodeFrame(1, new Uint8Array(1), key, { protocolType: 256 }), RangeError, '"header.protocolType"'],
    ['encodeFrame header.protocolVersion', () => encodeFrame(1, new Uint8Array(1), key, { protocolVersion: 256 }), RangeError, '"header.protocolVersion"'],
    ['encodeFrame header.scene', () => encodeFrame(1, new Uint8Array(1), key, { scene: -1 }), RangeError, '"header.scene"'],
    ['encodeFrame header.groupId', () => encodeFrame(1, new Uint8Array(1), key, { groupId: 0x10000 }), RangeError, '"header.groupId"'],
    ['encodeFrame header.orgId', () => encodeFrame(1, new Uint8Array(1), key, { orgId: 0x10000 }), RangeError, '"header.orgId"'],
    ['splitForWrite frame', () => splitForWrite('x' as any), TypeError, '"frame"'],
    ['decodeFrameHeader frame', () => decodeFrameHeader('x' as any), TypeError, '"frame"'],
    ['decodeFrame frame', () => decodeFrame([0x7f, 0x5a] as any, key), TypeError, '"frame"'],
    ['encodeCheckAdmin adminPs', () => encodeCheckAdmin({ ...admin, adminPs: 2 ** 32 }), RangeError, '"adminPs"'],
    ['encodeCheckAdmin lockFlagPos', () => encodeCheckAdmin({ ...admin, lockFlagPos: 0x1000000 }), RangeError, '"lockFlagPos"'],
    ['encodeCheckAdmin uid', () => encodeCheckAdmin({ ...admin, uid: -1 }), RangeError, '"uid"'],
    ['encodeCheckRandom psFromLock', () => encodeCheckRandom(2 ** 32, 1), RangeError, '"psFromLock"'],
    ['encodeCheckRandom unlockKey', () => encodeCheckRandom(1, -1), RangeError, '"unlockKey"'],
    ['encodeAddPasscode passcode', () => encodeAddPasscode({ passcode: 1234 as any, start: time, end: time }), TypeError, '"passcode"'],
    ['encodeAddPasscode start', () => encodeAddPasscode({ passcode: '1234', start: new Uint8Array(4), end: time }), RangeError, '"start"'],
    ['encodeAddPasscode end', () => encodeAddPasscode({ passcode: '1234', start: time, end: new Uint8Array(6) }), RangeError, '"end"'],
    ['toLockTime epochMs', () => toLockTime(1.5, 0), RangeError, '"epochMs"'],
    ['toLockTime timezoneRawOffset', () => toLockTime(0, 0.5), RangeError, '"timezoneRawOffset"'],
    ['fromLockTime bytes', () => fromLockTime(new Uint8Array(4)), RangeError, '"bytes"'],
    ['resolveValidity startMs', () => resolveValidity(-1, 0), RangeError, '"startMs"'],
    ['resolveValidity endMs', () => resolveValidity(0, -1), RangeError, '"endMs"'],
  ])('%s', (_name, call, type, field) => {
    expect(call).toThrow(type);
    expect(call).toThrow(field);
  });
});
