// The door page rendered by miniprogram-simulate, using the built miniprogram_npm/lockwire (npm run build:npm).
const path = require('path');
const simulate = require('miniprogram-simulate'); // installs its own mock wx
const { createFakeWx, createVirtualLock, installFakeWx } = require('lockwire/simulator');
const { drive } = require('lockwire/testing');

const PAGE = path.join(__dirname, '../../miniprogram/pages/door/index');
// The same module the page's require('lockwire') gets (moduleDirectories in jest.config.js).
const builtLockwire = require('../../miniprogram/miniprogram_npm/lockwire');

/** Resolves once the page is no longer busy (polled on the fake clock, so drive() can advance it). */
function settled(page) {
  return new Promise((resolve) => {
    const poll = () => (page.data.busy ? setTimeout(poll, 50) : resolve());
    setTimeout(poll, 0);
  });
}

test('typing a passcode and tapping "Add passcode" stores it on the lock', async () => {
  jest.useFakeTimers();
  const lock = createVirtualLock({ battery: 70 });
  const fake = createFakeWx({ platform: 'android', locks: [lock] });
  const uninstall = installFakeWx(fake); // replaces simulate's inert Bluetooth mock
  try {
    const page = simulate.render(simulate.load(PAGE, 'door-page', { compiler: 'simulate' }), { lockData: lock.lockData() });
    page.attach(document.createElement('parent-wrapper'));
    page.querySelector('.passcode').dispatchEvent('input', { detail: { value: '8642' } });
    page.querySelector('.add').dispatchEvent('tap');
    await drive(settled(page));
    expect(page.querySelector('.result').dom.textContent).toBe('Passcode 8642 added (battery 70%)');
    expect(lock.passcodes().map((p) => p.passcode)).toEqual(['8642']);
    expect(fake.openConnections()).toBe(1); // kept open for a following operation (keepAliveMs)
  } finally {
    await drive(builtLockwire.stopAllOperations());
    expect(fake.openConnections()).toBe(0); // so the page's lockwire was this one
    uninstall();
    jest.useRealTimers();
  }
});
