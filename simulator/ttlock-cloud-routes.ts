/**
 * The mock cloud's /v3 routes after authentication: which endpoint, which lock, which role the caller
 * needs (ttlock-cloud-api.md §4, §6.1, §11.4). Locks the account cannot see answer -1003; admin-only
 * endpoints answer -2018 to an ordinary eKey holder.
 */
import { ADMIN_EKEY, MockTTLockState, MockTTLockUser } from './ttlock-cloud-state';
import { PasscodeContext, Reply, addPasscode, changePasscode, deletePasscode, deletePasscodeByCode, done, fail, listPasscodes } from './ttlock-cloud-passcodes';
import { getRandomPasscode } from './ttlock-cloud-random';

type Handler = (c: PasscodeContext) => Reply | Promise<Reply>;

/** path -> [needs admin?, handler]. Every one of them names a lockId. */
const LOCK_ROUTES: Record<string, [boolean, Handler]> = {
  '/v3/keyboardPwd/add': [true, addPasscode],
  '/v3/keyboardPwd/change': [true, changePasscode],
  '/v3/keyboardPwd/delete': [true, (c) => deletePasscode(c)],
  '/v3/keyboardPwd/deleteByCode': [true, deletePasscodeByCode],
  '/v3/keyboardPwd/get': [true, getRandomPasscode],
  '/v3/lock/listKeyboardPwd': [true, listPasscodes],
  '/v3/lock/detail': [true, lockDetail],
  '/v3/lock/updateLockData': [true, updateLockData],
  '/v3/key/get': [false, keyGet],
  '/v3/gateway/listByLock': [true, gatewaysOfLock],
};

export const KNOWN_PATHS = ['/oauth2/token', '/app/getMonthRequestCount', '/v3/lock/list', '/v3/gateway/list', '/v3/gateway/detail', '/v3/gateway/listLock', ...Object.keys(LOCK_ROUTES)];

function lockSummary(c: { state: MockTTLockState }, lockId: number) {
  const rec = c.state.locks.get(lockId)!;
  return {
    lockId, lockName: rec.lock.name, lockAlias: rec.alias, lockMac: rec.lock.mac, electricQuantity: rec.lock.battery,
    featureValue: 'F44354CD5F3', hasGateway: rec.gatewayId === null ? 0 : 1, lockData: rec.uploadedLockData ?? rec.lock.lockData(), date: 1700000000000,
  };
}

function lockDetail(c: PasscodeContext): Reply {
  const { lockData: _secret, ...summary } = lockSummary(c, c.rec.lockId);
  return { ...summary, timezoneRawOffset: c.rec.lock.timezoneRawOffset, modelNum: 'SN9161_PV53', firmwareRevision: '6.0.6.210622', noKeyPwd: '1234567', keyboardPwdVersion: 4 };
}

function updateLockData(c: PasscodeContext): Reply {
  const lockData = c.params.get('lockData');
  if (!lockData) return fail(-3, 'Invalid parameter: lockData');
  c.rec.uploadedLockData = lockData;
  c.rec.hasPasscodeData = true;
  return done();
}

function keyGet(c: PasscodeContext): Reply {
  const admin = c.rec.adminUsername === c.user.username;
  const key = admin ? { userType: ADMIN_EKEY, keyStatus: '110401' } : c.rec.ekeys[c.user.username];
  const ordinary = key.userType !== ADMIN_EKEY;
  const lockData = ordinary ? c.rec.lock.lockData({ userType: Number(key.userType) }) : c.rec.uploadedLockData ?? c.rec.lock.lockData();
  return {
    keyId: c.rec.lockId * 10 + (admin ? 1 : 2), lockId: c.rec.lockId, userType: key.userType, keyStatus: key.keyStatus, lockData,
    lockName: c.rec.lock.name, lockAlias: c.rec.alias, lockMac: c.rec.lock.mac, electricQuantity: c.rec.lock.battery,
    startDate: 0, endDate: 0, keyRight: admin ? 1 : 0, remoteEnable: 2, timezoneRawOffset: c.rec.lock.timezoneRawOffset,
    ...(admin ? { noKeyPwd: '1234567' } : {}),
  };
}

function gatewaysOfLock(c: PasscodeContext): Reply {
  const linked = c.state.linkedGateway(c.rec, c.now);
  const g = linked === null ? undefined : c.state.gateways.get(linked);
  const list = g ? [{ gatewayId: g.gatewayId, gatewayMac: '52:E3:BB:1F:00:01', gatewayName: g.gatewayName, rssi: c.rec.rssi, rssiUpdateDate: c.rec.linkLostAt ?? c.now }] : [];
  return { list, pageNo: 1, pageSize: 20, pages: 1, total: list.length };
}

/** §6.1 gateway/listLock: the caller's locks this gateway links (a lost link until the cache expires), with RSSI. */
function locksOfGateway(c: RouteContext): Reply {
  const id = Number(c.params.get('gatewayId'));
  if (!c.state.gateways.has(id)) return fail(-4037, 'The gateway does not exist.');
  const list = [...c.state.locks.values()]
    .filter((l) => l.adminUsername === c.user.username && c.state.linkedGateway(l, c.now) === id)
    .map((l) => ({ lockId: l.lockId, lockMac: l.lock.mac, lockName: l.lock.name, lockAlias: l.alias, rssi: l.rssi, updateDate: l.linkLostAt ?? c.now }));
  return { list, pageNo: 1, pageSize: 20, pages: 1, total: list.length };
}

/** A gateway as /v3/gateway/list and /detail give it: `isOnline` lags an unplug; `lockNum` keeps cached links. */
function gatewayItem(c: RouteContext, id: number): Reply {
  const g = c.state.gatewayAt(id, c.now, c.state.offlineLagMs)!;
  const lockNum = [...c.state.locks.values()].filter((l) => c.state.linkedGateway(l, c.now) === g.gatewayId).length;
  return { gatewayId: g.gatewayId, gatewayName: g.gatewayName, gatewayVersion: 2, isOnline: g.online ? 1 : 0, lockNum };
}

export interface RouteContext extends Omit<PasscodeContext, 'rec'> {
  path: string;
}

export function routeV3(c: RouteContext): Reply | Promise<Reply> {
  if (c.path === '/v3/lock/list') {
    const mine = [...c.state.locks.values()].filter((l) => l.adminUsername === c.user.username);
    const alias = c.params.get('lockAlias');
    const list = mine.filter((l) => !alias || l.alias.includes(alias)).map((l) => lockSummary(c, l.lockId));
    return { list, pageNo: 1, pageSize: 1000, pages: 1, total: list.length };
  }
  if (c.path === '/v3/gateway/list') {
    const list = [...c.state.gateways.keys()].map((id) => gatewayItem(c, id));
    return { list, pageNo: 1, pageSize: 20, pages: 1, total: list.length };
  }
  if (c.path === '/v3/gateway/detail') {
    // the list's fields for one gateway (spec §6.1), with the same online lag
    const id = Number(c.params.get('gatewayId'));
    return c.state.gateways.has(id) ? gatewayItem(c, id) : fail(-4037, 'The gateway does not exist.');
  }
  if (c.path === '/v3/gateway/listLock') return locksOfGateway(c);
  const route = LOCK_ROUTES[c.path];
  if (!route) return fail(-3, 'Invalid parameter: unknown API');
  const lockIdText = c.params.get('lockId') ?? '';
  const lockId = /^\d+$/.test(lockIdText) ? Number(lockIdText) : NaN;
  const role = c.state.roleOf(c.user as MockTTLockUser, lockId);
  if (role === null) return fail(-1003, 'The lock does not exist.');
  if (route[0] && role !== 'admin') return fail(-2018, 'Permission Denied.');
  return route[1]({ ...c, rec: c.state.locks.get(lockId)! });
}
