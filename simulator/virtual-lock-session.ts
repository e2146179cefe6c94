/**
 * One BLE connection on the lock side: 20-byte chunks in, whole requests out of a FrameReassembler,
 * then header, CRC and AES checks, then the command table (lock-commands.ts).
 *
 * Choices where the real firmware is unknown (protocol doc §9.8):
 * - A header other than protocol 05 03: no reply (any scene/group/org is accepted).
 * - A bad CRC: reply [echoed header command, 0x00, 0x01 LOCK_CRC_CHECK_ERROR], the error the
 *   vendor table defines for it; the payload is not decrypted.
 * - A payload that does not decrypt (wrong key, bad padding): no reply, as a reset lock would
 *   behave; the client times out. If a wrong key happens to give valid padding, the garbage is
 *   handled as the command's payload (e.g. CHECK_ADMIN answers 0x03).
 * - A frame whose length byte disagrees with its size: no reply.
 */
import { isLockError } from '../plugin/core/errors';
import { decodeFrame, decodeFrameHeader, FrameReassembler, type FrameHeader } from '../plugin/protocol';
import type { LockSession } from './gatt-profile';
import { newSessionAuth, runCommand, type LockState, type SessionAuth } from './lock-commands';
import { LOCK_ERROR } from './passcode-store';

export interface ReceivedRequest {
  command: number;
  header: FrameHeader;
  /** Decrypted payload (for test assertions on what a client actually sent). */
  plaintext: Uint8Array;
}

export class VirtualLockSession implements LockSession {
  private readonly reassembler = new FrameReassembler();
  private auth: SessionAuth = newSessionAuth();
  private open = true;

  constructor(
    private readonly lock: LockState,
    private readonly aesKey: Uint8Array,
    private readonly onRequest: (request: ReceivedRequest) => void,
    private readonly onClose: () => void = () => undefined,
  ) {}

  receive(chunk: Uint8Array): Uint8Array[] {
    if (!this.open) return [];
    const replies: Uint8Array[] = [];
    for (const frame of this.reassembler.push(chunk)) {
      const reply = this.handleFrame(frame);
      if (reply) replies.push(reply);
    }
    return replies;
  }

  /** The lock ends this connection's login on its own (idle period, firmware quirk); the link stays up. */
  forgetLogin(): void {
    this.auth = newSessionAuth();
  }

  close(): void {
    this.open = false;
    this.onClose();
    this.auth = newSessionAuth();
    this.reassembler.reset();
  }

  private handleFrame(frame: Uint8Array): Uint8Array | null {
    let command: number;
    try {
      const head = decodeFrameHeader(frame);
      if (head.header.protocolType !== 5 || head.header.protocolVersion !== 3) return null;
      command = head.command;
    } catch {
      return null;
    }
    let decoded: ReturnType<typeof decodeFrame>;
    try {
      decoded = decodeFrame(frame, this.aesKey);
    } catch (err) {
      if (isLockError(err) && err.code === 'PROTO_CRC') {
        return Uint8Array.of(command, 0x00, LOCK_ERROR.CRC_CHECK);
      }
      return null;
    }
    this.onRequest({ command, header: decoded.header, plaintext: decoded.plaintext });
    return runCommand(this.lock, this.auth, command, decoded.plaintext);
  }
}
