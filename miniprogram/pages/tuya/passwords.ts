/**
 * What the Tuya page shows for the device's passwords and offline codes: one row per password with its
 * delivery state in words (a revoked PIN can still open a sleeping lock while it is "revoking"), and
 * the card for a new offline code with the window Tuya applied and what the guest will experience.
 */
import type { OfflinePasswordResult, TempPasswordItem, TuyaPasswordState } from '../../../typings/index';
import { formatDateTime } from '../../utils/datetime';
import { successCard, type ResultCard } from '../../utils/result-card';

const STATE_LABELS: Record<TuyaPasswordState, string> = {
  pending: '下发中 Pending (the lock does not have it yet)',
  active: '有效 Active',
  frozen: '已冻结 Frozen',
  revoking: '撤销中 Revoking (still opens the door until the lock gets the delete)',
  revoked: '已撤销 Revoked',
  failed: '失败 Failed',
};

export interface PasswordRow {
  id: string;
  state: TuyaPasswordState;
  label: string;
  window: string;
  /** Only passwords the lock may still accept can be revoked. */
  revocable: boolean;
}

export function rowOf(item: TempPasswordItem): PasswordRow {
  const reason = item.state === 'failed' && item.reason ? ` (${item.reason})` : '';
  const window =
    item.effectiveTime !== undefined && item.invalidTime !== undefined
      ? `${formatDateTime(item.effectiveTime)} – ${formatDateTime(item.invalidTime)}${item.expired ? ' (已过期 expired)' : ''}`
      : '';
  return {
    id: item.id,
    state: item.state,
    label: `${STATE_LABELS[item.state] ?? item.state}${reason}`,
    window,
    revocable: item.state === 'pending' || item.state === 'active' || item.state === 'frozen',
  };
}

/** Keeps the row order; a revoked row shows its new state at once (the next list confirms it). */
export function withState(rows: PasswordRow[], id: string, state: TuyaPasswordState): PasswordRow[] {
  return rows.map((r) => (r.id === id ? { ...rowOf({ id, state }), window: r.window } : r));
}

export function offlineCard(res: OfflinePasswordResult): ResultCard {
  const lines = [`离线密码 Offline code: ${res.code ?? ''}`];
  if (res.effectiveTime !== undefined && res.invalidTime !== undefined) {
    lines.push(`有效期（按整点）Valid (whole hours): ${formatDateTime(res.effectiveTime)} – ${formatDateTime(res.invalidTime)}`);
  }
  for (const note of res.guestNotes ?? []) lines.push(note);
  return successCard('离线密码已生成 Offline code issued', lines);
}
