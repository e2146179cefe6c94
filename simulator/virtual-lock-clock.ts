/**
 * The virtual lock's clock (lifecycle spec §6, §10): a wall clock in the lock's own zone that runs
 * from the simulation's time source, drifts by a settable rate, and can be set over BLE
 * (TIME_CALIBRATE 0x43) or by a test. GET_LOCK_TIME 0x34 reads it without any login.
 */
import { readLockClock } from '../plugin/protocol';
import { fail, type Handler } from './virtual-lock-state';
import { LOCK_ERROR } from './passcode-store';

const CMD_TIME_CALIBRATE = 0x43;
const CMD_GET_LOCK_TIME = 0x34;

export class LockClock {
  private anchorReal: number;
  private anchorWall: number;
  private ppm: number;

  /**
   * `now` is looked up at every reading, so jest fake timers drive it. `wallOffsetMs` is the
   * lock's zone offset plus how far its clock starts off the true time.
   */
  constructor(private readonly now: () => number, wallOffsetMs: number, driftPpm = 0) {
    this.anchorReal = now();
    this.anchorWall = this.anchorReal + wallOffsetMs;
    this.ppm = driftPpm;
  }

  /** Milliseconds whose UTC calendar fields are the lock's wall clock. */
  wallMs(): number {
    const elapsed = this.now() - this.anchorReal;
    return this.anchorWall + Math.round(elapsed * (1 + this.ppm / 1e6));
  }

  setWallMs(wallMs: number): void {
    this.anchorReal = this.now();
    this.anchorWall = wallMs;
  }

  get driftPpm(): number {
    return this.ppm;
  }

  /** Changes the rate from now on; the time shown so far is kept. */
  set driftPpm(ppm: number) {
    this.setWallMs(this.wallMs());
    this.ppm = ppm;
  }

  /** The six clock bytes YY MM DD hh mm ss. */
  bytes(): number[] {
    const d = new Date(this.wallMs());
    return [d.getUTCFullYear() - 2000, d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()];
  }
}

/**
 * 0x43: six bytes of a possible date in 2000..2099 set the clock (else 0x20). Default: no login
 * needed, which the official fallback relies on; strict rule: an eKey or admin login, or a
 * CHECK_USER_TIME that just failed on this connection.
 */
export const timeCalibrate: Handler = (lock, auth, payload) => {
  const allowed = !lock.rules.calibrateNeedsAuth || auth.level !== 'none' || auth.userTimeFailed;
  auth.userTimeFailed = false;
  if (!allowed) return fail(CMD_TIME_CALIBRATE, lock.rules.notLoggedInCode);
  if (payload.length !== 6) return fail(CMD_TIME_CALIBRATE, LOCK_ERROR.INVALID_PARAM);
  let wallMs: number;
  try {
    wallMs = readLockClock(payload, 0).epochMs;
  } catch {
    return fail(CMD_TIME_CALIBRATE, LOCK_ERROR.INVALID_PARAM);
  }
  lock.clock.setWallMs(wallMs);
  return [CMD_TIME_CALIBRATE, 0x01];
};

/** 0x34: no login; the payload (empty, or a padding block that decrypted to nothing) is not read. */
export const getLockTime: Handler = (lock) => [CMD_GET_LOCK_TIME, 0x01, ...lock.clock.bytes()];
