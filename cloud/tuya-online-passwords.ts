/**
 * Online (custom) temporary passwords, the whole life (tuya-password-lifecycle.md §2-§8): create, list,
 * detail, modify, freeze, unfreeze, delete, clear, and waiting for the lock. Every answer carries the one
 * delivery-state model of delivery.ts. Writes report what Tuya's acceptance means and no more: a delete is
 * `revoking` until a read shows the lock has it.
 */
import { checkTempPasswordFields, TempPasswordFields } from '../plugin/tuya/temp-password-rules';
import { checkListOptions, checkModifyFields, ModifyTempPasswordFields } from '../plugin/tuya/password-lifecycle-rules';
import { toCreateBody } from './create-body';
import { DeliveryOutcome, PasswordState, TempPasswordDetail, parseDetail, pollDelivery } from './delivery';
import { TuyaError } from './errors';
import { ClientCore, checkDevice, checkIds, lockPath, reject, sendWithTicket } from './tuya-core';

/** What a write's acceptance means; `state` is never more than Tuya has confirmed. */
export interface PasswordChange {
  id: string;
  state: PasswordState;
}

export interface WaitOptions {
  /** Default 25000 ms (Tuya's advice for Zigbee). */
  timeoutMs?: number;
  /** Default 2000 ms. */
  intervalMs?: number;
}

export interface OnlinePasswordOperations {
  createTempPassword(input: TempPasswordFields): Promise<PasswordChange>;
  listTempPasswords(deviceId: string, options?: { valid?: boolean }): Promise<TempPasswordDetail[]>;
  getTempPassword(deviceId: string, id: string): Promise<TempPasswordDetail>;
  modifyTempPassword(deviceId: string, id: string, fields: ModifyTempPasswordFields): Promise<PasswordChange>;
  freezeTempPassword(deviceId: string, id: string): Promise<PasswordChange>;
  unfreezeTempPassword(deviceId: string, id: string): Promise<PasswordChange>;
  deleteTempPassword(deviceId: string, id: string): Promise<PasswordChange>;
  clearTempPasswords(deviceId: string): Promise<{ state: 'revoking' }>;
  /** Polls the detail until the state settles (covers creates, modifies, freezes and deletes). */
  waitForDelivery(deviceId: string, id: string, options?: WaitOptions): Promise<DeliveryOutcome>;
}

const ITEM = '/v1.0/devices/{device_id}/door-lock/temp-passwords/{password_id}';

/**
 * The create body plus `name` (required by Tuya; empty when none is given). `type` goes only when the caller
 * gives it: Tuya's list does not say what a password's type is, and defaulting it here could silently turn a
 * one-time password into a reusable one.
 */
function modifyBody(fields: ModifyTempPasswordFields, deviceId: string, password: string, ticketId: string): Record<string, unknown> {
  const body: Record<string, unknown> = { name: fields.name ?? '', ...toCreateBody({ ...fields, deviceId }, password, ticketId) };
  if (fields.type === undefined) delete body.type;
  return body;
}

export function onlinePasswordOperations(core: ClientCore): OnlinePasswordOperations {
  const idOf = (result: { id?: unknown } | null | undefined, label: string): string => {
    if (typeof result?.id === 'string' || typeof result?.id === 'number') return String(result.id);
    throw new TuyaError('outcome-unknown', `${label} succeeded without a password id; read the password list before retrying`);
  };

  /** Tuya answers `result: true` to an accepted change; anything else leaves the outcome open. */
  const expectTrue = (label: string, result: unknown): void => {
    if (result !== true) throw new TuyaError('outcome-unknown', `${label} answered without "result": true; read the password before retrying`);
  };

  async function change(label: string, method: 'PUT' | 'DELETE' | 'POST', path: string, route: string, body?: unknown): Promise<void> {
    expectTrue(label, await core.write<unknown>({ label, method, path, route, ...(body !== undefined ? { body } : {}) }));
  }

  async function getTempPassword(deviceId: string, id: string): Promise<TempPasswordDetail> {
    checkIds(deviceId, id);
    const result = await core.read<unknown>({
      label: 'detail',
      method: 'GET',
      path: `${lockPath(deviceId)}/temp-password/${id}`,
      route: '/v1.0/devices/{device_id}/door-lock/temp-password/{password_id}',
    });
    return parseDetail(id, result, core.now(), core.protocolOf(deviceId));
  }

  return {
    async createTempPassword(input) {
      reject(checkTempPasswordFields(input, core.pinLength, core.now()));
      const result = await sendWithTicket<{ id?: unknown }>(core, input.deviceId, input.password, 'create', (password, ticketId) => ({
        label: 'create',
        method: 'POST',
        path: `/v2.0/devices/${input.deviceId}/door-lock/temp-password`,
        route: '/v2.0/devices/{device_id}/door-lock/temp-password',
        body: toCreateBody(input, password, ticketId),
      }));
      return { id: idOf(result, 'create'), state: 'pending' };
    },

    async listTempPasswords(deviceId, options = {}) {
      checkDevice(deviceId);
      reject(checkListOptions(options));
      // `valid` omitted has no documented meaning, so it is always sent; true is what Tuya's examples use.
      const result = await core.read<unknown>({
        label: 'list',
        method: 'GET',
        path: `${lockPath(deviceId)}/temp-passwords`,
        route: '/v1.0/devices/{device_id}/door-lock/temp-passwords',
        query: { valid: options?.valid === false ? 'false' : 'true' },
      });
      if (!Array.isArray(result)) throw new TuyaError('protocol', 'list answered without an array of passwords');
      const now = core.now();
      const protocol = core.protocolOf(deviceId);
      return result.map((item) => parseDetail(String((item as { id?: unknown })?.id ?? ''), item, now, protocol));
    },

    getTempPassword,

    async modifyTempPassword(deviceId, id, fields) {
      checkIds(deviceId, id);
      reject(checkModifyFields(fields, core.pinLength, core.now()));
      const result = await sendWithTicket<unknown>(core, deviceId, fields.password, 'modify', (password, ticketId) => ({
        label: 'modify',
        method: 'PUT',
        path: `${lockPath(deviceId)}/temp-passwords/${id}/modify-password`,
        route: `${ITEM}/modify-password`,
        body: modifyBody(fields, deviceId, password, ticketId),
      }));
      expectTrue('modify', result);
      return { id, state: 'pending' };
    },

    async freezeTempPassword(deviceId, id) {
      checkIds(deviceId, id);
      await change('freeze', 'PUT', `${lockPath(deviceId)}/temp-passwords/${id}/freeze-password`, `${ITEM}/freeze-password`);
      return { id, state: 'frozen' };
    },

    async unfreezeTempPassword(deviceId, id) {
      checkIds(deviceId, id);
      await change('unfreeze', 'PUT', `${lockPath(deviceId)}/temp-passwords/${id}/unfreeze-password`, `${ITEM}/unfreeze-password`);
      return { id, state: 'pending' };
    },

    async deleteTempPassword(deviceId, id) {
      checkIds(deviceId, id);
      // BLE locks behind a gateway need `bluetooth_symbolic: true`, or the cloud only updates its record and
      // the PIN keeps opening the door. Sent whenever the lock is not known to be something else, as in
      // Tuya's own request example (lifecycle §7.1).
      const protocol = core.protocolOf(deviceId);
      const body = protocol === undefined || protocol === 'ble_gateway' ? { bluetooth_symbolic: true } : undefined;
      await change('delete', 'DELETE', `${lockPath(deviceId)}/temp-passwords/${id}`, ITEM, body);
      return { id, state: 'revoking' };
    },

    async clearTempPasswords(deviceId) {
      checkDevice(deviceId);
      await change('clear', 'POST', `${lockPath(deviceId)}/temp-passwords/rest-password`, '/v1.0/devices/{device_id}/door-lock/temp-passwords/rest-password');
      return { state: 'revoking' };
    },

    async waitForDelivery(deviceId, id, wait = {}) {
      checkIds(deviceId, id);
      return pollDelivery(() => getTempPassword(deviceId, id), {
        timeoutMs: wait.timeoutMs ?? 25000,
        intervalMs: wait.intervalMs ?? 2000,
        now: core.localNow,
        sleep: core.sleep,
      });
    },
  };
}
