/**
 * One it() per known-answer vector in shared/vectors/ttlock.json (spec §8). The values are read from
 * the shared file at run time, never copied here. An unknown vector kind fails, so a vector added to
 * the file cannot be skipped silently.
 */
import { hex, loadVectors, toHex } from '../../helpers/vectors';
import {
  CMD_RESPONSE,
  DEFAULT_HEADER,
  FrameReassembler,
  crc8,
  crc8TableEntry,
  decodeAddPasscodeReply,
  decodeCredential,
  decodeFrame,
  decodeLockData,
  decodeReply,
  encodeAddPasscode,
  encodeCheckAdmin,
  encodeCheckRandom,
  encodeFrame,
  parseAdvertisement,
  splitForWrite,
  toLockTime,
} from '../../../plugin/protocol';
import { readAesKey } from '../../../plugin/protocol/lock-data-fields';
import { encodeCredential, encodeLockData, formatAesKeyStr } from '../../../simulator/lock-data-encoder';

const file = loadVectors('ttlock');
const fixed = file.meta.fixed_inputs;
const byId = (id: string) => file.vectors.find((v: any) => v.id === id);

/** The textbook CRC-8/MAXIM table, built here only to document what S1 computes. */
function textbookCrc8(data: Uint8Array): number {
  const table: number[] = [];
  for (let i = 0; i < 256; i++) {
    let c = i;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0x8c : c >>> 1;
    table.push(c);
  }
  return data.reduce((crc, b) => table[crc ^ b], 0);
}

/** "2024-01-15 09:30" read as a UTC wall clock, so toLockTime with offset 0 gives its fields. */
function utcMs(wallClock: string): number {
  return Date.parse(wallClock.replace(' ', 'T') + ':00Z');
}

function requestPlaintext(v: any): Uint8Array {
  const command = parseInt(v.command, 16);
  if (command === 0x41) return encodeCheckAdmin(v.inputs);
  if (command === 0x30) return encodeCheckRandom(v.inputs.psFromLock, v.inputs.unlockKey);
  if (command === 0x03) {
    return encodeAddPasscode({
      passcode: v.inputs.passcode,
      start: toLockTime(utcMs(v.inputs.start_lock_local), 0),
      end: toLockTime(utcMs(v.inputs.end_lock_local), 0),
    });
  }
  throw new Error(`no encoder for command ${v.command}`);
}

function checkRequestFrame(v: any): void {
  const command = parseInt(v.command, 16);
  const key = hex(v.inputs.aesKey ?? fixed.aesKey);
  const plaintext = requestPlaintext(v);
  expect(toHex(plaintext)).toBe(v.plaintext);
  if (v.plaintext_fields) expect(toHex(plaintext)).toBe(Object.values(v.plaintext_fields).join(''));
  const frame = encodeFrame(command, plaintext, key);
  expect(toHex(frame)).toBe(v.frame);
  for (const other of Object.values(v.cross_checks ?? {})) {
    if (typeof other === 'string' && /^7f5a/.test(other)) expect(other).toBe(v.frame);
  }
  const pieces = splitForWrite(frame);
  const wire = v.frame + '0d0a';
  if (v.frame_with_crlf) expect(v.frame_with_crlf).toBe(wire);
  expect(pieces.map(toHex).join('')).toBe(wire);
  const wireLength = wire.length / 2;
  expect(pieces.map((p) => p.length)).toEqual(
    Array.from({ length: Math.ceil(wireLength / 20) }, (_, i) => Math.min(20, wireLength - 20 * i)),
  );
  const decoded = decodeFrame(hex(v.frame), key);
  expect(decoded.command).toBe(command);
  expect(decoded.header).toEqual(DEFAULT_HEADER);
  expect(toHex(decoded.plaintext)).toBe(v.plaintext);
}

function checkResponseFrame(v: any): void {
  const key = hex(fixed.aesKey);
  const expected = v.expected_decode;
  const decoded = decodeFrame(hex(v.frame), key);
  expect(decoded.command).toBe(parseInt(expected.frameCommand, 16));
  expect(decoded.command).toBe(CMD_RESPONSE);
  expect(toHex(decoded.plaintext)).toBe(v.plaintext);
  const reply = decodeReply(decoded.plaintext);
  expect(reply.command).toBe(parseInt(expected.echo, 16));
  expect(reply.status).toBe(parseInt(expected.status, 16));
  expect(reply.ok).toBe(true);
  expect(toHex(reply.data)).toBe(expected.rest);
  expect(decodeAddPasscodeReply(reply).battery).toBe(hex(expected.rest)[0]);
  expect(new FrameReassembler().push(hex(v.frame_with_crlf)).map(toHex)).toEqual([v.frame]);
}

function checkLockData(v: any): void {
  const decoded = decodeLockData(v.encoded);
  expect(decoded.lockMac).toBe(v.json.lockMac);
  expect(toHex(decoded.aesKey)).toBe(v.json.aesKeyStr.split(',').join(''));
  expect(decoded.adminPs).toBe(fixed.adminPs_int);
  expect(decoded.unlockKey).toBe(fixed.unlockKey_int);
  expect(decoded.lockFlagPos).toBe(v.json.lockFlagPos);
  expect(decoded.uid).toBe(v.json.uid);
  expect(decoded.lockVersion).toEqual(v.json.lockVersion);
  expect(decoded.timezoneRawOffset).toBe(v.json.timezoneRawOffset);
  expect(decoded.lockName).toBe(v.json.lockName);
  expect(encodeLockData(v.json)).toBe(v.encoded);
  expect(v.official_java_encode).toBe(v.encoded);
  // aes_key_ascii is the key the spec derives from the MAC: upper case, char 9 dropped.
  expect(v.aes_key_ascii).toBe(v.json.lockMac.slice(0, 9) + v.json.lockMac.slice(10));
}

function checkAdvert(v: any): void {
  const parsed = parseAdvertisement(hex(v.input));
  const s1 = v.sdkjs_parse;
  expect(parsed).not.toBeNull();
  expect(parsed).toMatchObject({
    protocolType: s1.protocolType,
    protocolVersion: s1.protocolVersion,
    scene: s1.scene,
    isUnlocked: s1.isUnlock,
    hasEvents: s1.hasEvents,
    isSettingMode: s1.isSettingMode,
    battery: s1.batteryCapacity,
    mac: s1.address,
  });
  // S1's isTouch uses && and is true for any non-zero params; the real bit is 0x08 of params.
  expect(parsed!.isTouch).toBe((hex(v.input)[3] & 0x08) !== 0);
}

describe('shared TTLock vectors', () => {
  it('the file has vectors', () => expect(file.vectors.length).toBeGreaterThan(0));

  for (const v of file.vectors) {
    it(`${v.id} (${v.kind})`, () => {
      if (v.kind === 'crc8') {
        expect(crc8(hex(v.input))).toBe(v.crc_ttlock);
        if ('crc_sdkjs_standard_table' in v) expect(textbookCrc8(hex(v.input))).toBe(v.crc_sdkjs_standard_table);
      } else if (v.kind === 'request-frame') {
        checkRequestFrame(v);
      } else if (v.kind.startsWith('response-frame')) {
        checkResponseFrame(v);
      } else if (v.kind === 'lockData') {
        checkLockData(v);
      } else if (v.kind.startsWith('adminPwd/lockKey')) {
        for (const c of v.cases) {
          expect(decodeCredential(c.encoded)).toBe(c.decoded);
          expect(encodeCredential(c.decoded, c.seed)).toBe(c.encoded);
        }
      } else if (v.kind === 'aesKeyStr format') {
        expect(formatAesKeyStr(hex(v.bytes))).toBe(v.aesKeyStr);
        expect(toHex(readAesKey(v.aesKeyStr, 'aesKeyStr'))).toBe(v.bytes);
      } else if (v.kind.startsWith('advertisement')) {
        checkAdvert(v);
      } else {
        throw new Error(`vector ${v.id}: unhandled kind ${v.kind}`);
      }
    });
  }

  it('TTLock table differs from the textbook table only at index 33 (0x07 vs 0x7d)', () => {
    const quirk = byId('crc_5');
    expect(hex(quirk.input)[0]).toBe(33);
    for (let i = 0; i < 256; i++) {
      const textbook = textbookCrc8(Uint8Array.of(i));
      if (i === 33) {
        expect(textbook).toBe(0x7d);
        expect(crc8TableEntry(i)).toBe(0x07);
      } else {
        expect(crc8TableEntry(i)).toBe(textbook);
      }
    }
  });
});
