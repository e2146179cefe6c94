/**
 * "Manage passcodes": what the lock holds and its clock. Lists the lock's passcodes with their windows
 * in the lock's own time (getAllValidPasscode), edits or deletes each (modifyPasscode, deletePasscode),
 * extends a stay by a day, and shows the lock clock's drift with a "set time" button (getLockTime,
 * setLockTime). The result card says when a lost reply was settled by reading the lock again.
 */
import type { LockwirePlugin, PasscodeInfo, TTLockError } from '../../../typings/index';
import { demoGlobalData, type DemoLock } from '../../utils/app-data';
import { batteryLine, failureCard, successCard, type ResultCard } from '../../utils/result-card';

const plugin: LockwirePlugin = requirePlugin('lockwire');
const DAY_MS = 24 * 3600 * 1000;
const TYPE_NAMES: Record<number, string> = { 1: '永久 Permanent', 2: '单次 One-time', 3: '限时 Timed', 4: '循环 Cyclic' };

export interface PasscodeRow {
  passcode: string;
  type: string;
  window: string;
  changed: string;
  startDate: number;
  endDate: number;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "2031-03-01 14:00" of an instant, in the lock's wall clock (its zone offset). */
export function lockLocalText(ms: number, offset: number): string {
  const d = new Date(ms + offset);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

export function rowOf(p: PasscodeInfo, offset: number): PasscodeRow {
  const end = p.endDate === undefined ? '永久 no end' : lockLocalText(p.endDate, offset);
  return {
    passcode: p.keyboardPwd,
    type: TYPE_NAMES[p.keyboardPwdType] ?? `type ${p.keyboardPwdType}`,
    window: `${lockLocalText(p.startDate, offset)} → ${end}`,
    changed: p.oldKeyboardPwd !== p.keyboardPwd ? `原 was ${p.oldKeyboardPwd}` : '',
    startDate: p.startDate,
    endDate: p.endDate ?? 0,
  };
}

/** The card of any operation; a settled or unknown outcome is said on its own line. */
export function cardOf(title: string, res: TTLockError): ResultCard {
  if (res.errorCode !== 0) {
    const card = failureCard(res);
    if (res.outcomeUnknown) card.lines.push('结果未知 Outcome unknown: the lock could not be read back');
    if (res.settledAfterDrop) card.lines.push('已核实 Checked on the lock after the link dropped');
    return card;
  }
  const lines = [res.description];
  if (res.settledAfterDrop) lines.push('已核实 Confirmed on the lock after the link dropped');
  const battery = batteryLine(res.electricQuantity);
  if (battery) lines.push(battery);
  return successCard(title, lines);
}

/** The lock reads whole seconds and its answer takes a moment to arrive: within a second is on time. */
function offsetText(ms: number): string {
  const s = Math.round(ms / 1000);
  return Math.abs(s) <= 1 ? '准确 on time' : `${s > 0 ? '快 ahead' : '慢 behind'} ${Math.abs(s)} s`;
}

Component({
  data: {
    locks: [] as DemoLock[],
    lockIndex: 0,
    rows: [] as PasscodeRow[],
    loaded: false,
    lockClock: '',
    drift: '',
    editing: '',
    newValue: '',
    running: false,
    result: null as ResultCard | null,
  },

  lifetimes: {
    attached() {
      this.setData({ locks: demoGlobalData().simulatorLocks });
    },
    detached() {
      void plugin.finishOperations();
    },
  },

  methods: {
    lock(): DemoLock {
      return this.data.locks[this.data.lockIndex];
    },

    offset(): number {
      const lock = this.lock();
      return lock.timezoneRawOffset ?? -new Date().getTimezoneOffset() * 60000;
    },

    async run(title: string, call: () => Promise<TTLockError>, reload = true): Promise<TTLockError> {
      this.setData({ running: true, result: null });
      const res = await call();
      this.setData({ running: false, result: cardOf(title, res) });
      if (reload && res.errorCode === 0) await this.onRead();
      return res;
    },

    async onRead() {
      const lockData = this.lock().lockData;
      this.setData({ running: true });
      const list = await plugin.getAllValidPasscode({ lockData });
      const clock = await plugin.getLockTime({ lockData });
      const offset = this.offset();
      this.setData({
        running: false,
        loaded: true,
        rows: (list.keyboardPwdList ?? []).map((p) => rowOf(p, offset)),
        lockClock: clock.lockTime === undefined ? '' : lockLocalText(clock.lockTime, offset),
        drift: clock.offsetMs === undefined ? '' : offsetText(clock.offsetMs),
        result: list.errorCode === 0 ? this.data.result : cardOf('', list),
      });
    },

    async onDelete(e: WechatMiniprogram.TouchEvent) {
      const passcode = String(e.currentTarget.dataset.passcode);
      await this.run('密码已删除 Passcode deleted', () => plugin.deletePasscode({ passcode, lockData: this.lock().lockData }));
    },

    /** A guest stays a day longer: same value, end moved by 24 h. */
    async onExtend(e: WechatMiniprogram.TouchEvent) {
      const row = this.data.rows[Number(e.currentTarget.dataset.index)];
      const startDate = row.endDate === 0 ? 0 : row.startDate;
      const endDate = row.endDate === 0 ? 0 : row.endDate + DAY_MS;
      await this.run('已延长一天 Extended by a day', () =>
        plugin.modifyPasscode({ originalPasscode: row.passcode, passcode: row.passcode, startDate, endDate, lockData: this.lock().lockData }));
    },

    onEdit(e: WechatMiniprogram.TouchEvent) {
      this.setData({ editing: String(e.currentTarget.dataset.passcode), newValue: '' });
    },

    onNewValue(e: WechatMiniprogram.Input) {
      this.setData({ newValue: e.detail.value });
    },

    /** A new value, the window kept. */
    async onSaveEdit() {
      const { editing, newValue } = this.data;
      this.setData({ editing: '' });
      await this.run('密码已修改 Passcode changed', () =>
        plugin.modifyPasscode({ originalPasscode: editing, passcode: newValue, startDate: 0, endDate: 0, keepValidity: true, lockData: this.lock().lockData }));
    },

    async onSetTime() {
      await this.run('门锁时间已校准 Lock clock set', () => plugin.setLockTime({ lockData: this.lock().lockData }));
    },
  },
});
