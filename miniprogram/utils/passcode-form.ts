/**
 * Helpers of the "Add passcode" page: the live passcode hint, the validity window in the units
 * createCustomPasscode takes, and the progress rows fed by onProgress. The hint only guides the typing;
 * the plugin's own validation decides (an invalid passcode is still sent, and its 11003 answer is shown).
 */
import type { ProgressStep } from '../../typings/index';
import { formatDateTime, toEpochMs, type WindowFields } from './datetime';

export interface PasscodeHint {
  ok: boolean;
  text: string;
}

export const MIN_PASSCODE_DIGITS = 4;
export const MAX_PASSCODE_DIGITS = 9;

export function passcodeHint(passcode: string): PasscodeHint {
  if (passcode === '') return { ok: false, text: '4–9 位数字 4 to 9 digits' };
  if (!/^[0-9]+$/.test(passcode)) return { ok: false, text: '只能输入数字 Digits only' };
  if (passcode.length < MIN_PASSCODE_DIGITS) {
    const missing = MIN_PASSCODE_DIGITS - passcode.length;
    return { ok: false, text: `还差 ${missing} 位 ${missing} more digit${missing > 1 ? 's' : ''} needed` };
  }
  if (passcode.length > MAX_PASSCODE_DIGITS) {
    return { ok: false, text: `最多 9 位 At most 9 digits (now ${passcode.length})` };
  }
  return { ok: true, text: `✓ ${passcode.length} 位数字 ${passcode.length} digits` };
}

/** startDate / endDate as the plugin takes them: epoch ms, or 0 and 0 for a permanent passcode. */
export function validityOf(permanent: boolean, fields: WindowFields): { startDate: number; endDate: number } {
  if (permanent) return { startDate: 0, endDate: 0 };
  return {
    startDate: toEpochMs(fields.startDate, fields.startTime),
    endDate: toEpochMs(fields.endDate, fields.endTime),
  };
}

export function validityText(startDate: number, endDate: number): string {
  if (startDate === 0 && endDate === 0) return '有效期 Valid: 永久 permanent';
  return `有效期 Valid: ${formatDateTime(startDate)} – ${formatDateTime(endDate)}`;
}

/** The notice a dropped link shows, from the result disconnectCallback receives. */
export function disconnectNotice(result: { errorCode: number; errorMsg: string }): string {
  return `⚠ 蓝牙连接已断开 The Bluetooth link dropped (${result.errorCode} ${result.errorMsg})`;
}

/** Progress rows keep the milliseconds since the tap, so a slow step is visible at a glance. */
export const STEP_LABELS: Record<ProgressStep, string> = {
  scanning: '扫描门锁 Scanning',
  connecting: '连接 Connecting',
  authenticating: '身份校验 Authenticating',
  writing: '写入密码 Writing',
  done: '完成 Done',
};

export interface ProgressRow {
  step: ProgressStep;
  label: string;
  /** Milliseconds since the operation started. */
  ms: number;
}

export function progressRow(step: ProgressStep, startedAt: number, now: number): ProgressRow {
  return { step, label: STEP_LABELS[step] ?? step, ms: Math.max(0, Math.round(now - startedAt)) };
}
