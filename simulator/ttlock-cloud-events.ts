/**
 * Things that happen at the lock, not in an API call, and what the mock cloud does about them
 * (ttlock-cloud-api.md §5.5, §6.2, §7, §11.8-§11.10): a guest types a code on the keypad (the lock decides,
 * random codes by TTLock's use rules, and a gateway-linked or online Wi-Fi lock uploads the record: notifyType
 * 1), a Wi-Fi lock goes online or offline (notifyType 3, offline reported late), a lock leaves or enters its
 * gateway's range (the link stays cached for 30 minutes).
 */
import type { MockCallbacks } from './ttlock-cloud-callbacks';
import type { MockPasscode, MockTTLockLock, MockTTLockState } from './ttlock-cloud-state';

const HOUR = 3600_000;

/** §7 record type "unlock by passcode" (hass-ttlock's models; the TTLock page lists the same value). */
export const RECORD_UNLOCK_BY_PASSCODE = 4;

/**
 * Whether a random (cloud-generated) code opens the lock at `lockNow` (the lock's own clock), and marks it
 * used (§5.5): one-time (1) only within 6 h of its start and only once; permanent (2) and timed (3) only if
 * first used within 24 h of the start, after which they work for their whole validity. The virtual lock cannot
 * check these codes (TTLock's algorithm is secret), so the mock, which issued them, judges them here. Types 4
 * (delete code) and 5-14 (cyclic) are not modelled: they open nothing.
 */
export function useRandomCode(p: MockPasscode, lockNow: number): boolean {
  const t = p.keyboardPwdType;
  if (lockNow < p.startDate) return false;
  let opens = false;
  if (t === 1) opens = !p.used && lockNow < p.startDate + 6 * HOUR;
  else if (t === 2) opens = p.used === true || lockNow < p.startDate + 24 * HOUR;
  else if (t === 3) opens = lockNow < p.endDate && (p.used === true || lockNow < p.startDate + 24 * HOUR);
  if (opens) p.used = true;
  return opens;
}

export interface LockEventDeps {
  state: MockTTLockState;
  callbacks: MockCallbacks;
  serverNow(): number;
  later(ms: number): Promise<void>;
  /** How late the cloud reports a Wi-Fi lock offline (§7: about 15 min). */
  wifiOfflineNotifyLagMs: number;
}

export function createLockEvents(d: LockEventDeps) {
  const lockOf = (lockId: number): MockTTLockLock => {
    const rec = d.state.locks.get(lockId);
    if (!rec) throw new Error(`no lock ${lockId} in the mock`);
    return rec;
  };

  /** Records reach the cloud only from an online Wi-Fi lock or through a reachable, online gateway (§7). */
  function uploads(rec: MockTTLockLock): boolean {
    if (rec.wifi) return rec.wifi.online;
    const id = d.state.linkedGateway(rec, d.serverNow());
    if (id === null || rec.linkLostAt !== undefined) return false;
    const g = d.state.gatewayAt(id, d.serverNow(), d.state.offlineLagMs);
    return g !== undefined && g.online && g.unpluggedAt === undefined;
  }

  return {
    /** A guest types `code` on the lock's keypad now; resolves with whether the door opened once any callback was answered. */
    async typeCode(lockId: number, code: string): Promise<boolean> {
      const rec = lockOf(lockId);
      const lockNow = rec.lock.lockTime();
      const mine = d.state.passcodesOf(lockId).find((p) => p.keyboardPwd === code);
      const opened = mine && mine.isCustom === 0 ? useRandomCode(mine, lockNow) : rec.lock.typePasscode(code);
      if (opened && mine) mine.used = true;
      if (uploads(rec)) {
        // §7 names the fields, not all their values: `username` is the code's name (the TTLock app shows the
        // code's name for keypad entries; our choice), subRecordType 0 (none documented for passcodes).
        const record = {
          recordType: RECORD_UNLOCK_BY_PASSCODE, success: opened ? 1 : 0, username: mine?.keyboardPwdName ?? '', keyboardPwd: code,
          lockDate: lockNow, electricQuantity: rec.lock.battery, serverDate: d.serverNow(), subRecordType: 0,
        };
        await d.callbacks.send(1, { lockId, lockMac: rec.lock.mac, records: JSON.stringify([record]) });
      }
      return opened;
    },

    /**
     * A Wi-Fi lock connects (reported at once) or drops off (commands fail -3036 at once, but the cloud reports
     * it offline only after `wifiOfflineNotifyLagMs`). Resolves once the notifyType 3 callback was answered.
     */
    async setWifiOnline(lockId: number, online: boolean): Promise<void> {
      const rec = lockOf(lockId);
      if (!rec.wifi) throw new Error(`lock ${lockId} is not a Wi-Fi lock`);
      if (rec.wifi.online === online) return;
      rec.wifi.online = online;
      if (!online) await d.later(d.wifiOfflineNotifyLagMs);
      if (rec.wifi.online !== online) return; // back before the late report: the cloud never saw it leave
      // `admin` is the admin account's username (§7 names the field only; our choice).
      await d.callbacks.send(3, {
        lockId, lockAlias: rec.alias, lockMac: rec.lock.mac, networkName: rec.wifi.networkName, admin: rec.adminUsername, isOnline: online ? 1 : 0,
      });
    },

    /**
     * The lock leaves its gateway's range (still listed and tried until the link cache expires) or comes into
     * `gatewayId`'s range (linked at once, with `rssi`).
     */
    setLockInGatewayRange(lockId: number, inRange: boolean, gatewayId?: number, rssi = -60): void {
      const rec = lockOf(lockId);
      if (!inRange) {
        if (rec.gatewayId !== null && rec.linkLostAt === undefined) rec.linkLostAt = d.serverNow();
        return;
      }
      rec.gatewayId = gatewayId ?? rec.gatewayId;
      rec.linkLostAt = undefined;
      rec.rssi = rssi;
    },
  };
}

export type MockLockEvents = ReturnType<typeof createLockEvents>;
