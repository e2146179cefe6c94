/**
 * getLockTime (lockwire's own; lifecycle spec §6.2): GET_LOCK_TIME needs no login and no payload.
 * The lock's reading is compared with the phone's clock at the moment the reply arrived, and with
 * serverTime (moved on by the time spent) when the host gives one.
 */
import { CMD_GET_LOCK_TIME, decodeLockTimeReply, encodeGetLockTime } from '../protocol';
import { runtime } from './runtime';
import { startOperation } from './pipeline';
import { readArguments, readCommon, readServerTime, operation } from './operation';
import type { LinkSession } from './link-session';
import { timeSource } from './set-lock-time';
import type { GetLockTimeOption, GetLockTimeResult } from './types';

/** One GET_LOCK_TIME exchange: the instant the lock's clock names, and the phone's clock at the reply. */
export async function readLockClock(session: LinkSession): Promise<{ lockTime: number; phoneTime: number }> {
  const reply = await session.request(CMD_GET_LOCK_TIME, encodeGetLockTime(), false, session.lockInfo.lockVersion);
  const phoneTime = runtime.clock.now();
  return { lockTime: decodeLockTimeReply(reply, session.lockZoneMs).epochMs, phoneTime };
}

/** Reads the lock's clock. Never rejects. */
export function getLockTime(option: GetLockTimeOption): Promise<GetLockTimeResult> {
  return startOperation('getLockTime', () => {
    const opt = readArguments<GetLockTimeOption>([option], [], 0);
    const serverTime = readServerTime(opt);
    const common = readCommon(opt, false, runtime.clock.now());
    const server = serverTime === undefined ? undefined : timeSource(serverTime);
    const op = operation<{ lockTime: number; offsetMs: number; serverOffsetMs?: number }>(common, {
      async run(session) {
        const { lockTime, phoneTime } = await readLockClock(session);
        // The lock sends whole seconds: compare with the phone's clock to the second, too.
        const extra: { lockTime: number; offsetMs: number; serverOffsetMs?: number } = {
          lockTime,
          offsetMs: lockTime - Math.floor(phoneTime / 1000) * 1000,
        };
        if (server) extra.serverOffsetMs = lockTime - Math.floor(server() / 1000) * 1000;
        return { extra, summary: 'lock clock read' };
      },
    });
    return op;
  });
}
