/**
 * The reply side of a link (reply-waiter.ts): chunks from the notify characteristic in, the one
 * awaited reply out. Frames come from the virtual lock's own encoder and are cut as on the wire
 * (CR LF, 20-byte pieces); time is a manual clock, so a timeout is a step, not a wait.
 */
import type { Clock } from '../../../plugin/core/clock';
import { LockError } from '../../../plugin/core/errors';
import { setLogging } from '../../../plugin/core/log';
import { splitForWrite } from '../../../plugin/protocol';
import { ReplyWaiter } from '../../../plugin/ble/reply-waiter';
import { drainJobs } from '../../helpers/drive';
import { createVirtualLock } from '../../../simulator';

function manualClock(): { clock: Clock; advance: (ms: number) => void; pending: () => number } {
  let now = 0;
  let next = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  return {
    clock: {
      setTimeout: (fn, ms) => (timers.set(++next, { at: now + ms, fn }), next),
      clearTimeout: (handle) => void timers.delete(handle as number),
      now: () => now,
    },
    advance: (ms) => {
      now += ms;
      for (const [id, t] of [...timers]) if (t.at <= now && timers.delete(id)) t.fn();
    },
    pending: () => timers.size,
  };
}

const CHECK_ADMIN = 0x41;
const ADMIN_REPLY = Uint8Array.of(CHECK_ADMIN, 0x01, 0x12, 0x34, 0x56, 0x78);
const RANDOM_REPLY = Uint8Array.of(0x30, 0x01);

async function settled(p: Promise<unknown>): Promise<unknown> {
  return p.then((value) => ({ value }), (err: unknown) => err);
}

/**
 * The reply, or the error, once every queued promise step has run; 'pending' if the wait has not
 * ended. The clock is manual, so a wait that never ends would otherwise hang the test instead of
 * failing it.
 */
async function settledNow(p: Promise<unknown>): Promise<unknown> {
  let outcome: unknown = 'pending';
  void settled(p).then((o) => (outcome = o));
  await drainJobs();
  return outcome;
}

describe('ReplyWaiter', () => {
  const lock = createVirtualLock();
  const feed = (waiter: ReplyWaiter, frame: Uint8Array): void => splitForWrite(frame).forEach((piece) => waiter.takeChunk(piece));

  it('reassembles a reply cut into pieces, resolves the wait with it, and clears its timer', async () => {
    const { clock, pending } = manualClock();
    const waiter = new ReplyWaiter(clock);
    const wait = waiter.expectReply(CHECK_ADMIN, lock.aesKey);
    const reply = wait(2500);
    expect(splitForWrite(lock.encodeReply(ADMIN_REPLY)).length).toBeGreaterThan(1);
    feed(waiter, lock.encodeReply(ADMIN_REPLY));
    expect(await settledNow(reply)).toMatchObject({ value: { command: CHECK_ADMIN, status: 1 } });
    expect(pending()).toBe(0);
  });

  it('keeps a reply that came before the wait started (while the last piece was being confirmed)', async () => {
    const { clock } = manualClock();
    const waiter = new ReplyWaiter(clock);
    const wait = waiter.expectReply(CHECK_ADMIN, lock.aesKey);
    feed(waiter, lock.encodeReply(ADMIN_REPLY));
    expect(await settledNow(wait(2500))).toMatchObject({ value: { command: CHECK_ADMIN } });
  });

  it('skips a stale frame echoing another command and takes the right one after it', async () => {
    const { clock } = manualClock();
    const waiter = new ReplyWaiter(clock);
    const reply = waiter.expectReply(CHECK_ADMIN, lock.aesKey)(2500);
    const lines: string[] = [];
    setLogging(true, (line) => lines.push(line));
    try {
      feed(waiter, lock.encodeReply(RANDOM_REPLY));
      expect(await settledNow(reply)).toBe('pending');
      expect(lines).toEqual(['[lockwire] stale frame 0x30 skipped']);
    } finally {
      setLogging(false);
    }
    feed(waiter, lock.encodeReply(ADMIN_REPLY));
    expect(await settledNow(reply)).toMatchObject({ value: { command: CHECK_ADMIN } });
  });

  it('ends the wait at once, with PROTO_DECRYPT, on a reply under another key', async () => {
    const { clock } = manualClock();
    const waiter = new ReplyWaiter(clock);
    const reply = waiter.expectReply(CHECK_ADMIN, lock.aesKey)(2500);
    feed(waiter, lock.encodeReply(ADMIN_REPLY, new Uint8Array(16).fill(7)));
    const err = await settledNow(reply);
    expect(err).toBeInstanceOf(LockError);
    expect((err as LockError).code).toBe('PROTO_DECRYPT');
    expect((err as LockError).message).toBe('reply does not decrypt with this lockData key (lock reset?)');
    expect((err as LockError).message).not.toMatch(/[0-9a-f]{32}/i);
  });

  it('times out with TIMEOUT when nothing comes, and with PROTO_CRC when only a damaged frame came', async () => {
    for (const damaged of [false, true]) {
      const { clock, advance } = manualClock();
      const waiter = new ReplyWaiter(clock);
      const reply = settled(waiter.expectReply(CHECK_ADMIN, lock.aesKey)(2500));
      if (damaged) {
        const frame = lock.encodeReply(ADMIN_REPLY);
        frame[frame.length - 1] ^= 0xff; // the CRC byte
        feed(waiter, frame);
      }
      advance(2499);
      await Promise.resolve();
      advance(1);
      const err = (await reply) as LockError;
      expect(err.code).toBe(damaged ? 'PROTO_CRC' : 'TIMEOUT');
      expect(err.message).toBe(damaged ? 'reply to 0x41 failed its CRC' : 'no reply to 0x41 in 2500 ms');
      if (damaged) expect((err.cause as LockError).code).toBe('TIMEOUT');
    }
  });

  it('a damaged frame does not end the wait: the real reply after it still resolves it', async () => {
    const { clock } = manualClock();
    const waiter = new ReplyWaiter(clock);
    const reply = waiter.expectReply(CHECK_ADMIN, lock.aesKey)(2500);
    const frame = lock.encodeReply(ADMIN_REPLY);
    frame[frame.length - 1] ^= 0xff;
    feed(waiter, frame);
    expect(await settledNow(reply)).toBe('pending');
    feed(waiter, lock.encodeReply(ADMIN_REPLY));
    expect(await settledNow(reply)).toMatchObject({ value: { command: CHECK_ADMIN } });
  });

  it('stopWaiting rejects the wait and clears its timer; frames after it are ignored', async () => {
    const { clock, pending } = manualClock();
    const waiter = new ReplyWaiter(clock);
    const reply = waiter.expectReply(CHECK_ADMIN, lock.aesKey)(2500);
    expect(pending()).toBe(1);
    waiter.stopWaiting();
    const err = (await settledNow(reply)) as LockError;
    expect(err.code).toBe('BLE_DISCONNECTED');
    expect(err.message).toBe('exchange ended');
    expect(pending()).toBe(0);
    expect(() => feed(waiter, lock.encodeReply(ADMIN_REPLY, new Uint8Array(16)))).not.toThrow();
  });
});
