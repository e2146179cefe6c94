import { log, redact, setLogging } from '../../../plugin/core/log';

describe('redact (the second fence of the debug log)', () => {
  it('masks PIN-like digit runs, hex keys and Base64 blobs', () => {
    const line = redact('pin 246810 key 01,23,45,67,89,ab,cd,ef,fe,dc,ba,98 data NUArbY4H5vCVwCmFLzUaXck5C6ry7gI0XA5p==');
    expect(line).not.toMatch(/246810|01,23,45|NUArbY4H5vCV/);
    expect(line).toBe('pin **** key [redacted] data [redacted]');
  });

  it('keeps official error codes and short numbers readable', () => {
    expect(redact('failed with 10003 after 3 tries, 10404 next')).toBe('failed with 10003 after 3 tries, 10404 next');
    expect(redact('code 12345 is not official')).toBe('code **** is not official');
  });

  it('sends nothing while logging is off, and redacted lines to the sink when on', () => {
    const lines: string[] = [];
    setLogging(false, (l) => lines.push(l));
    log('hidden 123456');
    expect(lines).toEqual([]);
    setLogging(true, (l) => lines.push(l));
    log('visible 123456');
    setLogging(false);
    expect(lines).toEqual(['[lockwire] visible ****']);
  });
});
