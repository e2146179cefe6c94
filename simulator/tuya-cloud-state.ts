/**
 * The mock Tuya cloud's credentials memory: tokens (one live token per Access ID, like the real cloud,
 * §7.1: a new grant makes the previous token answer 1010) and single-use expiring tickets. Ticket crypto
 * is written here from §3 on its own (not imported from cloud/), for the same reason as the signature
 * check: client and mock must not share a bug.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

interface TokenRecord {
  refreshToken: string;
  expiresAt: number;
  live: boolean;
}

interface TicketRecord {
  deviceId: string;
  key16: Buffer;
  expiresAt: number;
  used: boolean;
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function randomAlnum(length: number): string {
  return Array.from(randomBytes(length), (b) => ALNUM[b % ALNUM.length]).join('');
}

export class MockCloudState {
  private tokens = new Map<string, TokenRecord>();
  private refreshIndex = new Map<string, string>();
  private tickets = new Map<string, TicketRecord>();

  constructor(
    private readonly secret: string,
    private readonly settings: { tokenTtlSec: number; ticketTtlSec: number; singleUseTickets: boolean; singleLiveToken: boolean },
  ) {}

  grantToken(now: number): { access_token: string; refresh_token: string; expire_time: number; uid: string } {
    if (this.settings.singleLiveToken) for (const record of this.tokens.values()) record.live = false;
    const access = randomBytes(16).toString('hex');
    const refresh = randomBytes(16).toString('hex');
    this.tokens.set(access, { refreshToken: refresh, expiresAt: now + this.settings.tokenTtlSec * 1000, live: true });
    this.refreshIndex.set(refresh, access);
    return { access_token: access, refresh_token: refresh, expire_time: this.settings.tokenTtlSec, uid: 'mock-uid' };
  }

  /** A refresh token works once; the old pair dies. Returns null for unknown or spent tokens. */
  refresh(refreshToken: string, now: number): ReturnType<MockCloudState['grantToken']> | null {
    const access = this.refreshIndex.get(refreshToken);
    if (access === undefined) return null;
    this.refreshIndex.delete(refreshToken);
    this.tokens.delete(access);
    return this.grantToken(now);
  }

  /** 0 when usable, else Tuya's code: 1011 unknown, 1010 expired or replaced by a newer grant. */
  checkToken(token: string, now: number): 0 | 1010 | 1011 {
    const record = this.tokens.get(token);
    if (!record) return 1011;
    return record.live && now < record.expiresAt ? 0 : 1010;
  }

  expireToken(token: string): void {
    const record = this.tokens.get(token);
    if (record) record.live = false;
  }

  issueTicket(deviceId: string, now: number): { ticket_id: string; ticket_key: string; expire_time: number } {
    const key16 = Buffer.from(randomAlnum(16), 'ascii');
    const cipher = createCipheriv('aes-256-ecb', Buffer.from(this.secret, 'utf8'), null);
    const ticketKey = Buffer.concat([cipher.update(key16), cipher.final()]).toString('hex').toUpperCase();
    const id = randomAlnum(8);
    this.tickets.set(id, { deviceId, key16, expiresAt: now + this.settings.ticketTtlSec * 1000, used: false });
    return { ticket_id: id, ticket_key: ticketKey, expire_time: this.settings.ticketTtlSec };
  }

  /** Consumes the ticket and decrypts the password; null stands for Tuya's 1109 "param is illegal". */
  openPassword(ticketId: string, deviceId: string, hex: string, now: number): string | null {
    const ticket = this.tickets.get(ticketId);
    if (!ticket || ticket.deviceId !== deviceId || ticket.used || now >= ticket.expiresAt) return null;
    if (this.settings.singleUseTickets) ticket.used = true;
    if (!/^(?:[0-9A-Fa-f]{32})+$/.test(hex)) return null;
    try {
      const decipher = createDecipheriv('aes-128-ecb', ticket.key16, null);
      return Buffer.concat([decipher.update(Buffer.from(hex, 'hex')), decipher.final()]).toString('latin1');
    } catch {
      return null;
    }
  }
}
