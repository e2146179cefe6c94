/** What `fn` throws, for asserting on an error's fields; a call that does not throw fails the test. */
export function thrown(fn: () => unknown): any {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected a throw');
}
