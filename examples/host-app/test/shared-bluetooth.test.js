// Your app's own Bluetooth beside lockwire: a scripted host app (its listeners, adapter and a
// heart-rate band it stays connected to) shares the fake wx with the plugin.
const { createFakeWx, createHostApp, createHostPeripheral, createVirtualLock, installFakeWx } = require('lockwire/simulator');
const { drive, stubRequirePlugin } = require('lockwire/testing');

let lock, fake, uninstallWx, unstubPlugin, plugin, host;

beforeEach(async () => {
  jest.useFakeTimers();
  lock = createVirtualLock();
  const band = createHostPeripheral(); // the host app's own peripheral, not a lock
  fake = createFakeWx({ platform: 'ios', locks: [lock, band] });
  uninstallWx = installFakeWx(fake);
  host = createHostApp(fake, band); // calls fake.hostWx, so fake.report() counts it apart
  host.listen(); // its own four listeners
  expect(await drive(host.start(50))).toBe(true); // its adapter, its link, notifications every 50 ms
  unstubPlugin = stubRequirePlugin({ lockwire: require('lockwire') });
  plugin = requirePlugin('lockwire');
});

afterEach(async () => {
  host.stop();
  await drive(plugin.stopAllOperations());
  unstubPlugin();
  uninstallWx();
  jest.useRealTimers();
});

test("the plugin uses the host's adapter and leaves its listeners and its link alone", async () => {
  const ok = await drive(plugin.createCustomPasscode({
    passcode: '24680', startDate: 0, endDate: 0, lockData: lock.lockData(),
  }));
  await drive(plugin.finishOperations()); // close the link kept open for a following operation
  const r = fake.report();
  expect(ok.errorCode).toBe(0);
  expect([r.plugin.connections, r.plugin.scanning]).toEqual([0, false]);
  expect(r.host).toMatchObject({ connections: 1, listeners: { BLECharacteristicValueChange: 1 } });
  expect(r.adapterOpenedBy).toBe('host'); // lockwire never closes an adapter it did not open
  expect(host.peripheralConnected()).toBe(true);
});

test('the host removes every listener (an onUnload habit): the next operation still works', async () => {
  await drive(plugin.createCustomPasscode({ passcode: '24680', startDate: 0, endDate: 0, lockData: lock.lockData() }));
  host.offAll(); // the argument-less off…() remove the plugin's listeners too
  const again = await drive(plugin.createCustomPasscode({
    passcode: '13579', startDate: 0, endDate: 0, lockData: lock.lockData(),
  }));
  expect(again.errorCode).toBe(0); // lockwire noticed and registered its listeners again
  expect(lock.passcodes().map((p) => p.passcode)).toEqual(['24680', '13579']);
});
