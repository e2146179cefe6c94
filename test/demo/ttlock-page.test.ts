/** @jest-environment jsdom */
/**
 * The "Add passcode" page with a lock behind the TTLock relay: one tap gets the lockData from the relay
 * (mock TTLock cloud), writes the virtual lock over the fake wx, and records the passcode in the cloud;
 * the card says both. And when recording fails after the lock accepted the code, the card says that.
 */
import { createFakeWx, createVirtualLock, type VirtualLock } from '../../simulator';
import { createLoopbackRequest } from '../../simulator/loopback-request';
import { startTTLockStack, type TTLockStack } from '../../scripts/demo/ttlock-stack';
import { installApp, mergeWx, renderPage, type PageDriver } from './page-harness';

const FAST_LINK = { advertisingIntervalMs: 5, connectMs: 5, connectionIntervalMs: 2, lockProcessingMs: 2 };
/**
 * Real timers (HTTP and Bluetooth interleave): the link model is fast, and the plugin's timeouts are
 * made generous so a busy machine's slow event loop cannot turn into a Bluetooth timeout.
 */
const PATIENT = { scanTimeoutMs: 30_000, connectTimeoutMs: 30_000, gattTimeoutMs: 30_000, replyTimeoutMs: 30_000, operationBudgetMs: 60_000 };

let lock: VirtualLock;
let stack: TTLockStack;
let undo: Array<() => void> = [];
let page: PageDriver;
let plugin: any;

beforeEach(async () => {
  lock = createVirtualLock({ mac: 'C1:8C:9C:00:90:12' });
  stack = await startTTLockStack(lock);
  undo = [installApp({ simulatorLocks: [], ttlockRelay: { relayUrl: stack.relayUrl, authorization: stack.session, lockId: stack.lockId, name: 'Room 101 (TTLock cloud)' } })];
  page = renderPage('passcode');
  plugin = (globalThis as any).requirePlugin('lockwire');
  plugin.configure(PATIENT);
  const fake = createFakeWx({ platform: 'android', locks: [lock], timing: FAST_LINK });
  undo.push(mergeWx({ ...fake.wx, request: createLoopbackRequest() }));
});

afterEach(async () => {
  await plugin.stopAllOperations();
  plugin.configure({ ...plugin.DEFAULT_CONFIG });
  for (const u of undo.reverse()) u();
  await stack.close();
});

async function addThroughRelay(passcode: string): Promise<void> {
  await page.tap('.relay-choice');
  await page.input('.passcode', passcode);
  await page.tap('.submit');
  await page.until(() => page.exists('.card'), 60_000);
}

jest.setTimeout(90_000);

describe('Add passcode with a lock behind the TTLock relay', () => {
  it('offers the relay lock, with no lockData on the page', async () => {
    expect(page.texts('.lock-name')).toContain('Room 101 (TTLock cloud)');
    await page.tap('.relay-choice');
    expect(page.comp.data.lockIndex).toBe(-2);
    expect(JSON.stringify(page.comp.data)).not.toContain(lock.lockData());
  });

  it('one tap: lockData from the relay, the lock holds the code, the cloud lists it, the card says recorded', async () => {
    await addThroughRelay('4829104');
    expect(page.text('.card-title')).toBe('✓ 密码已添加 Passcode added');
    const recordedLine = page.texts('.card-line').find((l) => l.includes('Recorded in the TTLock cloud'));
    const [stored] = stack.cloud.passcodes(stack.lockId);
    expect(recordedLine).toBe(`已记录到 TTLock 云 Recorded in the TTLock cloud: id ${stored.keyboardPwdId}`);
    expect(stored).toMatchObject({ keyboardPwd: '4829104', addType: 1, onLock: true });
    expect(lock.passcodes().map((p) => p.passcode)).toEqual(['4829104']);
  });

  it('the lock accepted but the cloud refused the record: the card says the code works and was NOT recorded', async () => {
    stack.cloud.inject({ kind: 'errcode', errcode: 30007, on: '/v3/keyboardPwd/add' });
    await addThroughRelay('5930215');
    expect(page.text('.card-title')).toBe('✓ 密码已添加 Passcode added');
    expect(page.texts('.card-line').some((l) => l.startsWith('未记录到 TTLock 云 NOT recorded in the TTLock cloud (10307)'))).toBe(true);
    expect(lock.passcodes().map((p) => p.passcode)).toEqual(['5930215']);
    expect(stack.cloud.passcodes(stack.lockId)).toEqual([]);
  });
});
