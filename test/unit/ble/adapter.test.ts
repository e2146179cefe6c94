/**
 * adapter: the Bluetooth adapter is shared with the host app (wx-ble-real-phones.md §1). lockwire
 * opens it only when wx says nobody has (10000 from getBluetoothAdapterState), closes it only if it
 * opened it, `releaseAdapter` is 'auto' and the host is not using it, and closes a late open it gave
 * up on. The wx stand-in answers in the documented callback style; the codes are wx's (10000 not
 * initialised, 10001 adapter off, 10008 system error).
 */
import { CancelScope } from '../../../plugin/core/cancel';
import { systemClock } from '../../../plugin/core/clock';
import type { LockwireConfig } from '../../../plugin/core/settings';
import { SharedAdapter, type OpenAllowance } from '../../../plugin/ble/adapter';
import { Deadline } from '../../../plugin/core/timeouts';
import { WxAdapter, type WxLike } from '../../../plugin/ble/wx-adapter';

type Callbacks = { success: (res?: unknown) => void; fail: (err: unknown) => void };
type Answer = (o: Callbacks) => void;

const ok = (res: unknown = {}): Answer => (o) => o.success(res);
const failWith = (errCode: number): Answer => (o) => o.fail({ errCode, errMsg: `fail ${errCode}` });
const never: Answer = () => undefined;

/** A wx whose adapter functions answer as given; counts the calls of each. */
function phone(answers: { state?: Answer[]; open?: Answer; close?: Answer }) {
  const calls: Record<string, number> = { getBluetoothAdapterState: 0, openBluetoothAdapter: 0, closeBluetoothAdapter: 0 };
  const states = [...(answers.state ?? [ok({ available: true })])];
  let pendingOpen: Callbacks | undefined;
  const wx: WxLike = {
    getBluetoothAdapterState: (o: Callbacks) => {
      calls.getBluetoothAdapterState++;
      (states.length > 1 ? states.shift()! : states[0])(o);
    },
    openBluetoothAdapter: (o: Callbacks) => {
      calls.openBluetoothAdapter++;
      pendingOpen = o;
      (answers.open ?? ok())(o);
    },
    closeBluetoothAdapter: (o: Callbacks) => {
      calls.closeBluetoothAdapter++;
      (answers.close ?? ok())(o);
    },
  };
  return { wx, calls, answerOpenLate: () => pendingOpen?.success({}) };
}

function adapterOn(wx: WxLike, config: Partial<LockwireConfig> = {}): SharedAdapter {
  const settings = { adapterTimeoutMs: 20_000, releaseAdapter: 'auto', ...config } as LockwireConfig;
  return new SharedAdapter(new WxAdapter(wx, systemClock), systemClock, () => settings);
}

/** An operation's budget, nothing of it spent on adapter opens yet. */
function allowance(budgetMs = 60_000): OpenAllowance {
  return { deadline: new Deadline(systemClock, budgetMs) };
}

afterEach(() => {
  jest.useRealTimers();
});

describe('ensure: the adapter open and on before an operation', () => {
  it('uses an adapter someone already opened, never claiming it', async () => {
    const p = phone({ state: [ok({ available: true, discovering: true })] });
    const adapter = adapterOn(p.wx);
    await expect(adapter.ensure(new CancelScope(), 1000, allowance())).resolves.toEqual({ discovering: true, reopened: false });
    expect(p.calls.openBluetoothAdapter).toBe(0);
    expect(adapter.ours).toBe(false);
    await adapter.release(false);
    expect(p.calls.closeBluetoothAdapter).toBe(0);
  });

  it('reads "discovering" only from a literal true', async () => {
    const adapter = adapterOn(phone({ state: [ok({ available: true, discovering: 'yes' })] }).wx);
    expect((await adapter.ensure(new CancelScope(), 1000, allowance())).discovering).toBe(false);
  });

  it('refuses with "adapter off" when wx says Bluetooth is not available', async () => {
    const p = phone({ state: [ok({ available: false })] });
    const err = await adapterOn(p.wx).ensure(new CancelScope(), 1000, allowance()).catch((e) => e);
    expect(err.code).toBe('BLE_ADAPTER_OFF');
    expect(p.calls.openBluetoothAdapter).toBe(0);
  });

  it('opens and claims the adapter when wx says nobody has it open (10000), and then releases it', async () => {
    const p = phone({ state: [failWith(10000)] });
    const adapter = adapterOn(p.wx);
    const state = await adapter.ensure(new CancelScope(), 1000, allowance());
    expect(state).toMatchObject({ discovering: false, reopened: true });
    expect(adapter.ours).toBe(true);
    await adapter.release(false);
    expect(p.calls.closeBluetoothAdapter).toBe(1);
    expect(adapter.ours).toBe(false);
  });

  it('adds the time the open took (the permission popup waits for the user) to the operation\'s deadline', async () => {
    jest.useFakeTimers();
    let answer: Callbacks | undefined;
    const p = phone({ state: [failWith(10000)], open: (o) => (answer = o) });
    const op = allowance(10_000);
    const ensuring = adapterOn(p.wx).ensure(new CancelScope(), 1000, op);
    await jest.advanceTimersByTimeAsync(7000);
    answer!.success({});
    await ensuring;
    expect(op.adapterMs).toBe(7000);
    expect(op.deadline.remaining()).toBe(10_000); // the budget is still whole
  });

  it('gives the adapter opens of one operation adapterTimeoutMs in all: a second open gets what is left of it and of the budget', async () => {
    jest.useFakeTimers();
    const opens: Callbacks[] = [];
    const p = phone({ state: [failWith(10000)], open: (o) => opens.push(o) });
    const adapter = adapterOn(p.wx, { adapterTimeoutMs: 20_000 });
    const op = allowance(10_000);
    const first = adapter.ensure(new CancelScope(), 1000, op);
    await jest.advanceTimersByTimeAsync(15_000);
    opens[0].success({});
    await first;
    expect(op.deadline.remaining()).toBe(10_000);
    // the host closed the adapter; the reopen is never answered
    const started = Date.now();
    let failedAfter = -1;
    const second = adapter.ensure(new CancelScope(), 1000, op).catch((e) => {
      failedAfter = Date.now() - started;
      return e;
    });
    await jest.advanceTimersByTimeAsync(20_000);
    expect(await second).toMatchObject({ code: 'BLE_ADAPTER_FAILED' });
    // 5 s left of the 20 s allowance plus the 10 s budget: the operation ends at 30 s, not 35 s
    expect(failedAfter).toBe(15_000);
    expect(op.adapterMs).toBe(20_000);
    expect(op.deadline.remaining()).toBe(0);
  });

  it('after another failure of the state call, opens but does not claim: it may be the host\'s', async () => {
    const p = phone({ state: [failWith(10008)] });
    const adapter = adapterOn(p.wx);
    expect(await adapter.ensure(new CancelScope(), 1000, allowance())).toMatchObject({ reopened: false });
    expect(p.calls.openBluetoothAdapter).toBe(1);
    expect(adapter.ours).toBe(false);
    await adapter.release(false);
    expect(p.calls.closeBluetoothAdapter).toBe(0);
  });

  it('a state failure that is not about the adapter is passed on, and nothing is opened', async () => {
    const p = phone({ state: [(o) => o.fail({ errno: 103, errMsg: 'auth deny' })] });
    const err = await adapterOn(p.wx).ensure(new CancelScope(), 1000, allowance()).catch((e) => e);
    expect(err.code).toBe('BLE_PERMISSION_DENIED');
    expect(p.calls.openBluetoothAdapter).toBe(0);
  });

  it('an open that finds Bluetooth off still initialised the module: it is closed, and the error passed on', async () => {
    const p = phone({ state: [failWith(10000)], open: failWith(10001) });
    const adapter = adapterOn(p.wx);
    const err = await adapter.ensure(new CancelScope(), 1000, allowance()).catch((e) => e);
    expect(err.code).toBe('BLE_ADAPTER_OFF');
    expect(p.calls.closeBluetoothAdapter).toBe(1);
    expect(adapter.ours).toBe(false);
  });

  it("an open of someone else's adapter that fails is not closed", async () => {
    const p = phone({ state: [failWith(10008)], open: failWith(10001) });
    await adapterOn(p.wx).ensure(new CancelScope(), 1000, allowance()).catch(() => undefined);
    expect(p.calls.closeBluetoothAdapter).toBe(0);
  });

  it('an open that answers after we gave up is closed', async () => {
    jest.useFakeTimers();
    const p = phone({ state: [failWith(10000)], open: never });
    const adapter = adapterOn(p.wx, { adapterTimeoutMs: 3000 });
    const ensuring = adapter.ensure(new CancelScope(), 1000, allowance()).catch((e) => e);
    await jest.advanceTimersByTimeAsync(3000);
    const err = await ensuring;
    expect([err.code, err.message]).toEqual(['BLE_ADAPTER_FAILED', expect.stringContaining('3000')]);
    expect(p.calls.closeBluetoothAdapter).toBe(0);
    p.answerOpenLate();
    await jest.advanceTimersByTimeAsync(0);
    expect(p.calls.closeBluetoothAdapter).toBe(1);
  });
});

describe('release', () => {
  async function claimed(config: Partial<LockwireConfig> = {}, close?: Answer) {
    const p = phone({ state: [failWith(10000)], close });
    const adapter = adapterOn(p.wx, config);
    await adapter.ensure(new CancelScope(), 1000, allowance());
    return { p, adapter };
  }

  it('not while the host is using it', async () => {
    const { p, adapter } = await claimed();
    await adapter.release(true);
    expect(p.calls.closeBluetoothAdapter).toBe(0);
    expect(adapter.ours).toBe(true);
  });

  it("not when releaseAdapter is 'never'", async () => {
    const { p, adapter } = await claimed({ releaseAdapter: 'never' });
    await adapter.release(false);
    expect(p.calls.closeBluetoothAdapter).toBe(0);
  });

  it('still ours when wx refuses the close: the next release tries again', async () => {
    const { p, adapter } = await claimed({}, failWith(10008));
    await adapter.release(false);
    expect(adapter.ours).toBe(true);
    await adapter.release(false);
    expect(p.calls.closeBluetoothAdapter).toBe(2);
  });
});

describe('what wx says about the adapter now', () => {
  it('others are scanning only if wx says it is discovering and no scan of ours may still run', async () => {
    const discovering = adapterOn(phone({ state: [ok({ available: true, discovering: true })] }).wx);
    expect(await discovering.othersScanning(false)).toBe(true);
    expect(await discovering.othersScanning(true)).toBe(false);
    const idle = adapterOn(phone({ state: [ok({ available: true, discovering: false })] }).wx);
    expect(await idle.othersScanning(false)).toBe(false);
  });

  it("state() gives wx's answer, or the code of its refusal", async () => {
    expect(await adapterOn(phone({ state: [ok({ available: true })] }).wx).state()).toEqual({ available: true });
    expect(await adapterOn(phone({ state: [failWith(10000)] }).wx).state()).toEqual({ refused: 'BLE_NOT_INIT' });
  });
});
