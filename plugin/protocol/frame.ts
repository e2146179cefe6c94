/**
 * V3 frame codec (spec §3.1): 12-byte header, AES payload, TTLock CRC-8. Writes are cut into 20-byte
 * pieces after appending CR LF (§1). Parsing checks magic, layout, length and CRC before any
 * decryption, so a corrupted frame is reported as such and never reaches AES.
 */
import { assertBytes, assertInt, rangeError } from '../core/assert';
import { Code, frameError, LockError } from '../core/errors';
import { aesCbcDecrypt, aesCbcEncrypt } from './aes';
import { crc8 } from './crc8';
import { dataView } from '../core/bytes';

export interface FrameHeader {
  protocolType: number;
  protocolVersion: number;
  scene: number;
  groupId: number;
  orgId: number;
}

/** The canned V3 header the official SDK uses after CHECK_ADMIN (and S1 for everything). */
export const DEFAULT_HEADER: Readonly<FrameHeader> = Object.freeze({
  protocolType: 5,
  protocolVersion: 3,
  scene: 1,
  groupId: 1,
  orgId: 1,
});

export const FRAME_MAGIC: readonly [number, number] = [0x7f, 0x5a];
export const HEADER_LENGTH = 12;
export const CRC_LENGTH = 1;
export const LENGTH_OFFSET = 11;
export const ENCRYPT_APP = 0xaa;
export const MAX_WRITE = 20;
export const CRLF: readonly [number, number] = [0x0d, 0x0a];
/** One length byte. */
export const MAX_CIPHERTEXT = 255;
/** PKCS#7 always adds 1..16 bytes, so the longest plaintext fills whole blocks below 255 minus one (239). */
export const MAX_PLAINTEXT = Math.floor(MAX_CIPHERTEXT / 16) * 16 - 1;
/** protocolType values below this use the 6-byte legacy header, which we do not speak. */
export const MIN_PROTOCOL_TYPE_12_BYTE_HEADER = 5;

export function encodeFrame(
  command: number,
  plaintext: Uint8Array,
  aesKey: Uint8Array,
  header: Partial<FrameHeader> = {},
): Uint8Array {
  assertInt('command', command, 0, 0xff);
  assertBytes('plaintext', plaintext);
  if (plaintext.length > MAX_PLAINTEXT) {
    throw rangeError('plaintext', `expected length <= ${MAX_PLAINTEXT}, got ${plaintext.length}`);
  }
  const h: FrameHeader = Object.assign({}, DEFAULT_HEADER, header);
  assertInt('header.protocolType', h.protocolType, 0, 0xff);
  assertInt('header.protocolVersion', h.protocolVersion, 0, 0xff);
  assertInt('header.scene', h.scene, 0, 0xff);
  assertInt('header.groupId', h.groupId, 0, 0xffff);
  assertInt('header.orgId', h.orgId, 0, 0xffff);

  const ciphertext = aesCbcEncrypt(aesKey, plaintext);
  const frame = new Uint8Array(HEADER_LENGTH + ciphertext.length + CRC_LENGTH);
  const view = dataView(frame);
  frame[0] = FRAME_MAGIC[0];
  frame[1] = FRAME_MAGIC[1];
  frame[2] = h.protocolType;
  frame[3] = h.protocolVersion;
  frame[4] = h.scene;
  view.setUint16(5, h.groupId, false); // big-endian
  view.setUint16(7, h.orgId, false); // big-endian
  frame[9] = command;
  frame[10] = ENCRYPT_APP;
  frame[LENGTH_OFFSET] = ciphertext.length;
  frame.set(ciphertext, HEADER_LENGTH);
  frame[frame.length - 1] = crc8(frame.subarray(0, frame.length - 1));
  return frame;
}

export interface DecodedFrameHeader {
  header: FrameHeader;
  command: number;
  encrypt: number;
  /** Payload (ciphertext) length from the length byte. */
  length: number;
}

/** Reads the 12-byte header; throws PROTO_FRAME if there is no V3-style header at offset 0. */
export function decodeFrameHeader(frame: Uint8Array): DecodedFrameHeader {
  assertBytes('frame', frame);
  if (frame.length < HEADER_LENGTH) {
    throw frameError(`frame too short for a header (${frame.length} bytes)`);
  }
  if (frame[0] !== FRAME_MAGIC[0] || frame[1] !== FRAME_MAGIC[1]) {
    throw frameError('frame does not start with 7F 5A');
  }
  if (frame[2] < MIN_PROTOCOL_TYPE_12_BYTE_HEADER) {
    throw frameError(`protocolType ${frame[2]} uses the unsupported legacy header`);
  }
  const view = dataView(frame);
  return {
    header: {
      protocolType: frame[2],
      protocolVersion: frame[3],
      scene: frame[4],
      groupId: view.getUint16(5, false),
      orgId: view.getUint16(7, false),
    },
    command: frame[9],
    encrypt: frame[10],
    length: frame[LENGTH_OFFSET],
  };
}

/** `frame` is without CR LF (the reassembler strips it). */
export function decodeFrame(
  frame: Uint8Array,
  aesKey: Uint8Array,
): { header: FrameHeader; command: number; plaintext: Uint8Array } {
  const { header, command, length } = decodeFrameHeader(frame);
  const expected = HEADER_LENGTH + length + CRC_LENGTH;
  if (frame.length !== expected) {
    throw new LockError(
      Code.PROTO_FRAME,
      `length byte says ${expected} bytes in total, got ${frame.length}`,
    );
  }
  const crc = crc8(frame.subarray(0, expected - 1));
  if (crc !== frame[expected - 1]) {
    throw new LockError(Code.PROTO_CRC, `CRC mismatch (computed ${crc}, frame has ${frame[expected - 1]})`);
  }
  const plaintext = aesCbcDecrypt(aesKey, frame.subarray(HEADER_LENGTH, HEADER_LENGTH + length));
  return { header, command, plaintext };
}

/** Appends CR LF and cuts into MAX_WRITE-byte pieces, written in order (§1). */
export function splitForWrite(frame: Uint8Array): Uint8Array[] {
  assertBytes('frame', frame);
  const wire = new Uint8Array(frame.length + CRLF.length);
  wire.set(frame, 0);
  wire.set(CRLF, frame.length);
  const pieces: Uint8Array[] = [];
  for (let i = 0; i < wire.length; i += MAX_WRITE) pieces.push(wire.slice(i, i + MAX_WRITE));
  return pieces;
}
