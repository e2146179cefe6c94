/**
 * GATT calls on an open connection: discovery, notify enable, writes. Each costs one connection
 * interval on the connection's link (link-model.ts). The order real Android wx enforces is kept:
 * services before characteristics (else 10004), characteristics before notify/write (else 10005).
 *
 * Over-long writes (> 20 bytes): Android fails 10008; iOS never calls back and delivers nothing
 * (style.md §4), so a client without a per-write timeout hangs here as it would on a phone.
 *
 * writeType (base library 2.22.0+): 'write' is acknowledged (the callback comes once the chunk is on
 * the lock's side); 'writeNoResponse' calls back at once. Without writeType, iOS writes with
 * response and Android without, as documented. Quirks: lossy back-to-back unacknowledged writes,
 * 10008 on a write right after notify enabling, 10004 / an empty list on the first service discovery,
 * UUIDs reported lower-case or 16-bit.
 */
import { connectionFor, dropLink, isConnection } from './fake-wx-connection';
import { settleSoon, type CallHandler, type Connection, type FakeBleContext } from './fake-wx-context';
import { sendReply } from './fake-wx-replies';
import type { FaultAction } from './faults';
import { MAX_WRITE_BYTES, sameUuid, TTLOCK_NOTIFY_UUID, TTLOCK_SERVICE_UUID } from './gatt-profile';
import { now } from './link-model';
import { reportUuid } from './phone-quirks';
import { wxFail, wxOk, type PendingCall, type WxOutcome } from './wx-result';

/** Queues `perform` on the link and applies the link faults 'drop' and 'dropAfter'. */
function onLink(
  ctx: FakeBleContext,
  connection: Connection,
  call: PendingCall,
  fault: FaultAction | undefined,
  perform: () => WxOutcome,
): void {
  if (fault?.kind === 'drop') {
    dropLink(ctx, connection, true);
    return settleSoon(call, wxFail(call.api, 10006));
  }
  connection.pending.add(call);
  connection.link.enqueue(() => {
    connection.pending.delete(call);
    call.settle(perform());
    if (fault?.kind === 'dropAfter') dropLink(ctx, connection, true);
  });
}

function findService(connection: Connection, serviceId: unknown) {
  if (!connection.servicesDiscovered) return undefined;
  return connection.profile.find((s) => sameUuid(serviceId, s.uuid));
}

function findCharacteristic(connection: Connection, api: string, options: Record<string, any>) {
  const service = findService(connection, options.serviceId);
  if (!service) return wxFail(api, 10004);
  const characteristic = connection.characteristicsDiscovered.has(service.uuid)
    ? service.characteristics.find((c) => sameUuid(options.characteristicId, c.uuid))
    : undefined;
  return characteristic ?? wxFail(api, 10005);
}

export const getBLEDeviceServices: CallHandler = (ctx, options, call, fault) => {
  const connection = connectionFor(ctx, call.api, options.deviceId);
  if (!isConnection(connection)) return settleSoon(call, connection);
  const notReady = ctx.quirks.servicesNotReady !== undefined && !connection.servicesAsked;
  connection.servicesAsked = true;
  onLink(ctx, connection, call, fault, () => {
    if (notReady && ctx.quirks.servicesNotReady === '10004') return wxFail(call.api, 10004);
    if (notReady) return wxOk(call.api, { services: [] });
    if (fault?.kind === 'missingService') {
      const index = connection.profile.findIndex((s) => s.uuid === TTLOCK_SERVICE_UUID);
      if (index >= 0) connection.profile.splice(index, 1);
    }
    connection.servicesDiscovered = true;
    const services = connection.profile.map((s) => ({ uuid: reportUuid(ctx.quirks, s.uuid), isPrimary: true }));
    return wxOk(call.api, { services });
  });
};

export const getBLEDeviceCharacteristics: CallHandler = (ctx, options, call, fault) => {
  const connection = connectionFor(ctx, call.api, options.deviceId);
  if (!isConnection(connection)) return settleSoon(call, connection);
  const service = findService(connection, options.serviceId);
  if (!service) return settleSoon(call, wxFail(call.api, 10004));
  onLink(ctx, connection, call, fault, () => {
    if (fault?.kind === 'missingCharacteristic' && service.uuid === TTLOCK_SERVICE_UUID) {
      service.characteristics = service.characteristics.filter((c) => c.uuid !== TTLOCK_NOTIFY_UUID);
    }
    connection.characteristicsDiscovered.add(service.uuid);
    const characteristics = service.characteristics.map((c) => ({
      uuid: reportUuid(ctx.quirks, c.uuid),
      properties: { ...c.properties },
    }));
    return wxOk(call.api, { characteristics });
  });
};

export const notifyBLECharacteristicValueChange: CallHandler = (ctx, options, call, fault) => {
  const connection = connectionFor(ctx, call.api, options.deviceId);
  if (!isConnection(connection)) return settleSoon(call, connection);
  const characteristic = findCharacteristic(connection, call.api, options);
  if ('ok' in characteristic) return settleSoon(call, characteristic);
  const { notify, indicate } = characteristic.properties;
  if (!notify && !indicate) return settleSoon(call, wxFail(call.api, 10007));
  onLink(ctx, connection, call, fault, () => {
    if (options.state) connection.notifying.add(characteristic.uuid);
    else connection.notifying.delete(characteristic.uuid);
    connection.notifiedAt = now();
    return wxOk(call.api);
  });
};

export const writeBLECharacteristicValue: CallHandler = (ctx, options, call, fault) => {
  const connection = connectionFor(ctx, call.api, options.deviceId);
  if (!isConnection(connection)) return settleSoon(call, connection);
  const characteristic = findCharacteristic(connection, call.api, options);
  if ('ok' in characteristic) return settleSoon(call, characteristic);
  const { write, writeNoResponse } = characteristic.properties;
  if (!write && !writeNoResponse) return settleSoon(call, wxFail(call.api, 10007));
  // By tag, not instanceof: the caller's ArrayBuffer may come from another realm (vm context).
  if (Object.prototype.toString.call(options.value) !== '[object ArrayBuffer]') {
    return settleSoon(call, wxFail(call.api, 10013));
  }
  if (options.value.byteLength > MAX_WRITE_BYTES) {
    if (ctx.platform === 'ios') return; // no callback at all
    return settleSoon(call, wxFail(call.api, 10008));
  }
  const chunk = new Uint8Array((options.value as ArrayBuffer).slice(0));
  const quirkMs = ctx.quirks.writeAfterNotify10008Ms;
  if (quirkMs !== undefined && now() - connection.notifiedAt < quirkMs) {
    connection.notifiedAt = -Infinity; // once per notify enabling
    return settleSoon(call, wxFail(call.api, 10008));
  }
  const type = options.writeType ?? (ctx.platform === 'android' ? 'writeNoResponse' : 'write');
  if (type === 'write' && !write) return settleSoon(call, wxFail(call.api, 10007));
  const deliver = () => {
    for (const reply of connection.session.receive(chunk)) sendReply(ctx, connection, reply);
  };
  if (type === 'write') {
    return onLink(ctx, connection, call, fault, () => {
      deliver();
      return wxOk(call.api);
    });
  }
  // Without response: wx calls back at once; the chunk goes on the air afterwards.
  if (fault?.kind === 'drop') return onLink(ctx, connection, call, fault, () => wxOk(call.api));
  const lost = ctx.quirks.lossyUnackedWrites === true && connection.unackedInFlight > 0;
  connection.unackedInFlight++;
  connection.link.enqueue(() => {
    connection.unackedInFlight--;
    if (!lost) deliver();
    if (fault?.kind === 'dropAfter') dropLink(ctx, connection, true);
  });
  settleSoon(call, wxOk(call.api));
};

/** The value is delivered through onBLECharacteristicValueChange (as documented), then the call succeeds. */
export const readBLECharacteristicValue: CallHandler = (ctx, options, call, fault) => {
  const connection = connectionFor(ctx, call.api, options.deviceId);
  if (!isConnection(connection)) return settleSoon(call, connection);
  const characteristic = findCharacteristic(connection, call.api, options);
  if ('ok' in characteristic) return settleSoon(call, characteristic);
  if (!characteristic.properties.read) return settleSoon(call, wxFail(call.api, 10007));
  const service = connection.profile.find((s) => s.characteristics.includes(characteristic))!;
  onLink(ctx, connection, call, fault, () => {
    const value = Uint8Array.from(Array.from(characteristic.uuid.slice(4, 8), (c) => c.charCodeAt(0)));
    ctx.events.emit('BLECharacteristicValueChange', () => ({
      deviceId: connection.deviceId,
      serviceId: reportUuid(ctx.quirks, service.uuid),
      characteristicId: reportUuid(ctx.quirks, characteristic.uuid),
      value: value.slice().buffer,
    }));
    return wxOk(call.api);
  });
};
