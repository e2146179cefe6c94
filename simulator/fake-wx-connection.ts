/**
 * createBLEConnection / closeBLEConnection and link loss.
 *
 * Choices (wx does not document them all; the plugin must cope either way):
 * - Connecting fires onBLEConnectionStateChange {connected: true} right after the success callback.
 * - closeBLEConnection fires {connected: false} after its success callback when the fake was created
 *   with closeFiresStateChange (the default, as Android wx does); a link drop always fires it.
 * - A lock that is absent or out of range: fail 10012 at `timeout` if one was given, else 10003
 *   after timing.absentConnectFailMs. iOS: an id never seen in a scan fails 10002 at once.
 *   Android: a deviceId that is not an upper-case MAC fails 10002 at once.
 * - A second createBLEConnection to a connected or connecting device fails -1 'already connect'.
 */
import {
  adapterProblem,
  lockByDeviceId,
  settleSoon,
  type CallHandler,
  type Connection,
  type FakeBleContext,
} from './fake-wx-context';
import { ttlockGattProfile } from './gatt-profile';
import { after, LinkQueue } from './link-model';
import { wxFail, wxOk, type WxOutcome } from './wx-result';

const ANDROID_MAC = /^[0-9A-F]{2}(:[0-9A-F]{2}){5}$/;

export const createBLEConnection: CallHandler = (ctx, options, call, fault) => {
  const api = call.api;
  const problem = adapterProblem(ctx, api);
  if (problem) return settleSoon(call, problem);
  const deviceId = options.deviceId;
  if (ctx.connections.has(deviceId) || ctx.connecting.has(deviceId)) {
    return settleSoon(call, wxFail(api, -1));
  }
  const known = ctx.platform === 'ios' ? ctx.seenIds.has(deviceId) : ANDROID_MAC.test(deviceId ?? '');
  if (!known) return settleSoon(call, wxFail(api, 10002));

  const lock = lockByDeviceId(ctx, deviceId);
  const reachable = lock !== undefined && lock.inRange && fault?.kind !== 'outOfRange';
  const timeout = typeof options.timeout === 'number' && options.timeout > 0 ? options.timeout : undefined;
  const finish = (outcome: WxOutcome, then?: () => void) => {
    ctx.connecting.delete(deviceId);
    call.settle(outcome);
    then?.();
  };

  let cancelTimeout = () => {};
  const attemptMs = reachable ? ctx.timing.connectMs : ctx.timing.absentConnectFailMs;
  const cancelAttempt = after(attemptMs, () => {
    cancelTimeout();
    if (!reachable) return finish(wxFail(api, 10003));
    const connection = openConnection(ctx, deviceId, lock!);
    finish(wxOk(api), () => {
      ctx.events.emit('BLEConnectionStateChange', () => ({ deviceId, connected: true }));
      if (fault?.kind === 'dropAfter') after(0, () => dropLink(ctx, connection, true));
    });
  });
  if (timeout !== undefined && timeout < attemptMs) {
    cancelTimeout = after(timeout, () => {
      cancelAttempt();
      finish(wxFail(api, 10012));
    });
  }
  // closeBLEConnection during the attempt abandons it; the attempt then fails 10003.
  ctx.connecting.set(deviceId, () => {
    cancelAttempt();
    cancelTimeout();
    ctx.connecting.delete(deviceId);
    settleSoon(call, wxFail(api, 10003));
  });
};

function openConnection(ctx: FakeBleContext, deviceId: string, lock: Connection['lock']): Connection {
  const connection: Connection = {
    deviceId,
    lock,
    session: lock.openSession(),
    link: new LinkQueue(() => ctx.timing.connectionIntervalMs),
    profile: ttlockGattProfile(),
    servicesDiscovered: false,
    characteristicsDiscovered: new Set(),
    notifying: new Set(),
    pending: new Set(),
  };
  ctx.connections.set(deviceId, connection);
  return connection;
}

export const closeBLEConnection: CallHandler = (ctx, options, call) => {
  const api = call.api;
  const problem = adapterProblem(ctx, api);
  if (problem) return settleSoon(call, problem);
  const deviceId = options.deviceId;
  const abandon = ctx.connecting.get(deviceId);
  if (abandon) {
    abandon();
    return settleSoon(call, wxOk(api));
  }
  const connection = ctx.connections.get(deviceId);
  if (!connection) return settleSoon(call, wxFail(api, 10006));
  dropLink(ctx, connection, false);
  after(0, () => {
    call.settle(wxOk(api));
    if (ctx.closeFiresStateChange) emitDisconnected(ctx, deviceId);
  });
};

/** The link is gone: nothing more is delivered, waiting calls fail 10006, the lock forgets the session. */
export function dropLink(ctx: FakeBleContext, connection: Connection, announce: boolean): void {
  if (ctx.connections.get(connection.deviceId) !== connection) return;
  ctx.connections.delete(connection.deviceId);
  connection.link.cancelAll();
  connection.session.close();
  for (const call of connection.pending) settleSoon(call, wxFail(call.api, 10006));
  connection.pending.clear();
  if (announce) emitDisconnected(ctx, connection.deviceId);
}

function emitDisconnected(ctx: FakeBleContext, deviceId: string): void {
  ctx.events.emit('BLEConnectionStateChange', () => ({ deviceId, connected: false }));
}

/** Drops every link and abandons every attempt (adapter closed or powered off). */
export function dropAllLinks(ctx: FakeBleContext): void {
  for (const abandon of [...ctx.connecting.values()]) abandon();
  for (const connection of [...ctx.connections.values()]) dropLink(ctx, connection, true);
}

/** The connection a GATT call addresses, or the error wx gives when there is none. */
export function connectionFor(
  ctx: FakeBleContext,
  api: string,
  deviceId: unknown,
): Connection | WxOutcome {
  const problem = adapterProblem(ctx, api);
  if (problem) return problem;
  return ctx.connections.get(deviceId as string) ?? wxFail(api, 10006);
}

export function isConnection(value: Connection | WxOutcome): value is Connection {
  return 'session' in value;
}
