// The plugin against a virtual lock behind a fake wx, on jest's fake timers driven by lockwire/testing.
const { createFakeWx, createVirtualLock, installFakeWx } = require('lockwire/simulator');
const { drive, stubRequirePlugin } = require('lockwire/testing');

let lock, fake, uninstallWx, unstubPlugin, plugin;

beforeEach(() => {
  jest.useFakeTimers();
  lock = createVirtualLock({ battery: 80 });
  fake = createFakeWx({ platform: 'ios', locks: [lock] }); // or 'android'
  uninstallWx = installFakeWx(fake); // the global wx the plugin calls
  // Your pages call requirePlugin('lockwire') (plugin door) or require('lockwire') (npm door).
  unstubPlugin = stubRequirePlugin({ lockwire: require('lockwire') });
  plugin = requirePlugin('lockwire');
});

afterEach(async () => {
  await drive(plugin.stopAllOperations());
  // Nothing left behind: no link, no scan, and at most one (idle) plugin listener per wx event,
  // kept for the next operation (lockwire never calls the argument-less off…(), which remove everyone's).
  const { plugin: left } = fake.report();
  expect([left.connections, left.scanning]).toEqual([0, false]);
  for (const count of Object.values(left.listeners)) expect(count).toBeLessThanOrEqual(1);
  unstubPlugin();
  uninstallWx();
  jest.useRealTimers();
});

test('adds a passcode to the lock', async () => {
  const result = await drive(plugin.createCustomPasscode({
    passcode: '13579', startDate: 0, endDate: 0, lockData: lock.lockData(),
  }));
  expect(result).toMatchObject({ errorCode: 0, passcode: '13579', electricQuantity: 80 });
  expect(lock.passcodes().map((p) => p.passcode)).toEqual(['13579']);
});

test('the answer to ADD is lost: lockwire reconnects, reads the lock and answers from what it holds', async () => {
  fake.faults.add({ on: 'reply', nth: 3, action: { kind: 'drop' } }); // the 3rd reply is the answer to ADD
  const result = await drive(plugin.createCustomPasscode({
    passcode: '97531', startDate: 0, endDate: 0, lockData: lock.lockData(),
  }));
  // the lock holds the code: a success seen on the lock, not a guess (description says how it was settled)
  expect(result).toMatchObject({ errorCode: 0, passcode: '97531', settledAfterDrop: true });
  expect(lock.passcodes().map((p) => p.passcode)).toEqual(['97531']);
});

test('the lock out of range: the scan gives up after scanTimeoutMs', async () => {
  lock.inRange = false;
  plugin.configure({ scanTimeoutMs: 3000 });
  const started = Date.now(); // fake time
  const result = await drive(plugin.createCustomPasscode({
    passcode: '2468', startDate: 0, endDate: 0, lockData: lock.lockData(),
  }));
  expect(result.errorCode).toBe(10404);
  expect(Date.now() - started).toBeGreaterThanOrEqual(3000);
  plugin.configure({ scanTimeoutMs: plugin.DEFAULT_CONFIG.scanTimeoutMs });
});
