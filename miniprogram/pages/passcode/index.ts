/**
 * "Add passcode": writes a keypad passcode to a TTLock V3 lock with createCustomPasscode and shows
 * every step: live progress, the result card (passcode and battery, or the error and what to do), and
 * a notice when the Bluetooth link drops. For a lock behind your relay (globalData.ttlockRelay) it gets
 * the lockData from the relay first and records the passcode in the TTLock cloud afterwards
 * (createCustomPasscodeAndRecord). Written with Component(), which WeChat accepts as a page.
 */
import type {
  CreateAndRecordResult,
  CreateCustomPasscodeOption,
  LockwirePlugin,
  ProgressStep,
  TTLockError,
} from '../../../typings/index';
import { demoGlobalData, type DemoLock } from '../../utils/app-data';
import { defaultWindow, windowFields } from '../../utils/datetime';
import {
  disconnectNotice,
  passcodeHint,
  progressRow,
  validityOf,
  validityText,
  type ProgressRow,
} from '../../utils/passcode-form';
import { batteryLine, failureCard, successCard, type ResultCard } from '../../utils/result-card';

const plugin: LockwirePlugin = requirePlugin('lockwire');

const DEFAULT_VALID_HOURS = 24;
const MAX_LOG_LINES = 40;
/** Choices of the "scan timeout" setting, in seconds (the plugin's default is 10 s). */
const SCAN_TIMEOUT_CHOICES = [2, 5, 10, 20, 30];

function scanTimeoutIndex(ms: number): number {
  const i = SCAN_TIMEOUT_CHOICES.indexOf(Math.round(ms / 1000));
  return i >= 0 ? i : SCAN_TIMEOUT_CHOICES.indexOf(plugin.DEFAULT_CONFIG.scanTimeoutMs / 1000);
}

function initialData() {
  const simLocks: DemoLock[] = demoGlobalData().simulatorLocks;
  const { start, end } = defaultWindow(Date.now(), DEFAULT_VALID_HOURS);
  return {
    version: plugin.VERSION,
    simLocks,
    /** The lock whose lockData comes from the relay, if the host configured one. */
    relayLock: demoGlobalData().ttlockRelay ?? null,
    /** Index into simLocks, -1 for the pasted lockData, -2 for the relay's lock. */
    lockIndex: simLocks.length > 0 ? 0 : -1,
    lockDataInput: '',
    passcode: '',
    passcodeHint: passcodeHint(''),
    permanent: false,
    ...windowFields(start, end),
    running: false,
    progress: [] as ProgressRow[],
    result: null as ResultCard | null,
    notice: '',
    showLog: false,
    logLines: [] as string[],
    scanTimeoutLabels: SCAN_TIMEOUT_CHOICES.map((sec) => `${sec} s`),
    /** configure({}) changes nothing and returns the effective settings. */
    scanTimeoutIndex: scanTimeoutIndex(plugin.configure({}).scanTimeoutMs),
  };
}

function resultCard(res: CreateAndRecordResult, startDate: number, endDate: number, ms: number): ResultCard {
  if (res.errorCode !== 0) return failureCard(res);
  const lines = [`密码 Passcode: ${res.passcode ?? ''}`, validityText(startDate, endDate)];
  const battery = batteryLine(res.electricQuantity);
  if (battery) lines.push(battery);
  if (res.recorded === true) lines.push(`已记录到 TTLock 云 Recorded in the TTLock cloud: id ${res.keyboardPwdId}`);
  if (res.recorded === false) {
    const why = res.recordError ? ` (${res.recordError.errorCode})` : '';
    lines.push(`未记录到 TTLock 云 NOT recorded in the TTLock cloud${why}: 密码在锁上有效，请重试记录 the passcode works at the door; retry recording`);
  }
  lines.push(`用时 Took: ${ms} ms`);
  return successCard('密码已添加 Passcode added', lines);
}

Component({
  data: initialData(),

  lifetimes: {
    attached() {
      // Read globalData again: the host may have filled it after this module was loaded.
      this.setData(initialData());
    },
    detached() {
      plugin.setShowLog(false);
      // Leaving the page: close a kept-open link now instead of after keepAliveMs.
      void plugin.finishOperations();
    },
  },

  methods: {
    onPickLock(e: WechatMiniprogram.TouchEvent) {
      this.setData({ lockIndex: Number(e.currentTarget.dataset.index), result: null });
    },

    onLockDataInput(e: WechatMiniprogram.TextareaInput) {
      this.setData({ lockDataInput: e.detail.value, result: null });
    },

    onPasscodeInput(e: WechatMiniprogram.Input) {
      const passcode = e.detail.value;
      this.setData({ passcode, passcodeHint: passcodeHint(passcode), result: null });
    },

    onPicker(e: WechatMiniprogram.PickerChange) {
      this.setData({ [String(e.currentTarget.dataset.field)]: String(e.detail.value), result: null });
    },

    onPermanent(e: WechatMiniprogram.SwitchChange) {
      this.setData({ permanent: e.detail.value, result: null });
    },

    onLogSwitch(e: WechatMiniprogram.SwitchChange) {
      const open = e.detail.value;
      this.setData({ showLog: open, logLines: [] });
      plugin.setShowLog(open, (line) => {
        this.setData({ logLines: [...this.data.logLines, line].slice(-MAX_LOG_LINES) });
      });
    },

    onScanTimeout(e: WechatMiniprogram.PickerChange) {
      const seconds = SCAN_TIMEOUT_CHOICES[Number(e.detail.value)];
      const effective = plugin.configure({ scanTimeoutMs: seconds * 1000 });
      this.setData({ scanTimeoutIndex: scanTimeoutIndex(effective.scanTimeoutMs) });
    },

    async onSubmit() {
      if (this.data.running) return;
      const d = this.data;
      const relay = d.lockIndex === -2 ? d.relayLock : null;
      const lockData = d.lockIndex >= 0 ? d.simLocks[d.lockIndex].lockData : d.lockDataInput.trim();
      const { startDate, endDate } = validityOf(d.permanent, d);
      const startedAt = Date.now();
      const rows: ProgressRow[] = [];
      this.setData({ running: true, progress: [], result: null, notice: '' });
      const option: CreateCustomPasscodeOption = {
        passcode: d.passcode,
        startDate,
        endDate,
        lockData,
        onProgress: (step: ProgressStep) => {
          rows.push(progressRow(step, startedAt, Date.now()));
          this.setData({ progress: rows.slice() });
        },
        disconnectCallback: (dropped: TTLockError) => this.setData({ notice: disconnectNotice(dropped) }),
      };
      // With the relay: lockData from your server, Bluetooth, then the record in the TTLock cloud.
      const res: CreateAndRecordResult = relay
        ? await plugin.createCustomPasscodeAndRecord({
            ...option,
            lockData: undefined,
            relay: { relayUrl: relay.relayUrl, header: { authorization: relay.authorization }, lockId: relay.lockId },
          })
        : await plugin.createCustomPasscode(option);
      const card = resultCard(res, startDate, endDate, Math.round(Date.now() - startedAt));
      this.setData({ running: false, result: card });
    },

    /** Ends the running operation (it resolves with 10022) and releases Bluetooth. */
    async onCancel() {
      await plugin.stopAllOperations();
    },
  },
});
