/**
 * createBLEConnection / closeBLEConnection and link loss.
 *
 * Choices (wx does not document them all; the plugin must cope either way):
 * - Connecting fires onBLEConnectionStateChange {connected: true} right after the success callback.
 * - closeBLEConnection fires {connected: false} after its success callback when the fake was created
 *   with closeFiresStateChange (the default, as Android wx does); a link drop always fires it
 *   (quirk lateDisconnectMs: that event comes late, perhaps after a new link to the device).
 * - A lock that is absent or out of range: fail 10012 at `timeout` if one was given, else 10003
 *   after timing.absentConnectFailMs. iOS: an id never seen in a scan fails 10002 at once.
 *   Android: a deviceId that is not an upper-case MAC fails 10002 at once.
 * - A second createBLEConnection to a connected device fails -1 'already connect' (errno 1509007),
 *   whoever made the first; the link stays its creator's. To a device being connected: -1 too,
 *   unless the quirk connectIgnoresTimeoutMs is on: then it answers with the running attempt, and when
 *   that one connects a second instance is left behind, the repeated caller's.
 * - Quirks: GATT 133 (10003, repeated within a window), connects that ignore their timeout and
 *   closeBLEConnection, direct connects that need a scan first.
 */
import {
  adapterProblem,
  lockByDeviceId,
  settleSoon,
  type CallHandler,
  type Connection,
  type FakeBleContext,
} from './fake-wx-context';
import type { Owner } from './fake-wx-events';
import { ttlockGattProfile } from './gatt-profile';
import { after, LinkQueue, now } from './link-model';
import { wxFail, wxOk, type PendingCall, type WxOutcome } from './wx-result';

const ANDROID_MAC = /^[0-9A-F]{2}(:[0-9A-F]{2}){5}$/;

export const createBLEConnection: CallHandler = (ctx, options, call, fault) => {
  const api = call.api;
  const problem = adapterProblem(ctx, api);
  if (problem) return settleSoon(call, problem);
  const deviceId = options.deviceId;
  const stubborn = ctx.quirks.connectIgnoresTimeoutMs;
  if (ctx.connections.has(deviceId) || (ctx.connecting.has(deviceId) && stubborn === undefined)) {
    return settleSoon(call, wxFail(api, -1));
  }
  const known = ctx.platform === 'ios' ? ctx.seenIds.has(deviceId) : ANDROID_MAC.test(deviceId ?? '');
  if (!known) return settleSoon(call, wxFail(api, 10002));
  if (ctx.connecting.has(deviceId)) {
    // a repeated connect on a phone that cannot cancel: the first attempt carries on and this one
    // answers with it; when they connect, this one leaves a second connection instance behind, its caller's
    waitersOf(ctx, deviceId).push((outcome) => {
      if (outcome.ok) ctx.leakedInstances.set(deviceId, [...(ctx.leakedInstances.get(deviceId) ?? []), call.owner ?? 'plugin']);
      call.settle(outcome.ok ? wxOk(api) : wxFail(api, outcome.error.errCode ?? 10003));
    });
    return;
  }
  const q = ctx.quirks.gatt133;
  if (q && ctx.gatt133.left > 0) {
    ctx.gatt133.lastAt = now();
    ctx.gatt133.left--;
    return settleSoon(call, wxFail(api, 10003, 'connection fail status 133'), ctx.timing.connectMs);
  }
  if (q && now() - ctx.gatt133.lastAt < q.windowMs) {
    ctx.gatt133.lastAt = now(); // retried too soon: 133 again
    return settleSoon(call, wxFail(api, 10003, 'connection fail status 133'), ctx.timing.connectMs);
  }

  const lock = lockByDeviceId(ctx, deviceId);
  const unseenMac = ctx.platform === 'android' && ctx.quirks.directConnectNeedsScan === true && !ctx.seenIds.has(deviceId);
  const reachable = lock !== undefined && lock.inRange && fault?.kind !== 'outOfRange' && !unseenMac;
  const timeout = typeof options.timeout === 'number' && options.timeout > 0 ? options.timeout : undefined;
  const finish = (outcome: WxOutcome, then?: () => void) => {
    ctx.connecting.delete(deviceId);
    call.settle(outcome);
    for (const repeated of waitersOf(ctx, deviceId).splice(0)) repeated(outcome);
    then?.();
  };

  let cancelTimeout = () => {};
  const attemptMs = reachable ? stubborn ?? ctx.timing.connectMs : ctx.timing.absentConnectFailMs;
  const cancelAttempt = after(attemptMs, () => {
    cancelTimeout();
    if (!reachable) return finish(wxFail(api, 10003));
    if (ctx.connections.has(deviceId)) return finish(wxFail(api, -1));
    const connection = openConnection(ctx, deviceId, lock!, call.owner ?? 'plugin');
    finish(wxOk(api), () => {
      ctx.events.emit('BLEConnectionStateChange', () => ({ deviceId, connected: true }));
      if (fault?.kind === 'dropAfter') after(0, () => dropLink(ctx, connection, true));
    });
  });
  if (timeout !== undefined && timeout < attemptMs && stubborn === undefined) {
    cancelTimeout = after(timeout, () => {
      cancelAttempt();
      finish(wxFail(api, 10012));
    });
  }
  // closeBLEConnection during the attempt abandons it (the attempt then fails 10003), except on a
  // phone that cannot cancel a connect.
  ctx.connecting.set(deviceId, (force) => {
    if (stubborn !== undefined && !force) return;
    cancelAttempt();
    cancelTimeout();
    ctx.connecting.delete(deviceId);
    settleSoon(call, wxFail(api, 10003));
    for (const repeated of waitersOf(ctx, deviceId).splice(0)) after(0, () => repeated(wxFail(api, 10003)));
  });
};

function waitersOf(ctx: FakeBleContext, deviceId: string): Array<(outcome: WxOutcome) => void> {
  let waiters = ctx.repeatedConnects.get(deviceId);
  if (!waiters) ctx.repeatedConnects.set(deviceId, (waiters = []));
  return waiters;
}

function openConnection(ctx: FakeBleContext, deviceId: string, lock: Connection['lock'], owner: Owner): Connection {
  const connection: Connection = {
    deviceId,
    owner,
    notifiedAt: -Infinity,
    unackedInFlight: 0,
    lock,
    session: lock.openSession(),
    link: new LinkQueue(() => ctx.timing.connectionIntervalMs),
    profile: lock.gattProfile?.() ?? ttlockGattProfile(),
    servicesDiscovered: false,
    servicesAsked: false,
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
  if (abandon && !ctx.connections.has(deviceId)) {
    abandon();
    return settleSoon(call, wxOk(api));
  }
  const connection = ctx.connections.get(deviceId);
  if (!connection) return settleSoon(call, wxFail(api, 10006));
  // with a second instance left by a repeated connect, closing one leaves the other (its caller's) up
  const leaked = ctx.leakedInstances.get(deviceId) ?? [];
  if (leaked.length > 0) {
    const [next, ...rest] = leaked;
    ctx.leakedInstances.set(deviceId, rest);
    if (connection.owner === call.owner) connection.owner = next;
    return settleSoon(call, wxOk(api));
  }
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
  ctx.leakedInstances.delete(connection.deviceId);
  connection.link.cancelAll();
  connection.session.close();
  connection.onClose?.();
  for (const call of connection.pending) settleSoon(call, wxFail(call.api, 10006));
  connection.pending.clear();
  if (announce) emitDisconnected(ctx, connection.deviceId);
}

function emitDisconnected(ctx: FakeBleContext, deviceId: string): void {
  const emit = () => ctx.events.emit('BLEConnectionStateChange', () => ({ deviceId, connected: false }));
  const late = ctx.quirks.lateDisconnectMs ?? 0;
  if (late > 0) after(late, emit);
  else emit();
}

/** Drops every link and abandons every attempt (adapter closed or powered off). */
export function dropAllLinks(ctx: FakeBleContext, announce = true): void {
  for (const abandon of [...ctx.connecting.values()]) abandon(true);
  ctx.connecting.clear();
  for (const connection of [...ctx.connections.values()]) dropLink(ctx, connection, announce);
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

export type { PendingCall };
