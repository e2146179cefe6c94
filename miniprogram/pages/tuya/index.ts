/**
 * "Temporary password (Tuya)": through the developer's relay, creates a Tuya online temporary password
 * (`requestTempPassword`), lists the device's passwords with their delivery state, revokes one
 * (`deleteTempPassword`: "revoking" until the lock has it) and issues offline codes. The Tuya access
 * secret lives on the relay; this page only sends the relay its own session header. Written with
 * Component(), which WeChat accepts as a page.
 */
import type { LockwirePlugin, TempPasswordOption } from '../../../typings/index';
import { demoGlobalData } from '../../utils/app-data';
import { defaultWindow, formatDateTime, toEpochMs, windowFields } from '../../utils/datetime';
import { failureCard, successCard, type ResultCard } from '../../utils/result-card';
import { scheduleItem, weekdayNames, weekdayOptions } from '../../utils/schedule';
import { offlineCard, rowOf, withState, type PasswordRow } from './passwords';

const plugin: LockwirePlugin = requirePlugin('lockwire');

const DEFAULT_VALID_HOURS = 24;

function initialData() {
  const app = demoGlobalData();
  const { start, end } = defaultWindow(Date.now(), DEFAULT_VALID_HOURS);
  return {
    relayUrl: app.relayUrl,
    authorization: app.relayAuthorization,
    deviceId: app.tuyaDeviceId,
    pin: '',
    ...windowFields(start, end),
    oneTime: false,
    useSchedule: false,
    weekdays: weekdayOptions(),
    scheduleStart: '08:00',
    scheduleEnd: '18:00',
    timeZone: 'Asia/Shanghai',
    running: false,
    result: null as ResultCard | null,
    passwords: [] as PasswordRow[],
    listed: false,
    offlineKind: 'once' as 'once' | 'multiple',
  };
}

Component({
  data: initialData(),

  lifetimes: {
    attached() {
      // Read globalData again: the host may have filled it after this module was loaded.
      this.setData(initialData());
    },
  },

  methods: {
    onField(e: WechatMiniprogram.Input) {
      const field = String(e.currentTarget.dataset.field);
      this.setData({ [field]: e.detail.value, result: null });
    },

    onPicker(e: WechatMiniprogram.PickerChange) {
      const field = String(e.currentTarget.dataset.field);
      this.setData({ [field]: String(e.detail.value), result: null });
    },

    onOneTime(e: WechatMiniprogram.SwitchChange) {
      this.setData({ oneTime: e.detail.value });
    },

    onScheduleSwitch(e: WechatMiniprogram.SwitchChange) {
      this.setData({ useSchedule: e.detail.value });
    },

    onWeekdays(e: WechatMiniprogram.CheckboxGroupChange) {
      const picked = e.detail.value;
      this.setData({ weekdays: weekdayOptions(picked) });
    },

    /** Relay URL and session, as every operation sends them. */
    relay() {
      const d = this.data;
      return { relayUrl: d.relayUrl.trim(), deviceId: d.deviceId.trim(), ...(d.authorization ? { header: { authorization: d.authorization } } : {}) };
    },

    async onList() {
      if (this.data.running) return;
      this.setData({ running: true });
      const res = await plugin.listTempPasswords(this.relay());
      if (res.errorCode === 0) this.setData({ running: false, listed: true, passwords: (res.passwords ?? []).map(rowOf) });
      else this.setData({ running: false, result: failureCard(res) });
    },

    async onRevoke(e: WechatMiniprogram.TouchEvent) {
      const passwordId = String(e.currentTarget.dataset.id);
      if (this.data.running) return;
      this.setData({ running: true, result: null });
      const res = await plugin.deleteTempPassword({ ...this.relay(), passwordId });
      if (res.errorCode === 0 && res.state) {
        const revoking = res.state === 'revoking';
        this.setData({
          running: false,
          passwords: withState(this.data.passwords, passwordId, res.state),
          result: successCard(revoking ? '撤销中 Revoking' : '已撤销 Revoked', [
            `密码 ID Password id: ${passwordId}`,
            revoking ? '门锁收到删除前，该密码仍可开门。 Until the lock receives the delete, the PIN still opens the door.' : '门锁已删除该密码。 The lock no longer accepts it.',
          ]),
        });
      } else {
        this.setData({ running: false, result: failureCard(res) });
      }
    },

    onOfflineKind(e: WechatMiniprogram.RadioGroupChange) {
      this.setData({ offlineKind: e.detail.value === 'multiple' ? 'multiple' : 'once' });
    },

    async onOffline() {
      if (this.data.running) return;
      const d = this.data;
      const option =
        d.offlineKind === 'multiple'
          ? { ...this.relay(), kind: 'multiple' as const, effectiveTime: toEpochMs(d.startDate, d.startTime), invalidTime: toEpochMs(d.endDate, d.endTime) }
          : { ...this.relay(), kind: 'once' as const };
      this.setData({ running: true, result: null });
      const res = await plugin.createOfflinePassword(option);
      this.setData({ running: false, result: res.errorCode === 0 ? offlineCard(res) : failureCard(res) });
    },

    /** The option exactly as the plugin gets it. */
    buildOption(): TempPasswordOption {
      const d = this.data;
      const option: TempPasswordOption = {
        relayUrl: d.relayUrl.trim(),
        deviceId: d.deviceId.trim(),
        password: d.pin,
        effectiveTime: toEpochMs(d.startDate, d.startTime),
        invalidTime: toEpochMs(d.endDate, d.endTime),
        type: d.oneTime ? 1 : 0,
      };
      if (d.authorization) option.header = { authorization: d.authorization };
      if (d.useSchedule) {
        const days = d.weekdays.filter((w) => w.checked).map((w) => w.value);
        option.schedule = [scheduleItem(d.scheduleStart, d.scheduleEnd, days)];
        option.timeZone = d.timeZone.trim();
      }
      return option;
    },

    async onSubmit() {
      if (this.data.running) return;
      const option = this.buildOption();
      if (option.schedule && option.schedule[0].weekdays === 0) {
        this.setData({
          result: failureCard({ errorCode: 11003, errorMsg: '参数错误', description: '请至少选择一天 Pick at least one weekday' }),
        });
        return;
      }
      this.setData({ running: true, result: null });
      const res = await plugin.requestTempPassword(option);
      let card: ResultCard;
      if (res.errorCode === 0 && res.id) {
        const lines = [
          `密码 ID Password id: ${res.id}`,
          `有效期 Valid: ${formatDateTime(option.effectiveTime)} – ${formatDateTime(option.invalidTime)}`,
          option.type === 1 ? '一次性 One-time use' : '有效期内可多次使用 Multi-use within the window',
        ];
        if (option.schedule) {
          const s = option.schedule[0];
          lines.push(`每周 Weekly: ${weekdayNames(s.weekdays)} ${this.data.scheduleStart}–${this.data.scheduleEnd} (${option.timeZone})`);
        }
        if (res.state === 'pending') lines.push('下发中：门锁收到后生效 Pending: it works once the lock has it');
        card = successCard('临时密码已创建 Temporary password created', lines);
      } else {
        card = failureCard(res);
      }
      this.setData({ running: false, result: card });
    },
  },
});
