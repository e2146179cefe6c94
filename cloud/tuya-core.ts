/**
 * What every Tuya operation needs from the client, and the mechanism the password writes share: turning a
 * rule violation into a validation error before any request, and sending a PIN under a fresh single-use
 * ticket (create and modify), with one more attempt only when Tuya refused the token before doing anything.
 */
import type { PinLengthRule, RuleViolation } from '../plugin/tuya/temp-password-rules';
import { checkIdentifier } from '../plugin/tuya/temp-password-rules';
import type { ApiCallSpec, TuyaLogger } from './api-call';
import type { LockProtocol } from './delivery';
import { TuyaError } from './errors';
import { encryptPinWithTicket } from './ticket-crypto';

/** A spec without the token: the core adds it. */
export type CallSpec = Omit<ApiCallSpec, 'accessToken'>;

export interface ClientCore {
  /** Safe to repeat: back-off on busy and lost answers. */
  read<T>(spec: CallSpec): Promise<T>;
  /**
   * Never re-sent blindly; a possibly-applied failure becomes 'outcome-unknown'. Sent a second time only
   * after Tuya refused the token; a function spec is rebuilt for that second time.
   */
  write<T>(spec: CallSpec | (() => Promise<CallSpec>), label?: string): Promise<T>;
  accessSecret: string;
  pinLength: PinLengthRule;
  /** The cloud's clock (learned from each answer), epoch ms. */
  now(): number;
  /** The local clock, for deadlines. */
  localNow(): number;
  sleep(ms: number): Promise<void>;
  protocolOf(deviceId: string): LockProtocol | undefined;
  logger?: TuyaLogger;
}

export function validationError(bad: RuleViolation): TuyaError {
  return new TuyaError('validation', bad.message, { field: bad.field });
}

export function reject(bad: RuleViolation | null): void {
  if (bad) throw validationError(bad);
}

export function checkDevice(deviceId: unknown): void {
  reject(checkIdentifier('deviceId', deviceId));
}

export function checkIds(deviceId: unknown, id: unknown): void {
  checkDevice(deviceId);
  reject(checkIdentifier('id', id));
}

export const lockPath = (deviceId: string): string => `/v1.0/devices/${deviceId}/door-lock`;

/**
 * Gets a ticket, encrypts `pin` under it and sends the body `build` makes. If Tuya refuses the token, the
 * write is rebuilt with a new ticket (tickets are single-use) and sent once more; nothing else is repeated.
 */
export function sendWithTicket<T>(
  core: ClientCore,
  deviceId: string,
  pin: string,
  label: string,
  build: (encryptedPin: string, ticketId: string) => CallSpec,
): Promise<T> {
  return core.write<T>(async () => {
    const ticket = await core.read<{ ticket_id?: unknown; ticket_key?: unknown }>({
      label: 'ticket',
      method: 'POST',
      path: `${lockPath(deviceId)}/password-ticket`,
      route: '/v1.0/devices/{device_id}/door-lock/password-ticket',
      body: {},
    });
    if (typeof ticket?.ticket_id !== 'string' || typeof ticket.ticket_key !== 'string') {
      throw new TuyaError('protocol', 'ticket answer lacks ticket_id or ticket_key');
    }
    return build(encryptPinWithTicket(pin, ticket.ticket_key, core.accessSecret), ticket.ticket_id);
  }, label);
}
