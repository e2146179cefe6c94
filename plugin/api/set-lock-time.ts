/**
 * setLockTime (lifecycle spec §6.1): the eKey handshake (any eKey works) then TIME_CALIBRATE; when
 * the lock refuses the eKey (typically because its clock drifted outside the eKey's window), the
 * calibrate goes out straight away without a login, as the official SDK does.
 */
import { CMD_TIME_CALIBRATE, decodeTimeCalibrateReply, encodeTimeCalibrate } from '../protocol';
import { runtime } from './runtime';
import { startOperation } from './pipeline';
import { checkLockTime, readArguments, readCommon, readServerTime, operation } from './operation';
import type { LinkSession } from './link-session';
import type { DisconnectCallback, SetLockTimeOption, TTLockError } from './types';

/** The time to send: serverTime moved on by the time spent since the call, or the phone's clock. */
export function timeSource(serverTime: number | undefined): () => number {
  const calledAt = runtime.clock.now();
  return () => (serverTime === undefined ? runtime.clock.now() : serverTime + runtime.clock.now() - calledAt);
}

/**
 * Sends TIME_CALIBRATE for `now()`; the session must be logged in, or the lock lenient. The lock
 * keeps whole seconds, so the time is rounded to the nearest one rather than cut (the official SDK
 * cuts, leaving the lock up to a second behind).
 */
export async function calibrate(session: LinkSession, now: () => number): Promise<void> {
  decodeTimeCalibrateReply(await session.request(CMD_TIME_CALIBRATE, encodeTimeCalibrate(now() + 500, session.lockZoneMs), true));
}

/** Sets the lock's clock. Never rejects. */
export function setLockTime(option: SetLockTimeOption): Promise<TTLockError>;
/** The official 2.x positional form. */
export function setLockTime(serverTime: number, lockData: string, disconnectCallback?: DisconnectCallback): Promise<TTLockError>;
export function setLockTime(...args: unknown[]): Promise<TTLockError> {
  return startOperation('setLockTime', () => {
    const option = readArguments<SetLockTimeOption>(args, ['serverTime'], 2);
    const serverTime = readServerTime(option);
    const common = readCommon(option, false, serverTime ?? runtime.clock.now());
    const now = timeSource(serverTime);
    checkLockTime(now(), common.lockZoneMs, 'serverTime');
    const op = operation<object>(common, {
      async run(session, progress) {
        let note = '';
        if (session.loggedInAs === undefined) {
          progress('authenticating');
          // Only the lock refusing the eKey falls back; a failed CHECK_RANDOM or a link error does not.
          const refused = await session.userLogin();
          if (refused !== undefined) note = ` (eKey refused with ${refused}: set without login, as the official plugin)`;
          progress('writing');
        }
        await calibrate(session, now);
        return { extra: {}, summary: `lock clock set${note}` };
      },
    });
    return op;
  });
}
