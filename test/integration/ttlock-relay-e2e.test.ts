/**
 * End to end through the relay, as a mini-program does it in one call: createCustomPasscodeAndRecord
 * -> relay /lock-data -> the mock TTLock cloud's admin lockData -> Bluetooth write over the fake wx to
 * the virtual lock -> relay /passcodes/record -> listed in the cloud as on the lock. Then the case the
 * rule exists for: the lock accepted the code but recording failed; the result says so, and recording
 * alone succeeds on retry. Real timers with a fast link model, since HTTP and Bluetooth interleave.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTTLockRelayHandler } from '../../cloud/ttlock/relay';
import { configure, stopAllOperations } from '../../plugin/api/lifecycle';
import { DEFAULT_CONFIG } from '../../plugin/api/config';
import { createCustomPasscodeAndRecord, recordPasscode } from '../../plugin/ttlock/relay-client';
import { createFakeWx, createVirtualLock } from '../../simulator';
import { createLoopbackRequest } from '../../simulator/loopback-request';
import { lockLocalMs } from '../helpers/ble-harness';
import { closeTTLockHarnesses, ttlockHarness } from '../helpers/ttlock-harness';

closeTTLockHarnesses();

const FAST_LINK = { advertisingIntervalMs: 5, connectMs: 5, connectionIntervalMs: 2, lockProcessingMs: 2 };
/** Generous plugin timeouts: on real timers a busy machine's slow event loop must not look like a lock timeout. */
const PATIENT = { scanTimeoutMs: 30_000, connectTimeoutMs: 30_000, gattTimeoutMs: 30_000, replyTimeoutMs: 30_000, operationBudgetMs: 60_000 };

jest.setTimeout(90_000);

async function stack() {
  const lock = createVirtualLock({ mac: 'C1:8C:9C:00:56:78' });
  const h = await ttlockHarness({ locks: [{ lock }] });
  const handler = createTTLockRelayHandler<string>({
    client: h.client,
    authenticate: (req) => (req.headers.authorization === 'Bearer tenant-7' ? 'tenant-7' : null),
    authorize: (_who, intent) => intent.lockId === h.lockId,
  });
  let failRecord = false;
  const relay = http.createServer((req, res) => {
    if (failRecord && req.url === '/ttlock/passcodes/record') return void res.writeHead(503).end('busy');
    handler(req, res);
  });
  await new Promise<void>((r) => relay.listen(0, '127.0.0.1', r));
  const fake = createFakeWx({ platform: 'android', locks: [lock], timing: FAST_LINK });
  configure(PATIENT);
  const g = globalThis as any;
  g.wx = { ...fake.wx, request: createLoopbackRequest() };
  return {
    h,
    lock,
    relayUrl: `http://127.0.0.1:${(relay.address() as AddressInfo).port}/ttlock`,
    failRecords: (on: boolean) => void (failRecord = on),
    async close() {
      await stopAllOperations();
      configure({ ...DEFAULT_CONFIG });
      delete g.wx;
      relay.closeAllConnections();
      await new Promise((r) => relay.close(r));
    },
  };
}

describe('createCustomPasscodeAndRecord through the relay', () => {
  it('gets lockData, writes the lock, records it: on the lock and listed in the cloud', async () => {
    const s = await stack();
    try {
      const offset = s.lock.timezoneRawOffset;
      const startDate = lockLocalMs(2031, 7, 1, 15, 0, offset);
      const endDate = lockLocalMs(2031, 7, 3, 11, 0, offset);
      const relay = { relayUrl: s.relayUrl, header: { authorization: 'Bearer tenant-7' }, lockId: s.h.lockId, name: 'Tenant 7' };
      const result = await createCustomPasscodeAndRecord({ passcode: '5820931', startDate, endDate, relay });
      expect(result).toMatchObject({ errorCode: 0, passcode: '5820931', recorded: true, keyboardPwdId: expect.any(Number) });
      expect(s.lock.passcodes().map((p) => p.passcode)).toEqual(['5820931']);
      const { list } = await s.h.client.listPasscodes(s.h.lockId);
      expect(list).toEqual([expect.objectContaining({ keyboardPwdId: result.keyboardPwdId, passcode: '5820931', startDate, endDate, name: 'Tenant 7' })]);
      expect(s.h.mock.passcodes(s.h.lockId)[0]).toMatchObject({ onLock: true, addType: 1 });
    } finally {
      await s.close();
    }
  });

  it('a record that fails after the lock accepted: errorCode 0, recorded false, and a retry of the record alone works', async () => {
    const s = await stack();
    try {
      const offset = s.lock.timezoneRawOffset;
      const startDate = lockLocalMs(2031, 8, 1, 15, 0, offset);
      const endDate = lockLocalMs(2031, 8, 2, 11, 0, offset);
      const relay = { relayUrl: s.relayUrl, header: { authorization: 'Bearer tenant-7' }, lockId: s.h.lockId };
      s.failRecords(true);
      const result = await createCustomPasscodeAndRecord({ passcode: '6931042', startDate, endDate, relay });
      expect(result).toMatchObject({ errorCode: 0, recorded: false, recordError: { errorCode: 10305 } });
      expect(result.description).toContain('not recorded in the TTLock cloud');
      expect(s.lock.passcodes().map((p) => p.passcode)).toEqual(['6931042']);
      expect(s.h.mock.passcodes(s.h.lockId)).toEqual([]);
      s.failRecords(false);
      const retry = await recordPasscode({ ...relay, passcode: '6931042', startDate, endDate });
      expect(retry).toMatchObject({ errorCode: 0 });
      expect(s.h.mock.passcodes(s.h.lockId)[0]).toMatchObject({ keyboardPwd: '6931042', onLock: true });
    } finally {
      await s.close();
    }
  });

  it('no lockData for a lock the caller may not use: nothing is written, nothing recorded', async () => {
    const s = await stack();
    try {
      const relay = { relayUrl: s.relayUrl, header: { authorization: 'Bearer tenant-7' }, lockId: 424242 };
      const result = await createCustomPasscodeAndRecord({ passcode: '7042153', startDate: Date.UTC(2031, 0, 1), endDate: Date.UTC(2031, 0, 2), relay });
      expect(result).toMatchObject({ errorCode: 10307 });
      expect(s.lock.passcodes()).toEqual([]);
      expect(s.lock.received()).toEqual([]);
    } finally {
      await s.close();
    }
  });
});
