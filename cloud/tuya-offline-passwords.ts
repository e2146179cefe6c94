/**
 * Offline codes and the dynamic code (tuya-password-lifecycle.md §9, §10). The cloud computes them; no
 * lock is contacted, so nothing is pending afterwards. Offline windows are planned (rounded down to the
 * hour, 6 h / 24 h rules) before the call, and the answer carries the times Tuya actually applied.
 */
import {
  OfflineKind,
  OfflinePasswordFields,
  isRuleViolation,
  planOfflinePassword,
} from '../plugin/tuya/password-lifecycle-rules';
import { toSeconds } from './create-body';
import { TuyaError } from './errors';
import { ClientCore, checkDevice, lockPath, validationError } from './tuya-core';

export interface OfflinePassword {
  /** Tuya's offline_temp_password_id: what a later `clear_one` names. */
  id: string;
  kind: OfflineKind;
  /** The code to give the guest. Treat it like a PIN: never log it. */
  code: string;
  name?: string;
  /** The window Tuya applied (rounded down to the hour), epoch ms. */
  effectiveTime: number;
  invalidTime: number;
  /** What the guest will experience, in plain words (usage rules, rounding, the 24 h first-use rule). */
  guestNotes: string[];
}

export interface DynamicPassword {
  /** A code the lock computes from its clock too; Tuya says it lives about 5 minutes. */
  code: string;
}

export interface OfflinePasswordOperations {
  createOfflinePassword(deviceId: string, fields: OfflinePasswordFields): Promise<OfflinePassword>;
  getDynamicPassword(deviceId: string): Promise<DynamicPassword>;
}

export function offlinePasswordOperations(core: ClientCore): OfflinePasswordOperations {
  return {
    async createOfflinePassword(deviceId, fields) {
      checkDevice(deviceId);
      const plan = planOfflinePassword(fields, core.now());
      if (isRuleViolation(plan)) throw validationError(plan);
      const body: Record<string, unknown> = { type: plan.kind };
      if (fields.kind === 'multiple' || fields.kind === 'clear_one') {
        // Sent as the caller gave them; Tuya rounds them down itself, and the answer says to what.
        if (fields.effectiveTime !== undefined) body.effective_time = toSeconds(fields.effectiveTime);
        if (fields.invalidTime !== undefined) body.invalid_time = toSeconds(fields.invalidTime);
      }
      if (fields.name !== undefined) body.name = fields.name;
      if (fields.passwordId !== undefined) body.password_id = fields.passwordId;
      const result = await core.write<Record<string, unknown>>({
        label: 'offline',
        method: 'POST',
        path: `/v1.1/devices/${deviceId}/door-lock/offline-temp-password`,
        route: '/v1.1/devices/{device_id}/door-lock/offline-temp-password',
        body,
      });
      const r = (typeof result === 'object' && result !== null ? result : {}) as Record<string, unknown>;
      const id = r.offline_temp_password_id;
      const code = r.offline_temp_password;
      if ((typeof id !== 'string' && typeof id !== 'number') || typeof code !== 'string' || typeof r.effective_time !== 'number' || typeof r.invalid_time !== 'number') {
        throw new TuyaError('outcome-unknown', 'offline answered without the code or its times; a code may have been issued');
      }
      const issued: OfflinePassword = {
        id: String(id),
        kind: plan.kind,
        code,
        effectiveTime: r.effective_time * 1000,
        invalidTime: r.invalid_time * 1000,
        guestNotes: plan.guestNotes,
      };
      if (typeof r.offline_temp_password_name === 'string' && r.offline_temp_password_name !== '') issued.name = r.offline_temp_password_name;
      if (plan.effectiveTime !== undefined && (issued.effectiveTime !== plan.effectiveTime || issued.invalidTime !== plan.invalidTime)) {
        // Tuya's answer wins; say so rather than keep notes that describe another window.
        core.logger?.warn?.('tuya offline: Tuya applied a window other than the planned one; the answer has the real times');
        issued.guestNotes = [...plan.guestNotes, 'Tuya applied a different window than planned: the times above are the ones that count.'];
      }
      return issued;
    },

    async getDynamicPassword(deviceId) {
      checkDevice(deviceId);
      const result = await core.read<{ dynamic_password?: unknown }>({
        label: 'dynamic',
        method: 'GET',
        path: `${lockPath(deviceId)}/dynamic-password`,
        route: '/v1.0/devices/{device_id}/door-lock/dynamic-password',
      });
      if (typeof result?.dynamic_password !== 'string') throw new TuyaError('protocol', 'dynamic answered without dynamic_password');
      return { code: result.dynamic_password };
    },
  };
}
