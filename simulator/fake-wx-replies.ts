/**
 * Lock → phone: a reply payload becomes a frame (the lock's header, command 0x54), then CRLF, then
 * 20-byte notifications on FFF4. The first notification leaves lockProcessingMs after the request's
 * last chunk arrived; each takes one connection interval. The 'reply' and 'notification' faults
 * are applied here. A notification reaches onBLECharacteristicValueChange only if notifications
 * were enabled on FFF4; otherwise it is lost, as on a phone.
 */
import { dropLink } from './fake-wx-connection';
import type { Connection, FakeBleContext } from './fake-wx-context';
import { concatBytes } from '../plugin/core/bytes';
import { CRLF } from '../plugin/protocol';
import { reportUuid } from './phone-quirks';
import { MAX_WRITE_BYTES, TTLOCK_NOTIFY_UUID, TTLOCK_SERVICE_UUID } from './gatt-profile';

/**
 * What an 'unsolicited' fault pushes by default: a late answer to GET_AES_KEY (0x19), a command of
 * the protocol that no request of lockwire's echoes (a lock only ever answers commands).
 */
export const DEFAULT_UNSOLICITED_PLAINTEXT = Uint8Array.of(0x19, 0x01, 0x00);

/** The key a 'wrongKey' reply is encrypted with unless the fault names one. */
export const DEFAULT_WRONG_KEY = Uint8Array.from({ length: 16 }, (_, i) => 0xa0 + i);

function withCrlf(frame: Uint8Array): Uint8Array {
  return concatBytes(frame, Uint8Array.from(CRLF));
}

/** Cuts `bytes` into the given sizes first, then MAX_WRITE_BYTES pieces for whatever is left. */
export function cutIntoNotifications(bytes: Uint8Array, sizes: number[] = []): Uint8Array[] {
  const pieces: Uint8Array[] = [];
  let offset = 0;
  for (const size of sizes) {
    if (offset >= bytes.length) break;
    const n = Math.max(1, Math.floor(size));
    pieces.push(bytes.slice(offset, offset + n));
    offset += n;
  }
  while (offset < bytes.length) {
    pieces.push(bytes.slice(offset, offset + MAX_WRITE_BYTES));
    offset += MAX_WRITE_BYTES;
  }
  return pieces;
}

export function sendReply(ctx: FakeBleContext, connection: Connection, plaintext: Uint8Array): void {
  const fault = ctx.faults.take('reply');
  const lock = connection.lock;
  if (fault?.kind === 'drop') {
    // The lock was about to answer when the link went.
    connection.link.enqueue(() => dropLink(ctx, connection, true), ctx.timing.lockProcessingMs);
    return;
  }
  const frame = lock.encodeReply(plaintext, fault?.kind === 'wrongKey' ? fault.aesKey ?? DEFAULT_WRONG_KEY : undefined);
  if (fault?.kind === 'corruptCrc') frame[frame.length - 1] ^= 0xff;
  const replyPieces = cutIntoNotifications(withCrlf(frame), fault?.kind === 'split' ? fault.sizes : []);

  const pieces: Uint8Array[] = [];
  if (fault?.kind === 'unsolicited') {
    const push = lock.encodeReply(fault.plaintext ?? DEFAULT_UNSOLICITED_PLAINTEXT);
    pieces.push(...cutIntoNotifications(withCrlf(push)));
  }
  pieces.push(...replyPieces);
  if (fault?.kind === 'duplicate') pieces.push(...replyPieces);

  const lost = fault?.kind === 'lose';
  const replyDelayMs = fault?.kind === 'delay' ? fault.ms : 0;
  pieces.forEach((piece, index) => {
    const first = index === 0;
    const notBefore = first ? ctx.timing.lockProcessingMs : 0;
    const notificationFault = ctx.faults.take('notification');
    const gap = (first ? replyDelayMs : 0) + (notificationFault?.kind === 'delay' ? notificationFault.ms : 0);
    const copies = notificationFault?.kind === 'duplicate' ? 2 : 1;
    for (let i = 0; i < copies; i++) {
      connection.link.enqueue(
        () => {
          if (notificationFault?.kind === 'drop') return dropLink(ctx, connection, true);
          if (lost || notificationFault?.kind === 'lose') return;
          notify(ctx, connection, piece);
        },
        notBefore,
        i === 0 ? gap : 0,
      );
    }
  });
}

function notify(ctx: FakeBleContext, connection: Connection, piece: Uint8Array): void {
  if (ctx.connections.get(connection.deviceId) !== connection) return;
  if (!connection.notifying.has(TTLOCK_NOTIFY_UUID)) return;
  ctx.events.emit('BLECharacteristicValueChange', () => ({
    deviceId: connection.deviceId,
    serviceId: reportUuid(ctx.quirks, TTLOCK_SERVICE_UUID),
    characteristicId: reportUuid(ctx.quirks, TTLOCK_NOTIFY_UUID),
    value: piece.slice().buffer,
  }));
}
