/**
 * The clock guard (configure({ clockCheck })): before a timed passcode is written, read the lock's
 * clock (one exchange, no login) and warn in the description, or set it, when it is further off the
 * phone's clock than clockToleranceMs. A drifted lock opens timed codes at the wrong hours.
 */
import { runtime } from './runtime';
import type { LinkSession } from './link-session';
import { readLockClock } from './get-lock-time';
import { calibrate } from './set-lock-time';

/** Returns the sentence to append to the description ('' when the clock is fine or the check is off). */
export async function guardClock(session: LinkSession): Promise<string> {
  const { clockCheck, clockToleranceMs } = runtime.config;
  if (clockCheck === 'off') return '';
  const { lockTime, phoneTime } = await readLockClock(session);
  // The lock reads whole seconds: compare with the phone's clock to the second.
  const off = lockTime - Math.floor(phoneTime / 1000) * 1000;
  if (Math.abs(off) <= clockToleranceMs) return '';
  const drift = `lock clock ${Math.round(Math.abs(off) / 1000)} s ${off > 0 ? 'ahead' : 'behind'}`;
  if (clockCheck === 'warn') return ` Warning: ${drift}; call setLockTime.`;
  await calibrate(session, () => runtime.clock.now());
  return ` Note: ${drift}; set to the phone's.`;
}
