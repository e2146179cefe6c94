/**
 * Every test file runs under this guard: a promise rejection nobody handled (for example a wx call
 * made without callbacks, whose promise rejects unobserved) fails the test during which it surfaced.
 */
const unhandled: unknown[] = [];
const record = (reason: unknown) => {
  unhandled.push(reason);
};

beforeAll(() => {
  process.on('unhandledRejection', record);
});

afterEach(async () => {
  // Node reports an unhandled rejection after the microtask queue drains: give it one real turn.
  await new Promise((resolve) => jest.requireActual<typeof import('timers')>('timers').setImmediate(resolve));
  const seen = unhandled.splice(0);
  if (seen.length > 0) {
    const first = seen[0] instanceof Error ? seen[0].message : String(seen[0]);
    throw new Error(`${seen.length} unhandled promise rejection(s) during this test; first: ${first}`);
  }
});

afterAll(() => {
  process.off('unhandledRejection', record);
});
