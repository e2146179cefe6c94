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
import { wxFail, wxOk } from './wx-result';

export const openBluetoothAdapter: CallHandler = (ctx, _options, call) => {
  const api = call.api;
  if (ctx.adapter.setting === 'unauthorized') {
    return settleSoon(call, { ok: false, error: { errno: 103, errMsg: `${api}:fail auth deny` } });
  }
  ctx.adapter.initialized = true;
  if (ctx.adapter.setting === 'off') {
    const failure = wxFail(api, 10001);
    // iOS wx adds CoreBluetooth's state; 4 = powered off.
    if (ctx.platform === 'ios' && !failure.ok) failure.error.state = 4;
    return settleSoon(call, failure);
  }
  settleSoon(call, wxOk(api));
};

export const closeBluetoothAdapter: CallHandler = (ctx, _options, call) => {
  if (!ctx.adapter.initialized) return settleSoon(call, wxFail(call.api, 10000));
  stopScan(ctx);
  dropAllLinks(ctx);
  ctx.adapter.initialized = false;
  ctx.seenIds.clear();
  settleSoon(call, wxOk(call.api));
};

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
  if (power === 'off') {
    stopScan(ctx);
    dropAllLinks(ctx);
  }
  if (ctx.adapter.initialized) {
    ctx.events.emit('BluetoothAdapterStateChange', () => adapterState(ctx));
  }
}
