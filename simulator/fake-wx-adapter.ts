/**
 * The Bluetooth adapter: open, close, state, and the phone's Bluetooth switch.
 *
 * - 'off': openBluetoothAdapter fails 10001 'not available', but (as wx documents) the module is
 *   initialised anyway: onBluetoothAdapterStateChange reports the switch, other calls fail 10001,
 *   and closeBluetoothAdapter is still owed.
 * - 'unauthorized' (the user denied scope.bluetooth): fails with `errno: 103` and
 *   errMsg 'openBluetoothAdapter:fail auth deny' and NO errCode, which is how wx reports a
 *   permission denial; the module is not initialised.
 * - 'unsupported': the BLE functions are absent from wx (see fake-wx.ts).
 * - Calls other than openBluetoothAdapter before it succeeded fail 10000, closeBluetoothAdapter too.
 * - closeBluetoothAdapter stops the scan and drops every link (connected:false fires); registered
 *   listeners stay, as in wx.
 */
import { dropAllLinks } from './fake-wx-connection';
import { settleSoon, type CallHandler, type FakeBleContext } from './fake-wx-context';
import { stopScan } from './fake-wx-scan';
import { after } from './link-model';
import { wxFail, wxOk, type PendingCall } from './wx-result';

export const openBluetoothAdapter: CallHandler = (ctx, _options, call) => {
  // The first open shows the permission / privacy popups and waits for the user.
  const popupMs = ctx.adapter.popupShown ? 0 : ctx.quirks.adapterPopupMs ?? 0;
  ctx.adapter.popupShown = true;
  if (popupMs > 0) return void after(popupMs, () => openNow(ctx, call));
  openNow(ctx, call);
};

function openNow(ctx: FakeBleContext, call: PendingCall): void {
  const api = call.api;
  const setting = ctx.adapter.setting;
  if (setting === 'unauthorized') {
    return settleSoon(call, { ok: false, error: { errno: 103, errMsg: `${api}:fail auth deny` } });
  }
  if (setting === 'noSystemPermission' && ctx.platform === 'android') {
    return settleSoon(call, { ok: false, error: { errno: 3, errMsg: `${api}:fail system permission denied` } });
  }
  if (!ctx.adapter.initialized) ctx.adapter.openedBy = call.owner ?? 'plugin';
  ctx.adapter.initialized = true;
  if (setting === 'off' || setting === 'noSystemPermission') {
    const failure = wxFail(api, 10001);
    // iOS wx adds CoreBluetooth's state: 4 = powered off, 3 = WeChat lacks the Bluetooth permission.
    if (ctx.platform === 'ios' && !failure.ok) failure.error.state = setting === 'off' ? 4 : 3;
    return settleSoon(call, failure);
  }
  settleSoon(call, wxOk(api));
}

/** Drops every connection (anyone's) and stops the scan; later calls fail 10000 until an open. */
export const closeBluetoothAdapter: CallHandler = (ctx, _options, call) => {
  if (!ctx.adapter.initialized) return settleSoon(call, wxFail(call.api, 10000));
  closeAdapterNow(ctx);
  settleSoon(call, wxOk(call.api));
};

/** What closeBluetoothAdapter does (also the 'adapterClosed' fault: the host closing it at a given step). */
export function closeAdapterNow(ctx: FakeBleContext): void {
  stopScan(ctx);
  dropAllLinks(ctx, ctx.adapterCloseFiresStateChange);
  ctx.adapter.initialized = false;
  ctx.adapter.openedBy = null;
  ctx.seenIds.clear();
  ctx.heardDevices.clear();
}

export const getBluetoothAdapterState: CallHandler = (ctx, _options, call) => {
  if (!ctx.adapter.initialized) return settleSoon(call, wxFail(call.api, 10000));
  settleSoon(call, wxOk(call.api, adapterState(ctx)));
};

function adapterState(ctx: FakeBleContext) {
  return { available: ctx.adapter.setting === 'on', discovering: ctx.scan !== null };
}

/** Flips the phone's Bluetooth switch; only between 'on' and 'off'. */
export function setAdapterPower(ctx: FakeBleContext, power: 'on' | 'off'): void {
  if (ctx.adapter.setting === power) return;
  ctx.adapter.setting = power;
  if (power === 'off') stopScan(ctx);
  // the adapter's state change is reported first, then the links it took down
  if (ctx.adapter.initialized) {
    ctx.events.emit('BluetoothAdapterStateChange', () => adapterState(ctx));
  }
  if (power === 'off') dropAllLinks(ctx);
}
