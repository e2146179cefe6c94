/**
 * connect-guard: what the link manager remembers about a device between links (wx-ble-real-phones.md
 * §3): a connect wx has not answered (the next one waits), the connected:false still owed by a link we
 * closed (Android can deliver it after the next link is up: it must not end that link), and devices
 * the host app connected (its adapter must not be closed under it). Jest's fake timers drive the
 * plugin's clock; the wx stand-in answers closeBLEConnection in the documented callback style.
 */
import { CancelScope } from '../../../plugin/core/cancel';
import { systemClock } from '../../../plugin/core/clock';
import { Deadline } from '../../../plugin/core/timeouts';
import { CONNECT_ANSWER_MS, ConnectGuard, STALE_DISCONNECT_WAIT_MS } from '../../../plugin/ble/connect-guard';
import { WxAdapter, type WxLike } from '../../../plugin/ble/wx-adapter';

const STALE_WINDOW_MS = 5000;

function guardWith(wx: WxLike = {}): ConnectGuard {
  return new ConnectGuard(new WxAdapter(wx, systemClock), systemClock);
}

/** A wx whose closeBLEConnection answers (10006: nothing left to close) only when finishClose() is called. */
function closeHeldUntilFinished(): { wx: WxLike; finishClose: () => void } {
  let finish: () => void = () => undefined;
  const wx: WxLike = {
    closeBLEConnection: (o: { fail: (e: unknown) => void }) => {
      finish = () => o.fail({ errCode: 10006 });
    },
  };
  return { wx, finishClose: () => finish() };
}

/** Whether `promise` has resolved after the microtasks now queued have run (a rejection fails the test). */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let state = 'pending';
  void promise.then(
    () => (state = 'resolved'),
    (err) => (state = `rejected: ${err}`),
  );
  await jest.advanceTimersByTimeAsync(0);
  if (state.startsWith('rejected')) throw new Error(state);
  return state === 'resolved';
}

beforeEach(() => {
  jest.useFakeTimers();
});

afterEach(() => {
  jest.useRealTimers();
});

describe('a connected:false owed by a link we closed', () => {
  it('is not news about the next link; the one after it is', () => {
    const guard = guardWith();
    guard.expectDisconnect('A');
    expect(guard.onConnectionState('A', false, true)).toBe(false);
    expect(guard.onConnectionState('A', false, true)).toBe(true);
  });

  it('two links closed: two events owed', () => {
    const guard = guardWith();
    guard.expectDisconnect('A');
    guard.expectDisconnect('A');
    expect(guard.onConnectionState('A', false, true)).toBe(false);
    expect(guard.onConnectionState('A', false, true)).toBe(false);
    expect(guard.onConnectionState('A', false, true)).toBe(true);
  });

  it('is owed for 5 s after the close, not longer', () => {
    const guard = guardWith();
    guard.expectDisconnect('A');
    jest.advanceTimersByTime(STALE_WINDOW_MS);
    expect(guard.onConnectionState('A', false, true)).toBe(false);
    guard.expectDisconnect('B');
    jest.advanceTimersByTime(STALE_WINDOW_MS + 1);
    expect(guard.onConnectionState('B', false, true)).toBe(true);
  });

  it("another device's event is news; a connected:true is never news", () => {
    const guard = guardWith();
    guard.expectDisconnect('A');
    expect(guard.onConnectionState('B', false, true)).toBe(true);
    expect(guard.onConnectionState('A', true, true)).toBe(false);
    expect(guard.onConnectionState('A', false, true)).toBe(false); // still owed after the connected:true
  });
});

describe('devices the host connected', () => {
  it('a connection that is not ours, not being made by us and not being closed by us is the host\'s until it drops', () => {
    const guard = guardWith();
    expect(guard.othersConnected).toBe(false);
    guard.onConnectionState('H', true, false);
    expect(guard.othersConnected).toBe(true);
    guard.onConnectionState('H', false, false);
    expect(guard.othersConnected).toBe(false);
  });

  it('ours now, ours in flight, or ours that came after we gave it up: not the host\'s', () => {
    const guard = guardWith();
    guard.onConnectionState('A', true, true);
    guard.connecting('B');
    guard.onConnectionState('B', true, false);
    expect(guard.othersConnected).toBe(false);
    const late = guard.connecting('C');
    late.answered(); // wx answers success after the link was closed: the event comes before lateSuccess
    guard.onConnectionState('C', true, false);
    late.lateSuccess();
    expect(guard.othersConnected).toBe(false);
  });

  it('a connection made while we only owe a closed link\'s event is the host\'s (a closed link never connects again)', () => {
    const guard = guardWith();
    guard.expectDisconnect('C');
    guard.onConnectionState('C', true, false);
    expect(guard.othersConnected).toBe(true);
    expect(guard.onConnectionState('C', false, false)).toBe(false); // the owed one: the host's is still up
    expect(guard.othersConnected).toBe(true);
    expect(guard.onConnectionState('C', false, false)).toBe(true);
    expect(guard.othersConnected).toBe(false);
  });

  it('when wx makes us a new connection to a device the host was seen on, the host\'s late connected:false is owed', () => {
    const guard = guardWith();
    guard.onConnectionState('D', true, false); // the host connects, then closes; its event is late
    guard.connecting('D').connected();
    expect(guard.othersConnected).toBe(false);
    expect(guard.onConnectionState('D', false, true)).toBe(false); // not news about our new link
    expect(guard.onConnectionState('D', false, true)).toBe(true); // the next one is
    guard.connecting('E').connected(); // nobody else was seen on E: nothing owed
    expect(guard.onConnectionState('E', false, true)).toBe(true);
  });
});

describe('settle: before connecting', () => {
  const scope = () => new CancelScope();

  it('returns at once when nothing is in flight or owed', async () => {
    const guard = guardWith();
    expect(await settled(guard.settle('A', scope(), new Deadline(systemClock, 10_000)))).toBe(true);
  });

  it('refuses with a connect timeout when the budget is spent', async () => {
    const guard = guardWith();
    const err = await guard.settle('A', scope(), new Deadline(systemClock, 0)).catch((e) => e);
    expect(err.code).toBe('BLE_CONNECT_TIMEOUT');
  });

  it('waits for a connect in flight until wx answers it', async () => {
    const guard = guardWith();
    const { answered } = guard.connecting('A');
    const settling = guard.settle('A', scope(), new Deadline(systemClock, 60_000));
    expect(await settled(settling)).toBe(false);
    await jest.advanceTimersByTimeAsync(10_000);
    expect(await settled(settling)).toBe(false);
    const timers = jest.getTimerCount(); // the connect's 30 s timer and settle's wait
    answered();
    expect(await settled(settling)).toBe(true);
    expect(jest.getTimerCount()).toBe(timers - 2); // the answered connect's 30 s timer and settle's wait are gone
    // another device's connect never held it up
    guard.connecting('B');
    expect(await settled(guard.settle('A', scope(), new Deadline(systemClock, 60_000)))).toBe(true);
  });

  it('a connect wx never answers is waited for only within the budget, then refused', async () => {
    const guard = guardWith();
    guard.connecting('A');
    const settling = guard.settle('A', scope(), new Deadline(systemClock, 2000)).catch((e) => e);
    await jest.advanceTimersByTimeAsync(2000);
    const err = await settling;
    expect(err.code).toBe('BLE_CONNECT_TIMEOUT');
    expect(err.message).toContain('earlier connect');
  });

  it('a connect wx never answers is forgotten after 30 s', async () => {
    const guard = guardWith();
    guard.connecting('A');
    await jest.advanceTimersByTimeAsync(CONNECT_ANSWER_MS - 1);
    expect(await guard.settle('A', scope(), new Deadline(systemClock, 0)).catch((e) => e.message)).toContain('earlier connect');
    await jest.advanceTimersByTimeAsync(1);
    expect(await guard.settle('A', scope(), new Deadline(systemClock, 0)).catch((e) => e.message)).toContain('no budget left');
  });

  it('waits for an owed connected:false until it comes', async () => {
    const guard = guardWith();
    guard.expectDisconnect('A');
    const settling = guard.settle('A', scope(), new Deadline(systemClock, 60_000));
    expect(await settled(settling)).toBe(false);
    await jest.advanceTimersByTimeAsync(STALE_DISCONNECT_WAIT_MS / 2);
    expect(guard.onConnectionState('A', false, false)).toBe(false);
    expect(await settled(settling)).toBe(true);
  });

  it('waits for an owed connected:false at most 1 s, then stops expecting it', async () => {
    const guard = guardWith();
    guard.expectDisconnect('A');
    const settling = guard.settle('A', scope(), new Deadline(systemClock, 60_000));
    await jest.advanceTimersByTimeAsync(STALE_DISCONNECT_WAIT_MS - 1);
    expect(await settled(settling)).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    expect(await settled(settling)).toBe(true);
    // the next link's drop is news, though the 5 s window has not passed
    expect(guard.onConnectionState('A', false, true)).toBe(true);
  });

  it('waits for each owed event when two are owed', async () => {
    const guard = guardWith();
    guard.expectDisconnect('A');
    guard.expectDisconnect('A');
    const settling = guard.settle('A', scope(), new Deadline(systemClock, 60_000));
    guard.onConnectionState('A', false, false);
    expect(await settled(settling)).toBe(false);
    guard.onConnectionState('A', false, false);
    expect(await settled(settling)).toBe(true);
  });
});

describe('a newer connect to the same device', () => {
  const scope = () => new CancelScope();

  it('the answer to an older one does not end the wait for the newer', async () => {
    const guard = guardWith();
    const older = guard.connecting('A');
    const newer = guard.connecting('A');
    older.answered();
    const settling = guard.settle('A', scope(), new Deadline(systemClock, 60_000));
    expect(await settled(settling)).toBe(false);
    newer.answered();
    expect(await settled(settling)).toBe(true);
  });

  it("the older one's 30 s limit does not forget the newer", async () => {
    const guard = guardWith();
    guard.connecting('A');
    await jest.advanceTimersByTimeAsync(20_000);
    const newer = guard.connecting('A');
    await jest.advanceTimersByTimeAsync(10_000); // the older one's limit passes
    const settling = guard.settle('A', scope(), new Deadline(systemClock, 60_000));
    expect(await settled(settling)).toBe(false);
    newer.answered();
    expect(await settled(settling)).toBe(true);
  });

  it('the end of closing a late connection does not forget a newer connect', async () => {
    const { wx, finishClose } = closeHeldUntilFinished();
    const guard = guardWith(wx);
    guard.connecting('A').lateSuccess();
    guard.onConnectionState('A', false, false);
    const newer = guard.connecting('A');
    finishClose();
    await jest.advanceTimersByTimeAsync(0);
    const settling = guard.settle('A', scope(), new Deadline(systemClock, 60_000));
    expect(await settled(settling)).toBe(false);
    newer.answered();
    expect(await settled(settling)).toBe(true);
  });
});

describe('a connect that succeeds after we gave up', () => {
  it('is closed, and closed again while wx says it closed one (Android may hold several)', async () => {
    const answers = [true, true, false];
    const closes: string[] = [];
    const wx: WxLike = {
      closeBLEConnection: (o: { deviceId: string; success: () => void; fail: (e: unknown) => void }) => {
        closes.push(o.deviceId);
        if (answers.shift()) o.success();
        else o.fail({ errCode: 10006 });
      },
    };
    const guard = guardWith(wx);
    guard.connecting('A').lateSuccess();
    await jest.advanceTimersByTimeAsync(0);
    expect(closes).toEqual(['A', 'A']);
    // its connected:false is owed, not news
    expect(guard.onConnectionState('A', false, false)).toBe(false);
  });

  it('the next connect waits for the close to finish', async () => {
    const { wx, finishClose } = closeHeldUntilFinished();
    const guard = guardWith(wx);
    guard.connecting('A').lateSuccess();
    guard.onConnectionState('A', false, false);
    const settling = guard.settle('A', new CancelScope(), new Deadline(systemClock, 60_000));
    expect(await settled(settling)).toBe(false);
    finishClose();
    expect(await settled(settling)).toBe(true);
  });
});
