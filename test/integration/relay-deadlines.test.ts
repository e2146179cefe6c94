/**
 * Time limits and idempotency: past its deadline the relay answers OUTCOME_UNKNOWN for a change (and
 * says to list first) or UPSTREAM_TIMEOUT for a read; an Idempotency-Key replays the first answer for
 * the same principal, including an answer that arrived after the deadline, and is released when nothing
 * changed upstream, so a retry can really retry.
 */
import { DEVICE_A, DEVICE_B, RelayHarness, SESSION_A, SESSION_B, startRelayHarness, validBodies } from '../helpers/relay-harness';
import { DEFAULT_RELAY_TIMEOUT_MS } from '../../plugin/tuya/relay-client';
import { RELAY_DEFAULT_DEADLINE_MS } from '../../cloud/relay';

let h: RelayHarness;
const DEADLINE = 400;

beforeAll(async () => {
  h = await startRelayHarness({ deadlineMs: DEADLINE });
});
afterAll(() => h.close());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Waits for a condition (bounded), instead of guessing how long the machine needs. */
async function until(cond: () => boolean | Promise<boolean>, ms = 10000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await sleep(20);
  }
}
/** Upstream answers this much after the deadline: a wide margin, so a busy machine cannot reorder them. */
const LATE = DEADLINE + 1500;
const createBody = (pin: string): Record<string, unknown> => ({ ...validBodies(DEVICE_A)['/temp-passwords'], password: pin });

describe('deadlines', () => {
  it('the relay gives up before the plugin does, so a plugin never abandons a request the relay completes', () => {
    expect(RELAY_DEFAULT_DEADLINE_MS).toBeLessThan(DEFAULT_RELAY_TIMEOUT_MS);
  });

  it('a create that Tuya answers too late is OUTCOME_UNKNOWN with advice to list; it did happen', async () => {
    h.mock.inject({ kind: 'slow', delayMs: LATE, on: 'create' });
    const res = await h.post('/temp-passwords', createBody('5550001'));
    expect(res.status).toBe(504);
    expect(res.json.error.code).toBe('OUTCOME_UNKNOWN');
    expect(res.json.error.message).toMatch(/list .* before retrying/);
    // The answer came before Tuya acted (not after it), and Tuya did act: "unknown", never "failed".
    expect(h.mock.passwords(DEVICE_A).some((p) => p.pin === '5550001')).toBe(false);
    await until(() => h.mock.passwords(DEVICE_A).some((p) => p.pin === '5550001'));
  });

  it('a read past the deadline is UPSTREAM_TIMEOUT: nothing changed, safe to retry', async () => {
    h.mock.inject({ kind: 'slow', delayMs: LATE, on: 'list' });
    const lists = h.mock.stats.byEndpoint.list;
    const res = await h.post('/temp-passwords/list', { deviceId: DEVICE_A });
    expect(res.status).toBe(504);
    expect(res.json.error.code).toBe('UPSTREAM_TIMEOUT');
    expect(h.mock.stats.byEndpoint.list).toBe(lists + 1);
    await sleep(LATE); // let the late answer land before the next test
  });
});

describe('Idempotency-Key', () => {
  it('a repeat replays the first answer and creates nothing more', async () => {
    const key = { 'idempotency-key': 'booking-1001-checkin' };
    const first = await h.post('/temp-passwords', createBody('5550002'), SESSION_A, key);
    const again = await h.post('/temp-passwords', createBody('5550002'), SESSION_A, key);
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(again.json).toEqual(first.json);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(h.mock.passwords(DEVICE_A).filter((p) => p.pin === '5550002')).toHaveLength(1);
  });

  it('the same key with a different request is refused', async () => {
    const key = { 'idempotency-key': 'booking-1002' };
    expect((await h.post('/temp-passwords', createBody('5550003'), SESSION_A, key)).status).toBe(200);
    const other = await h.post('/temp-passwords', { ...createBody('5550003'), invalidTime: (createBody('x').invalidTime as number) + 3600_000 }, SESSION_A, key);
    expect(other.status).toBe(422);
    expect(other.json.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('keys belong to a principal: B using A\'s key gets B\'s own answer', async () => {
    const key = { 'idempotency-key': 'shared-looking-key' };
    const a = await h.post('/temp-passwords', createBody('5550004'), SESSION_A, key);
    const b = await h.post('/temp-passwords', { ...validBodies(DEVICE_B)['/temp-passwords'], password: '5550004' }, SESSION_B, key);
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    expect(b.json.id).not.toBe(a.json.id);
  });

  it('while the first is running a repeat is told so (409); after a late answer the repeat gets it', async () => {
    const key = { 'idempotency-key': 'slow-one' };
    h.mock.inject({ kind: 'slow', delayMs: LATE, on: 'create' });
    const creates = h.mock.stats.byEndpoint.create;
    const first = h.post('/temp-passwords', createBody('5550005'), SESSION_A, key);
    await until(() => h.mock.stats.byEndpoint.create > creates); // the first is at Tuya now
    const during = await h.post('/temp-passwords', createBody('5550005'), SESSION_A, key);
    expect(during.status).toBe(409);
    expect(during.json.error.code).toBe('IN_PROGRESS');
    expect((await first).json.error.code).toBe('OUTCOME_UNKNOWN');
    let after = during;
    await until(async () => (after = await h.post('/temp-passwords', createBody('5550005'), SESSION_A, key)).status !== 409);
    expect(after.status).toBe(200);
    expect(after.headers['idempotent-replayed']).toBe('true');
    const stored = h.mock.passwords(DEVICE_A).filter((p) => p.pin === '5550005');
    expect(stored.map((p) => p.id)).toEqual([after.json.id]);
  });

  it('a refusal where nothing changed releases the key: the retry really runs', async () => {
    const key = { 'idempotency-key': 'refused-then-ok' };
    h.mock.inject({ kind: 'code', code: 1106, on: 'ticket' });
    const refused = await h.post('/temp-passwords', createBody('5550006'), SESSION_A, key);
    expect(refused.status).toBe(502);
    expect(refused.json.error.code).toBe(1106);
    const retry = await h.post('/temp-passwords', createBody('5550006'), SESSION_A, key);
    expect(retry.status).toBe(200);
    expect(h.mock.passwords(DEVICE_A).filter((p) => p.pin === '5550006')).toHaveLength(1);
  });

  it('an unknown outcome is kept: the retry replays it instead of creating a second password', async () => {
    const key = { 'idempotency-key': 'lost-answer' };
    h.mock.inject({ kind: 'drop', on: 'create', after: true });
    const lost = await h.post('/temp-passwords', createBody('5550007'), SESSION_A, key);
    expect(lost.json.error.code).toBe('OUTCOME_UNKNOWN');
    const retry = await h.post('/temp-passwords', createBody('5550007'), SESSION_A, key);
    expect(retry.json.error.code).toBe('OUTCOME_UNKNOWN');
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(h.mock.passwords(DEVICE_A).filter((p) => p.pin === '5550007')).toHaveLength(1);
  });

  it('a keyed change whose process never answered is reported as unknown once the grace period is over', async () => {
    // A deadline a loaded machine cannot overrun before the create is on its way (the relay then answers 503).
    const local = await startRelayHarness({ deadlineMs: 1500, lateAnswerGraceMs: 0 });
    try {
      const key = { 'idempotency-key': 'never-answered' };
      local.mock.inject({ kind: 'slow', delayMs: 60_000, on: 'create' }); // Tuya never answers within the test
      const first = await local.post('/temp-passwords', createBody('5550008'), SESSION_A, key);
      expect(first.json.error.code).toBe('OUTCOME_UNKNOWN');
      // The first's process goes on after its deadline: wait until its create is at Tuya, so that what the
      // repeat does is counted apart from it (on a busy machine the create may still be on its way).
      await until(() => local.mock.stats.byEndpoint.create === 1);
      const before = { ...local.mock.stats.byEndpoint };
      const repeat = await local.post('/temp-passwords', createBody('5550008'), SESSION_A, key);
      expect(repeat.status).toBe(504);
      expect(repeat.json.error).toMatchObject({ code: 'OUTCOME_UNKNOWN', message: expect.stringMatching(/list .* before retrying/) });
      expect(local.mock.stats.byEndpoint).toEqual(before); // the repeat sent nothing at all
    } finally {
      await local.close();
    }
  });
});
