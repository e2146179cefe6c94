/**
 * The reply side of a link: notification chunks in, the one reply an exchange waits for out.
 * Chunks become frames in the reassembler (a reply comes in 20-byte pieces); each whole frame is read
 * under the awaited command's key (reply-check.ts). A frame that echoes another command is a stale
 * answer and is skipped; one that proves the key wrong ends the wait at once; a damaged one does not
 * (the real reply may still come), but if nothing else comes the timeout says "CRC", not "no reply".
 * The link owns the waiter and feeds it; the waiter knows nothing of wx or of the link's state.
 */
import type { Clock } from '../core/clock';
import { Code, hasCode, LockError } from '../core/errors';
import { log } from '../core/log';
import { withTimeout } from '../core/timeouts';
import { FrameReassembler, type Reply } from '../protocol';
import { readReply } from './reply-check';

interface AwaitedReply {
  command: number;
  aesKey: Uint8Array;
  resolve: (reply: Reply) => void;
  reject: (err: LockError) => void;
  sawCorruptFrame: boolean;
}

export class ReplyWaiter {
  private readonly _reassembler = new FrameReassembler();
  private _awaited?: AwaitedReply;

  constructor(private readonly _clock: Clock) {}

  /**
   * Starts waiting for the reply that echoes `command` (before the first piece goes out: the lock
   * may answer while the last write is still being confirmed). The returned function waits for it,
   * at most `ms`, once the pieces are out.
   */
  expectReply(command: number, aesKey: Uint8Array): (ms: number) => Promise<Reply> {
    let awaited!: AwaitedReply;
    const reply = new Promise<Reply>((resolve, reject) => {
      awaited = this._awaited = { command, aesKey, resolve, reject, sawCorruptFrame: false };
    });
    reply.catch(() => undefined);
    return (ms) =>
      withTimeout(this._clock, reply, ms, () => new LockError(Code.TIMEOUT, `no reply to 0x${command.toString(16)} in ${ms} ms`)).catch((err: unknown) => {
        // withTimeout builds its error up front, so whether a corrupt frame came is decided here
        if (awaited.sawCorruptFrame && hasCode(err, Code.TIMEOUT)) {
          throw new LockError(Code.PROTO_CRC, `reply to 0x${command.toString(16)} failed its CRC`, { cause: err });
        }
        throw err;
      });
  }

  /** Ends the wait on every path (drop, write failure, cancel, done), so its timer is cleared now. */
  stopWaiting(): void {
    if (this._awaited) this._awaited.reject(new LockError(Code.BLE_DISCONNECTED, 'exchange ended'));
    this._awaited = undefined;
  }

  /** One notification chunk of the lock's notify characteristic. */
  takeChunk(chunk: Uint8Array): void {
    for (const frame of this._reassembler.push(chunk)) {
      const awaited = this._awaited;
      if (!awaited) continue; // nothing is waiting for it
      const reply = readReply(frame, awaited.aesKey);
      if (reply === 'wrongKey') awaited.reject(wrongKey());
      else if (reply === 'damaged') awaited.sawCorruptFrame = true; // wait on: the real reply may still come
      else if (reply.command === awaited.command) awaited.resolve(reply);
      else log(`stale frame 0x${reply.command.toString(16)} skipped`);
    }
  }
}

function wrongKey(): LockError {
  return new LockError(Code.PROTO_DECRYPT, 'reply does not decrypt with this lockData key (lock reset?)');
}
