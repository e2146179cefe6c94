/**
 * FrameReassembler: every split point, byte-by-byte, glued frames, garbage, false 7F 5A starts,
 * truncated frames, the buffer cap, and a fuzz that must never throw.
 */
import fc from 'fast-check';
import { hex, loadVectors, toHex } from '../../helpers/vectors';
import { FrameReassembler, encodeFrame } from '../../../plugin/protocol';

const file = loadVectors('ttlock');
const key = hex(file.meta.fixed_inputs.aesKey);
/** Every frame in the shared file, each with its on-air CR LF. */
const vectorFrames: string[] = file.vectors.filter((v: any) => typeof v.frame === 'string').map((v: any) => v.frame);
const withCrlf = (frameHex: string) => hex(frameHex + '0d0a');

function feed(r: FrameReassembler, chunks: Uint8Array[]): string[] {
  return chunks.flatMap((c) => r.push(c)).map(toHex);
}

describe('FrameReassembler', () => {
  it('the shared file provides frames to reassemble', () => expect(vectorFrames.length).toBeGreaterThanOrEqual(4));

  it.each(vectorFrames)('splits at every byte position: %s', (frameHex) => {
    const wire = withCrlf(frameHex);
    for (let cut = 0; cut <= wire.length; cut++) {
      const r = new FrameReassembler();
      expect(feed(r, [wire.subarray(0, cut), wire.subarray(cut)])).toEqual([frameHex]);
      expect(r.bufferedBytes).toBe(0);
    }
  });

  it.each(vectorFrames)('byte by byte: %s', (frameHex) => {
    const wire = withCrlf(frameHex);
    const r = new FrameReassembler();
    const outs = Array.from(wire, (b) => r.push(Uint8Array.of(b)).map(toHex));
    // nothing before the last byte (the LF), the frame exactly then
    expect(outs.slice(0, -1).flat()).toEqual([]);
    expect(outs[outs.length - 1]).toEqual([frameHex]);
    expect(r.bufferedBytes).toBe(0);
  });

  it('returns several frames from one chunk, and one glued to the start of the next', () => {
    const all = vectorFrames.map(withCrlf);
    const glued = Uint8Array.from(all.flatMap((w) => Array.from(w)));
    expect(feed(new FrameReassembler(), [glued])).toEqual(vectorFrames);
    for (let cut = 1; cut < glued.length; cut += 7) {
      expect(feed(new FrameReassembler(), [glued.subarray(0, cut), glued.subarray(cut)])).toEqual(vectorFrames);
    }
  });

  it('skips garbage in front of a frame, and does not hold on to it', () => {
    const garbage = Uint8Array.of(0x00, 0x0d, 0x0a, 0x7f, 0x11, 0x5a, 0xff);
    const r = new FrameReassembler();
    expect(r.push(garbage)).toEqual([]);
    expect(r.bufferedBytes).toBe(0);
    expect(feed(r, [withCrlf(vectorFrames[0])])).toEqual([vectorFrames[0]]);
    expect(r.bufferedBytes).toBe(0);
  });

  it('a false 7F 5A in garbage (claiming a long frame) does not hold back a real frame', () => {
    // 7F 5A 05 ... length 0xC8 would need 215 bytes; the real frame arrives well before that.
    const falseStart = Uint8Array.of(0x7f, 0x5a, 0x05, 0x03, 0x02, 0, 1, 0, 1, 0x54, 0xaa, 0xc8, 0x99);
    const real = withCrlf(vectorFrames[vectorFrames.length - 1]);
    const r = new FrameReassembler();
    expect(feed(r, [falseStart, real])).toEqual([vectorFrames[vectorFrames.length - 1]]);
    expect(r.bufferedBytes).toBe(0);
    // And split byte by byte it is still found, as soon as its last byte arrives.
    const r2 = new FrameReassembler();
    const chunks = [falseStart, ...Array.from(real, (b) => Uint8Array.of(b))];
    const outs = chunks.map((c) => r2.push(c).map(toHex));
    expect(outs[outs.length - 1]).toEqual([vectorFrames[vectorFrames.length - 1]]);
    expect(outs.slice(0, -1).flat()).toEqual([]);
  });

  it('a false 7F 5A whose CR LF offset is already covered is dropped at once', () => {
    const falseStart = Uint8Array.of(0x7f, 0x5a, 0x05, 0x03, 0x02, 0, 1, 0, 1, 0x54, 0xaa, 0x00, 0x00, 0x00, 0x00);
    expect(feed(new FrameReassembler(), [falseStart, withCrlf(vectorFrames[0])])).toEqual([vectorFrames[0]]);
  });

  it('a truncated frame followed by a good one yields the good one', () => {
    for (const cutAt of [5, 12, 20, 30]) {
      const truncated = withCrlf(vectorFrames[0]).subarray(0, cutAt);
      const r = new FrameReassembler();
      expect(feed(r, [truncated, withCrlf(vectorFrames[1])])).toEqual([vectorFrames[1]]);
      // The next frame is not affected by what came before.
      expect(feed(r, [withCrlf(vectorFrames[2])])).toEqual([vectorFrames[2]]);
    }
  });

  it('requires the CR LF at the computed offset', () => {
    const wire = withCrlf(vectorFrames[0]);
    wire[wire.length - 1] = 0x0b;
    const r = new FrameReassembler();
    expect(feed(r, [wire])).toEqual([]);
    expect(feed(r, [withCrlf(vectorFrames[1])])).toEqual([vectorFrames[1]]);
  });

  it('keeps at most maxBufferBytes and drops frames that could not fit', () => {
    const big = toHex(encodeFrame(3, new Uint8Array(100), key)); // 112-byte payload
    const small = new FrameReassembler({ maxBufferBytes: 64 });
    expect(feed(small, [withCrlf(big), withCrlf(vectorFrames[0])])).toEqual([vectorFrames[0]]);
    expect(feed(new FrameReassembler(), [withCrlf(big)])).toEqual([big]);
    const r = new FrameReassembler({ maxBufferBytes: 64 });
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
        r.push(bytes);
        expect(r.bufferedBytes).toBeLessThanOrEqual(64);
      }),
    );
  });

  it('reset() forgets a partial frame', () => {
    const wire = withCrlf(vectorFrames[0]);
    const r = new FrameReassembler();
    r.push(wire.subarray(0, 10));
    r.reset();
    expect(r.bufferedBytes).toBe(0);
    expect(feed(r, [wire.subarray(10)])).toEqual([]);
    expect(feed(r, [wire])).toEqual([vectorFrames[0]]);
  });

  it('ignores non-Uint8Array input without throwing', () => {
    const r = new FrameReassembler();
    expect(r.push(undefined as any)).toEqual([]);
    expect(r.push([0x7f, 0x5a] as any)).toEqual([]);
  });

  it('never throws on random input, and still finds a frame after it', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ maxLength: 64 }), { maxLength: 20 }),
        fc.integer({ min: 40, max: 600 }), // the frame needs 31 bytes
        (chunks, cap) => {
          const r = new FrameReassembler({ maxBufferBytes: cap });
          for (const c of chunks) r.push(c);
          // Random bytes may leave an incomplete candidate; a long run of zeros flushes it.
          r.push(new Uint8Array(300));
          expect(feed(r, [withCrlf(vectorFrames[0])])).toEqual([vectorFrames[0]]);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
