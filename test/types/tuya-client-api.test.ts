/**
 * The Tuya client's public surface as the relay and server code use it, checked by `npm run typecheck`
 * (each `@ts-expect-error` must fail to compile) and at runtime (the object has exactly these operations).
 */
import {
  DeliveryOutcome,
  FailureReason,
  OfflinePassword,
  PasswordState,
  TempPasswordDetail,
  TuyaClient,
  checkListOptions,
  checkModifyFields,
  checkOfflinePasswordFields,
  checkPasswordId,
  checkTempPasswordFields,
  createTuyaClient,
  deliveryStateOf,
  planOfflinePassword,
} from '../../cloud/index';

async function compilesLikeARelay(client: TuyaClient): Promise<void> {
  const created: { id: string; state: PasswordState } = await client.createTempPassword({ deviceId: 'd', password: '123456', effectiveTime: 1, invalidTime: 2 });
  const list: TempPasswordDetail[] = await client.listTempPasswords('d', { valid: true });
  const detail: TempPasswordDetail = await client.getTempPassword('d', created.id);
  const reason: FailureReason | undefined = detail.reason;
  await client.modifyTempPassword('d', created.id, { password: '123456', effectiveTime: 1, invalidTime: 2, name: 'Room 1' });
  await client.freezeTempPassword('d', created.id);
  await client.unfreezeTempPassword('d', created.id);
  const revoking: 'revoking' | PasswordState = (await client.deleteTempPassword('d', created.id)).state;
  await client.clearTempPasswords('d');
  const offline: OfflinePassword = await client.createOfflinePassword('d', { kind: 'multiple', effectiveTime: 1, invalidTime: 2 });
  const dynamic: string = (await client.getDynamicPassword('d')).code;
  const waited: DeliveryOutcome = await client.waitForDelivery('d', created.id, { timeoutMs: 1000 });
  // @ts-expect-error modify needs the PIN again (Tuya has no "dates only" call)
  await client.modifyTempPassword('d', created.id, { effectiveTime: 1, invalidTime: 2 });
  // @ts-expect-error offline kinds are Tuya's four
  await client.createOfflinePassword('d', { kind: 'twice' });
  // @ts-expect-error 'delivered' is not a state: the lock has it = 'active'
  const wrong: PasswordState = 'delivered';
  void [list, reason, revoking, offline.guestNotes, dynamic, waited.polls, wrong];
}

it('the client object has exactly the documented operations', () => {
  const client = createTuyaClient({ baseUrl: 'https://tuya.invalid', accessId: 'abc', accessSecret: '0123456789abcdef0123456789abcdef' });
  expect(Object.keys(client).sort()).toEqual(
    [
      'clearTempPasswords', 'close', 'createOfflinePassword', 'createTempPassword', 'deleteTempPassword', 'freezeTempPassword',
      'getDynamicPassword', 'getTempPassword', 'listTempPasswords', 'modifyTempPassword', 'unfreezeTempPassword', 'waitForDelivery',
    ].sort(),
  );
  client.close();
  void compilesLikeARelay;
});

it('the validators a relay runs before authorize are exported and pure', () => {
  const now = Date.UTC(2030, 0, 1);
  expect(checkTempPasswordFields({ deviceId: 'd', password: '123456', effectiveTime: now, invalidTime: now + 1000 }, undefined, now)).toBeNull();
  expect(checkModifyFields({ password: '1', effectiveTime: now, invalidTime: now + 1000 })).toMatchObject({ field: 'password' });
  expect(checkListOptions({ valid: 1 })).toMatchObject({ field: 'valid' });
  expect(checkPasswordId('x/y')).toMatchObject({ field: 'id' });
  expect(checkOfflinePasswordFields({ kind: 'once' }, now)).toBeNull();
  expect(planOfflinePassword({ kind: 'clear_all' }, now)).toMatchObject({ effectiveTime: now, invalidTime: now + 24 * 3600_000 });
  expect(deliveryStateOf({ phase: 3, deliveryStatus: 2 })).toEqual({ state: 'frozen' });
});
