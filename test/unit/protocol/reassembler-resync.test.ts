/**
 * FrameReassembler, what makes a frame and what does not: resync only on 7F 5A, the legacy header,
 * the whole CR LF, one and two false starts at every split point, a 7F 5A inside a real frame, that
 * garbage is never held, and the maxBufferBytes option. Written against the mutants issue #14 found
 * alive; each test states a behaviour of the reassembler, not how it is coded.
 */
import { hex, loadVectors, toHex } from '../../helpers/vectors';
import { DEFAULT_MAX_BUFFER_BYTES, FrameReassembler, MAX_PLAINTEXT, encodeFrame } from '../../../plugin/protocol';

const file = loadVectors('ttlock');
const key = hex(file.meta.fixed_inputs.aesKey);
const byId = (id: string): string => file.vectors.find((v: any) => v.id === id).frame;
/** Three frames from the shared file (29, 29 and 45 bytes before CR LF). */
const ADMIN = byId('check_admin_uid0_flag0');
const REPLY = byId('response_add_ok_battery90');
const ADD = byId('add_passcode_period_123456');

const wireOf = (frameHex: string): Uint8Array => hex(frameHex + '0d0a');
const concat = (...parts: Uint8Array[]): Uint8Array => Uint8Array.from(parts.flatMap((p) => Array.from(p)));

function feed(r: FrameReassembler, chunks: Uint8Array[]): string[] {
  return chunks.flatMap((c) => r.push(c)).map(toHex);
}

/** Every way of cutting `wire` in two notifications gives `expected`, and nothing is left over. */
function expectAtEverySplit(wire: Uint8Array, expected: string[], options?: { maxBufferBytes?: number }): void {
  for (let cut = 0; cut <= wire.length; cut++) {
    const r = new FrameReassembler(options);
    expect([cut, feed(r, [wire.subarray(0, cut), wire.subarray(cut)])]).toEqual([cut, expected]);
    expect([cut, r.bufferedBytes]).toEqual([cut, 0]);
  }
}

/** Byte by byte, `expected` comes out exactly when its last byte (the LF) arrives, never before. */
function expectByteByByte(wire: Uint8Array, expected: string): void {
  const r = new FrameReassembler();
  const outs = Array.from(wire, (b) => r.push(Uint8Array.of(b)).map(toHex));
  expect(outs.slice(0, -1).flat()).toEqual([]);
  expect(outs[outs.length - 1]).toEqual([expected]);
}

/** A 7F 5A header whose length byte claims `length` payload bytes that never come. */
function falseStart(length: number, protocolType = 5): Uint8Array {
  return Uint8Array.of(0x7f, 0x5a, protocolType, 0x03, 0x02, 0, 1, 0, 1, 0x54, 0xaa, length, 0x99);
}

describe('FrameReassembler: only 7F 5A starts a frame', () => {
  it.each([
    ['first magic byte 00', 0, 0x00],
    ['first magic byte 5A', 0, 0x5a],
    ['second magic byte 00', 1, 0x00],
    ['second magic byte 7F', 1, 0x7f],
  ])('a frame-shaped run with the %s is garbage, and the next frame still comes', (_name, at, value) => {
    const bad = wireOf(ADMIN);
    bad[at] = value;
    expect(feed(new FrameReassembler(), [bad, wireOf(REPLY)])).toEqual([REPLY]);
    expectAtEverySplit(concat(bad, wireOf(REPLY)), [REPLY]);
  });

  it.each([0, 3, 4])('drops a complete frame whose protocolType is %i (legacy 6-byte header)', (protocolType) => {
    const legacy = wireOf(ADMIN);
    legacy[2] = protocolType;
    expect(feed(new FrameReassembler(), [legacy])).toEqual([]);
    expectAtEverySplit(concat(legacy, wireOf(REPLY)), [REPLY]);
  });

  it.each([5, 6, 0xff])('passes a frame whose protocolType is %i through (the CRC is decodeFrame’s job)', (protocolType) => {
    const wire = wireOf(ADMIN);
    wire[2] = protocolType;
    const expected = toHex(wire.subarray(0, wire.length - 2));
    expect(feed(new FrameReassembler(), [wire])).toEqual([expected]);
  });

  it('requires the CR of the CR LF too, not only the LF', () => {
    const crOnly = wireOf(ADMIN);
    crOnly[crOnly.length - 2] = 0x0b;
    expect(feed(new FrameReassembler(), [crOnly])).toEqual([]);
    expectAtEverySplit(concat(crOnly, wireOf(REPLY)), [REPLY]);
  });
});

describe('FrameReassembler: false starts', () => {
  const cases: Array<[string, Uint8Array]> = [
    ['one false start claiming 200 bytes', falseStart(0xc8)],
    ['two false starts claiming 200 bytes', concat(falseStart(0xc8), falseStart(0xc8))],
    ['a legacy header, then a false start', concat(falseStart(0x10, 3), falseStart(0xc8))],
    ['a false start, then a legacy header', concat(falseStart(0xc8), falseStart(0x10, 4))],
    ['two false starts whose CR LF offset is already covered', concat(falseStart(0), new Uint8Array(4), falseStart(0))],
  ];

  it.each(cases)('%s before a real frame: the frame, at every split point', (_name, garbage) => {
    expectAtEverySplit(concat(garbage, wireOf(ADD)), [ADD]);
  });

  it.each(cases)('%s before a real frame: the frame as soon as its last byte arrives', (_name, garbage) => {
    const r = new FrameReassembler();
    expect(r.push(garbage)).toEqual([]);
    const outs = Array.from(wireOf(ADD), (b) => r.push(Uint8Array.of(b)).map(toHex));
    expect(outs.slice(0, -1).flat()).toEqual([]);
    expect(outs[outs.length - 1]).toEqual([ADD]);
    expect(r.bufferedBytes).toBe(0);
  });

  it.each([
    ['groupId', 5, { groupId: 0x7f5a }],
    ['orgId', 7, { orgId: 0x7f5a }],
  ])('a 7F 5A inside a real frame (its %s) does not cut the frame', (_name, at, header) => {
    const frame = toHex(encodeFrame(0x54, Uint8Array.of(0x54, 0x01, 0x5a), key, header));
    expect(frame.slice(2 * at, 2 * at + 4)).toBe('7f5a');
    expectAtEverySplit(wireOf(frame), [frame]);
    expectByteByByte(wireOf(frame), frame);
  });

  it.each([
    ['a legacy header', falseStart(0x10, 3)],
    ['a header whose CR LF offset is already covered', concat(falseStart(0), new Uint8Array(4))],
    ['a header claiming more than maxBufferBytes', falseStart(0xff)],
  ])('%s is dropped at once: the garbage after it is not buffered', (_name, start) => {
    const r = new FrameReassembler({ maxBufferBytes: 64 });
    expect(r.push(start)).toEqual([]);
    expect(r.push(new Uint8Array(100).fill(0x11))).toEqual([]);
    expect(r.bufferedBytes).toBe(0);
  });

  it('keeps only a final 7F of garbage, the possible first half of a magic', () => {
    const r = new FrameReassembler();
    expect(r.push(Uint8Array.of(0x00, 0x11, 0x0d, 0x0a))).toEqual([]);
    expect(r.bufferedBytes).toBe(0);
    expect(r.push(Uint8Array.of(0x00, 0x11, 0x7f))).toEqual([]);
    expect(r.bufferedBytes).toBe(1);
    expect(feed(r, [wireOf(ADMIN).subarray(1)])).toEqual([ADMIN]);
  });
});

describe('FrameReassembler: maxBufferBytes', () => {
  it('accepts a frame of exactly maxBufferBytes (CR LF included) and drops one a byte longer', () => {
    const wire = wireOf(ADD);
    expect(feed(new FrameReassembler({ maxBufferBytes: wire.length }), [wire])).toEqual([ADD]);
    expectAtEverySplit(wire, [ADD], { maxBufferBytes: wire.length });
    const tight = new FrameReassembler({ maxBufferBytes: wire.length - 1 });
    expect(feed(tight, [wire, wireOf(ADMIN)])).toEqual([ADMIN]);
    expect(tight.bufferedBytes).toBe(0);
  });

  it('uses the smallest value it accepts, one header (12): then no frame fits', () => {
    expect(feed(new FrameReassembler({ maxBufferBytes: 12 }), [wireOf(ADMIN)])).toEqual([]);
  });

  it.each([11, 12.5, -1, '64', null])('ignores maxBufferBytes %p and keeps the default', (bad) => {
    const largest = toHex(encodeFrame(3, new Uint8Array(MAX_PLAINTEXT), key)); // 253 bytes + CR LF
    expect(DEFAULT_MAX_BUFFER_BYTES).toBeGreaterThanOrEqual(largest.length / 2 + 2);
    const r = new FrameReassembler({ maxBufferBytes: bad as any });
    expect(feed(r, [wireOf(largest), wireOf(ADMIN)])).toEqual([largest, ADMIN]);
  });
});
