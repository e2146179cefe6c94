/**
 * Locks, eKeys and gateways (ttlock-cloud-api.md §4, §6.1). Lock summaries never carry lockData or the
 * lock's stored secrets (noKeyPwd, adminPwd, lockKey, aesKeyStr): the admin lockData comes only from
 * getAdminLockData, which refuses anything but a normal admin eKey.
 */
import type { TTLockCore } from './core';
import { TTLockError } from './errors';
import { checkId } from './rules';

export interface LockSummary {
  lockId: number;
  lockName?: string;
  lockAlias?: string;
  lockMac?: string;
  electricQuantity?: number;
  /** Hex string; parse with BigInt (bits past 53 matter). */
  featureValue?: string;
  hasGateway: boolean;
  groupId?: number;
  groupName?: string;
}

export interface LockDetail extends LockSummary {
  timezoneRawOffset?: number;
  modelNum?: string;
  hardwareRevision?: string;
  firmwareRevision?: string;
  autoLockTime?: number;
  passageMode?: number;
}

export interface AdminLockData {
  lockId: number;
  keyId?: number;
  /** The admin eKey's lockData: a secret. Hand it only to a phone allowed to manage this lock. */
  lockData: string;
}

const SUMMARY_FIELDS = ['lockName', 'lockAlias', 'lockMac', 'electricQuantity', 'featureValue', 'groupId', 'groupName'] as const;
const DETAIL_FIELDS = ['timezoneRawOffset', 'modelNum', 'hardwareRevision', 'firmwareRevision', 'autoLockTime', 'passageMode'] as const;

function pick<T>(raw: Record<string, unknown>, fields: readonly string[], into: T): T {
  for (const f of fields) if (raw[f] !== undefined && raw[f] !== null) (into as Record<string, unknown>)[f] = raw[f];
  return into;
}

function summary(raw: Record<string, unknown>): LockSummary {
  return pick(raw, SUMMARY_FIELDS, { lockId: Number(raw.lockId), hasGateway: Number(raw.hasGateway) === 1 } as LockSummary);
}

interface Page<T> {
  list?: T[];
  pageNo?: number;
  pages?: number;
  total?: number;
}

const ADMIN_EKEY = '110301';
const KEY_NORMAL = '110401';
const KEY_STATUS: Record<string, string> = { '110402': 'pending', '110405': 'frozen', '110408': 'deleted', '110410': 'reset' };

export function lockOperations(core: TTLockCore) {
  return {
    /** Every lock this account administers, all pages (1000 a page). */
    async listLocks(options: { alias?: string } = {}): Promise<LockSummary[]> {
      const out: LockSummary[] = [];
      for (let pageNo = 1; pageNo <= 100; pageNo++) {
        const page = await core.read<Page<Record<string, unknown>>>('lock list', 'GET', '/v3/lock/list', {
          pageNo,
          pageSize: 1000,
          lockAlias: options.alias,
        });
        out.push(...(page.list ?? []).map(summary));
        if (!page.pages || pageNo >= page.pages) break;
      }
      return out;
    },

    async getLock(lockId: number): Promise<LockDetail> {
      const id = checkId(lockId, 'lockId');
      const raw = await core.read<Record<string, unknown>>('lock detail', 'GET', '/v3/lock/detail', { lockId: id });
      return pick(raw, DETAIL_FIELDS, summary({ ...raw, lockId: raw.lockId ?? id }) as LockDetail);
    },

    /** The admin eKey's lockData (key/get). An ordinary or unusable eKey is refused, with the reason. */
    async getAdminLockData(lockId: number): Promise<AdminLockData> {
      const id = checkId(lockId, 'lockId');
      const key = await core.read<Record<string, unknown>>('ekey get', 'GET', '/v3/key/get', { lockId: id });
      if (String(key.userType) !== ADMIN_EKEY) {
        throw new TTLockError('permission', `this account holds an ordinary eKey for lock ${id}, not the admin eKey: its lockData cannot add passcodes`, {
          advice: "log in with the lock's admin account (the one that initialised it)",
        });
      }
      const status = String(key.keyStatus ?? KEY_NORMAL);
      if (status !== KEY_NORMAL) {
        throw new TTLockError('permission', `the admin eKey of lock ${id} is ${KEY_STATUS[status] ?? `in state ${status}`}, not usable`, {
          advice: 'check the lock in the TTLock app',
        });
      }
      if (typeof key.lockData !== 'string' || key.lockData === '') throw new TTLockError('protocol', 'ekey answer lacks lockData');
      return { lockId: id, keyId: typeof key.keyId === 'number' ? key.keyId : undefined, lockData: key.lockData };
    },

    /** Uploads new lockData after the phone reset the lock's passcodes (or its feature value changed). */
    async updateLockData(lockId: number, lockData: string): Promise<void> {
      const id = checkId(lockId, 'lockId');
      if (typeof lockData !== 'string' || !/^[A-Za-z0-9+/=_-]{16,8192}$/.test(lockData)) {
        throw new TTLockError('validation', '"lockData" expected the lockData string the plugin returned', { field: 'lockData' });
      }
      await core.write('lock updateLockData', '/v3/lock/updateLockData', { lockId: id, lockData });
    },

    /** Gateways linked to the lock, best signal first (the cloud uses the best one). */
    async listGatewaysOfLock(lockId: number): Promise<Array<{ gatewayId: number; gatewayName?: string; rssi?: number }>> {
      const id = checkId(lockId, 'lockId');
      const page = await core.read<Page<Record<string, unknown>>>('gateway listByLock', 'GET', '/v3/gateway/listByLock', { lockId: id });
      return (page.list ?? [])
        .map((g) => ({ gatewayId: Number(g.gatewayId), gatewayName: g.gatewayName as string | undefined, rssi: typeof g.rssi === 'number' ? g.rssi : undefined }))
        .sort((a, b) => (b.rssi ?? -999) - (a.rssi ?? -999));
    },

    /**
     * The account's gateways. `isOnline` is the cloud's view, which lags an unplug by the heartbeat (8 min):
     * a gateway listed online may still refuse a command with -3002 ('gateway-offline').
     */
    async listGateways(): Promise<Array<{ gatewayId: number; gatewayName?: string; isOnline: boolean; lockNum?: number }>> {
      const page = await core.read<Page<Record<string, unknown>>>('gateway list', 'GET', '/v3/gateway/list', { pageNo: 1, pageSize: 200, orderBy: 1 });
      return (page.list ?? []).map((g) => ({
        gatewayId: Number(g.gatewayId),
        gatewayName: g.gatewayName as string | undefined,
        isOnline: Number(g.isOnline) === 1,
        lockNum: typeof g.lockNum === 'number' ? g.lockNum : undefined,
      }));
    },

    /** Calls this application made this month (Beijing time), to watch the monthly cap. */
    async monthRequestCount(): Promise<number> {
      const r = await core.read<{ monthRequestCount?: unknown }>('app monthRequestCount', 'POST', '/app/getMonthRequestCount', {});
      return Number(r.monthRequestCount);
    },
  };
}

export type LockOperations = ReturnType<typeof lockOperations>;
