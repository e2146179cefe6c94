/**
 * Turns BLE notifications back into whole frames (spec §1, "Incoming reassembly").
 *
 * Length-driven: a frame starting with 7F 5A occupies 12 + len + 1 (CRC) + 2 (CR LF) bytes, and the
 * CR LF must sit exactly at that offset. Anything else is garbage: we drop it and resync on the next
 * 7F 5A. A candidate that is still incomplete is given up early when a later 7F 5A inside its
 * claimed extent already forms a complete, CR LF-terminated frame; otherwise a false 7F 5A with a
 * large length byte would hold a real reply back until unrelated bytes arrived.
 *
 * It does NOT check the CRC: decodeFrame does that, so a corrupted frame is reported as PROTO_CRC
 * by the caller instead of vanishing here. push() never throws, whatever it is given.
 */
import {
  CRC_LENGTH,
  CRLF,
  FRAME_MAGIC,
  HEADER_LENGTH,
  LENGTH_OFFSET,
  MIN_PROTOCOL_TYPE_12_BYTE_HEADER,
} from './frame';
import { isNumber } from '../core/assert';

export interface FrameReassemblerOptions {
  /** Most bytes kept between pushes; a frame that would need more is treated as garbage. */
  maxBufferBytes?: number;
}

export const DEFAULT_MAX_BUFFER_BYTES = 512;

type Candidate = { kind: 'frame'; end: number } | { kind: 'incomplete' } | { kind: 'invalid' };

export class FrameReassembler {
  private readonly _maxBufferBytes: number;
  private _buffer: Uint8Array = new Uint8Array(0);

  constructor(options: FrameReassemblerOptions = {}) {
    const max = options.maxBufferBytes;
    this._maxBufferBytes =
      isNumber(max) && Number.isInteger(max) && max >= HEADER_LENGTH
        ? max
        : DEFAULT_MAX_BUFFER_BYTES;
  }

  /** Bytes currently held while waiting for the rest of a frame. */
  get bufferedBytes(): number {
    return this._buffer.length;
  }

  reset(): void {
    this._buffer = new Uint8Array(0);
  }

  /** Returns every frame completed by `chunk`, CR LF stripped, in arrival order. */
  push(chunk: Uint8Array): Uint8Array[] {
    if (!(chunk instanceof Uint8Array) || chunk.length === 0) return [];
    const buf = new Uint8Array(this._buffer.length + chunk.length);
    buf.set(this._buffer, 0);
    buf.set(chunk, this._buffer.length);

    const frames: Uint8Array[] = [];
    let pos = 0;
    for (;;) {
      const start = this._findMagic(buf, pos);
      if (start < 0) {
        // Keep a trailing 7F: it may be the first half of a magic split across notifications.
        // (A frame never ends in 7F, so this cannot keep a byte already consumed.)
        const keep = buf[buf.length - 1] === FRAME_MAGIC[0] ? 1 : 0;
        pos = buf.length - keep;
        break;
      }
      pos = start;
      const here = this._inspect(buf, pos);
      if (here.kind === 'frame') {
        frames.push(buf.slice(pos, here.end - CRLF.length));
        pos = here.end;
        continue;
      }
      if (here.kind === 'invalid') {
        pos += 1; // a false start: resync on the next 7F 5A
        continue;
      }
      const later = this._findCompleteLaterFrame(buf, pos);
      if (later === -1) break; // wait for more bytes
      pos = later;
    }
    this._buffer = buf.slice(pos);
    return frames;
  }

  private _findMagic(buf: Uint8Array, from: number): number {
    for (let i = buf.indexOf(FRAME_MAGIC[0], from); i !== -1; i = buf.indexOf(FRAME_MAGIC[0], i + 1)) {
      if (buf[i + 1] === FRAME_MAGIC[1]) return i;
    }
    return -1;
  }

  private _inspect(buf: Uint8Array, at: number): Candidate {
    const available = buf.length - at;
    // A byte not yet received reads as undefined, which is not < 5: the check waits for it.
    if (buf[at + 2] < MIN_PROTOCOL_TYPE_12_BYTE_HEADER) return { kind: 'invalid' };
    if (available <= LENGTH_OFFSET) return { kind: 'incomplete' };
    const total = HEADER_LENGTH + buf[at + LENGTH_OFFSET] + CRC_LENGTH + CRLF.length;
    if (total > this._maxBufferBytes) return { kind: 'invalid' };
    if (available < total) return { kind: 'incomplete' };
    const end = at + total;
    if (buf[end - 2] !== CRLF[0] || buf[end - 1] !== CRLF[1]) return { kind: 'invalid' };
    return { kind: 'frame', end };
  }

  /** Start of a later complete frame, or -1; see the class comment for why this exists. */
  private _findCompleteLaterFrame(buf: Uint8Array, from: number): number {
    for (let i = this._findMagic(buf, from + 1); i !== -1; i = this._findMagic(buf, i + 1)) {
      if (this._inspect(buf, i).kind === 'frame') return i;
    }
    return -1;
  }
}
