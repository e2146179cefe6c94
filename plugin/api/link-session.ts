/**
 * One operation's conversation with one lock over a ready link. The session holds the lock's key
 * and limits, so a command is said once: request(command, payload). It also keeps the lock's login
 * for the link (the lock keeps it per connection, lifecycle spec §1.6): a later operation on the same
 * kept link skips the handshake, and if the lock then refuses as unauthenticated, the session logs
 * in again and resends that command once.
 */
import type { CancelScope } from '../core/cancel';
import { Code, hasCode } from '../core/errors';
import {
  CMD_CHECK_ADMIN,
  CMD_CHECK_RANDOM,
  CMD_CHECK_USER_TIME,
  decodeCheckAdminReply,
  decodeCheckRandomReply,
  decodeCheckUserTimeReply,
  DEFAULT_HEADER,
  encodeCheckAdmin,
  encodeCheckRandom,
  encodeCheckUserTime,
  encodeFrame,
  PERMANENT_END_MS,
  PERMANENT_START_MS,
  splitForWrite,
  toLockTime,
  type FrameHeader,
  type LockData,
  type Reply,
} from '../protocol';
import type { LockLink } from '../ble/lock-link';

export type Login = 'admin' | 'user';

export interface SessionLimits {
  writeMs: () => number;
  replyMs: () => number;
}

/** Lock codes that may mean "this connection is not logged in" (lifecycle spec §8: 0x12 or 0x02). */
const NOT_LOGGED_IN = [0x02, 0x12];

/** The login each link holds; a new link (new connection) starts without one. */
const logins = new WeakMap<LockLink, Login>();

export class LinkSession {
  /** True from the moment a state-changing command's last piece went out until its reply is read. */
  awaitingWriteReply = false;
  /** A state-changing command's last piece went out in this session (it may have reached the lock). */
  wrote = false;
  /** Handshakes run in this session; 0 when an earlier operation's login on this link was reused. */
  handshakes = 0;

  constructor(
    private readonly _link: LockLink,
    readonly lockInfo: LockData,
    readonly lockZoneMs: number,
    private readonly _limits: SessionLimits,
    private readonly _scope: CancelScope,
  ) {}

  /** Sends one command and returns the lock's reply to it. `writes`: the command changes the lock. */
  async request(command: number, payload: Uint8Array, writes = false, header: FrameHeader = DEFAULT_HEADER): Promise<Reply> {
    const pieces = splitForWrite(encodeFrame(command, payload, this.lockInfo.aesKey, header));
    // After a silent timeout the link checks whether the host removed our listener (real phones);
    // a command that changes nothing on the lock is then sent once more.
    const limits = { writeMs: this._limits.writeMs(), replyMs: this._limits.replyMs(), probeMs: this._limits.writeMs, resendIfDeaf: !writes };
    const sent = writes ? () => (this.awaitingWriteReply = this.wrote = true) : undefined;
    const reply = await this._scope.race(this._link.exchange(pieces, command, this.lockInfo.aesKey, limits, sent));
    this.awaitingWriteReply = false;
    return reply;
  }

  get loggedInAs(): Login | undefined {
    return logins.get(this._link);
  }

  /** CHECK_ADMIN -> CHECK_RANDOM (header of CHECK_ADMIN from lockData.lockVersion). */
  async adminLogin(): Promise<void> {
    logins.delete(this._link);
    this.handshakes++;
    const { lockInfo: lockData } = this;
    const admin = await this.request(CMD_CHECK_ADMIN, encodeCheckAdmin(lockData), false, lockData.lockVersion);
    await this._answer(decodeCheckAdminReply(admin), 'admin');
  }

  /**
   * CHECK_USER_TIME with the permanent window (any eKey works, §6.1) -> CHECK_RANDOM. A refusal of
   * CHECK_USER_TIME is returned (the lock's code) rather than thrown, so setLockTime can fall back.
   */
  async userLogin(): Promise<number | undefined> {
    logins.delete(this._link);
    this.handshakes++;
    const { lockInfo: lockData, lockZoneMs: tz } = this;
    const payload = encodeCheckUserTime({
      start: toLockTime(PERMANENT_START_MS, tz),
      end: toLockTime(PERMANENT_END_MS, tz),
      lockFlagPos: lockData.lockFlagPos,
      uid: lockData.uid,
    });
    const reply = await this.request(CMD_CHECK_USER_TIME, payload, false, lockData.lockVersion);
    if (reply.command === CMD_CHECK_USER_TIME && !reply.ok) return reply.errorCode ?? -1;
    await this._answer(decodeCheckUserTimeReply(reply), 'user');
    return undefined;
  }

  private async _answer(psFromLock: number, as: Login): Promise<void> {
    decodeCheckRandomReply(await this.request(CMD_CHECK_RANDOM, encodeCheckRandom(psFromLock, this.lockInfo.unlockKey)));
    logins.set(this._link, as);
  }

  /**
   * Sends a command that needs the admin login. The login of an earlier operation on this link is
   * reused; a refusal that could mean "not logged in" then triggers one fresh login and one resend
   * (safe for writes: a refused command changed nothing).
   */
  async adminRequest(command: number, payload: Uint8Array, writes = false): Promise<Reply> {
    const reused = this.loggedInAs === 'admin' && this.handshakes === 0;
    if (this.loggedInAs !== 'admin') await this.adminLogin();
    const reply = await this.request(command, payload, writes);
    if (!reused || reply.ok || !NOT_LOGGED_IN.includes(reply.errorCode as number)) return reply;
    await this.adminLogin();
    return this.request(command, payload, writes);
  }
}

/** Whether an error leaves a sent command's effect unknown (no verdict was read). */
export function leavesOutcomeUnknown(err: unknown): boolean {
  return hasCode(err, Code.BLE_DISCONNECTED, Code.BLE_NOT_INIT, Code.BLE_ADAPTER_OFF, Code.BLE_WRITE_FAILED, Code.TIMEOUT, Code.PROTO_CRC, Code.PROTO_DECRYPT);
}
