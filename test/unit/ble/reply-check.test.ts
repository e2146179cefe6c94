/**
 * A reply under another key (a reset lock, a wrong lockData) must read as "wrong key" (10001) every
 * time. About 1 in 256 wrong keys still gives valid padding; those used to pass as an unsolicited
 * frame and end in 10017. Thousands of seeded random keys, for each reply the passcode flow awaits.
 */
import { couldBeFromLock, readReply } from '../../../plugin/ble/reply-check';
import { decodeFrame } from '../../../plugin/protocol';
import { createVirtualLock } from '../../../simulator';

/** A small seeded generator (mulberry32): the same keys on every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KEYS = 6000;
const REPLIES = [
  ['CHECK_ADMIN', Uint8Array.of(0x41, 0x01, 0x12, 0x34, 0x56, 0x78)],
  ['CHECK_RANDOM', Uint8Array.of(0x30, 0x01)],
  ['ADD', Uint8Array.of(0x03, 0x01, 0x5a, 0x02)],
  ['ADD refused', Uint8Array.of(0x03, 0x00, 0x14, 0x02)],
] as const;

describe('a reply under another key', () => {
  const lock = createVirtualLock();
  const rightKey = lock.aesKey;

  it.each(REPLIES)('%s: the right key reads the reply', (_name, plaintext) => {
    const reply = readReply(lock.encodeReply(plaintext), rightKey);
    expect(reply).toMatchObject({ command: plaintext[0], status: plaintext[1] });
  });

  it.each(REPLIES)(`%s: ${KEYS} random wrong keys all read as "wrong key", including those with valid padding`, (_name, plaintext) => {
    const random = seeded(plaintext[0] * 31 + plaintext.length);
    let validPadding = 0;
    const misread: string[] = [];
    for (let i = 0; i < KEYS; i++) {
      const wrongKey = Uint8Array.from({ length: 16 }, () => Math.floor(random() * 256));
      const frame = lock.encodeReply(plaintext, wrongKey);
      const result = readReply(frame, rightKey);
      if (result !== 'wrongKey') misread.push(`${Buffer.from(wrongKey).toString('hex')} -> ${JSON.stringify(result)}`);
      // the case that used to slip through: the frame decrypts with valid padding under our key
      if (decryptsWithValidPadding(frame)) validPadding++;
    }
    expect(misread).toEqual([]);
    expect(validPadding).toBeGreaterThan(KEYS / 400); // about 1 in 256 wrong keys pads validly: those were tested too
  });

  /** Whether the frame decrypts under the right key with valid padding (all the old check looked at). */
  function decryptsWithValidPadding(frame: Uint8Array): boolean {
    try {
      decodeFrame(frame, rightKey);
      return true;
    } catch {
      return false;
    }
  }
});

describe('couldBeFromLock: what a lock can answer', () => {
  const reply = (command: number, status: number, errorCode?: number) => ({ command, status, ok: status === 1, data: new Uint8Array(0), errorCode });

  it('only commands of the protocol', () => {
    expect(couldBeFromLock(reply(0x03, 1))).toBe(true);
    expect(couldBeFromLock(reply(0x55, 1))).toBe(true);
    expect(couldBeFromLock(reply(0x02, 1))).toBe(false);
    expect(couldBeFromLock(reply(0xff, 1))).toBe(false);
  });

  it('status 1, or status 0 with no error byte or one of the table 0x01..0x26; nothing else', () => {
    expect(couldBeFromLock(reply(0x03, 0))).toBe(true);
    for (const code of [0x01, 0x14, 0x26]) expect(couldBeFromLock(reply(0x03, 0, code))).toBe(true);
    for (const code of [0x00, 0x27, 0xff]) expect(couldBeFromLock(reply(0x03, 0, code))).toBe(false);
    for (const status of [2, 0xff]) expect(couldBeFromLock(reply(0x03, status))).toBe(false);
  });
});

describe('readReply: damaged on the way is not a wrong key', () => {
  const lock = createVirtualLock();

  it('a frame with a bad CRC or cut short is "damaged"; one that does not decrypt is "wrongKey"', () => {
    const frame = lock.encodeReply(Uint8Array.of(0x30, 0x01));
    const badCrc = frame.slice();
    badCrc[badCrc.length - 1] ^= 0xff;
    expect(readReply(badCrc, lock.aesKey)).toBe('damaged');
    expect(readReply(frame.slice(0, 10), lock.aesKey)).toBe('damaged');
    expect(readReply(frame, new Uint8Array(16))).toBe('wrongKey');
  });
});
