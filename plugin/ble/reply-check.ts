/**
 * Is a decrypted payload something this lock could have sent? A reply under another key (a lock
 * that was reset, a wrong lockData) decrypts to noise, and about 1 in 256 such blocks still ends in
 * a valid padding byte, which used to pass as an "unsolicited frame" and end in 10017. A lock only
 * answers commands: its replies are `[echo][status]...` where the echo is a command of the protocol
 * (ttlock-v3-protocol.md §5.1, ttlock-lifecycle-protocol.md §1), the status is 0 or 1, and a failure
 * names an error of the lock's table (§5.6). Noise passes all of that about twice in a million.
 */
import { Code, hasCode } from '../core/errors';
import { decodeFrame, decodeReply, type Reply } from '../protocol';

/** Every command a TTLock V3 lock answers (pairing, handshakes, passcodes, clock). */
const LOCK_COMMANDS: ReadonlySet<number> = new Set([
  0x01, 0x03, 0x04, 0x07, 0x19, 0x30, 0x31, 0x32, 0x34, 0x41, 0x43, 0x45, 0x55, 0x56,
]);
const REPLY_FAILED = 0;
const REPLY_SUCCESS = 1;
/** The largest error byte in the lock's table (§5.6). */
const MAX_LOCK_ERROR = 0x26;

export function couldBeFromLock(reply: Reply): boolean {
  if (!LOCK_COMMANDS.has(reply.command)) return false;
  if (reply.status === REPLY_SUCCESS) return true;
  if (reply.status !== REPLY_FAILED) return false;
  return reply.errorCode === undefined || (reply.errorCode >= 1 && reply.errorCode <= MAX_LOCK_ERROR);
}

/**
 * What one whole frame (CR LF stripped) from the lock is under `aesKey`: a reply, a frame damaged
 * on the way (bad CRC or framing: the real reply may still come), or proof of the wrong key.
 */
export function readReply(frame: Uint8Array, aesKey: Uint8Array): Reply | 'damaged' | 'wrongKey' {
  let plaintext: Uint8Array;
  try {
    plaintext = decodeFrame(frame, aesKey).plaintext;
  } catch (err) {
    return hasCode(err, Code.PROTO_DECRYPT) ? 'wrongKey' : 'damaged';
  }
  try {
    const reply = decodeReply(plaintext);
    // it decrypted, but to something no lock sends: the key is wrong, whatever the padding said
    return couldBeFromLock(reply) ? reply : 'wrongKey';
  } catch {
    return 'wrongKey';
  }
}
