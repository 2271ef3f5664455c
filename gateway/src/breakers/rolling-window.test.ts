import { describe, expect, it } from 'vitest';
import { RollingWindow } from './rolling-window.js';

// windowMs 10_000 with 10 buckets: each bucket is 1_000 ms.
describe('RollingWindow', () => {
  it('counts requests and failures inside the window', () => {
    const window = new RollingWindow(10_000);
    window.record(0, true);
    window.record(500, false);
    window.record(4_200, true);
    expect(window.counts(5_000)).toEqual({ requests: 3, failures: 2 });
  });

  it.each([
    // [recorded at, read at, still counted]
    [0, 9_999, true],
    [0, 10_000, false],
    [999, 10_000, false], // same bucket as 0: forgotten up to one bucket early
    [1_000, 10_999, true],
    [1_000, 11_000, false],
  ])('an outcome at %i read at %i is counted: %s', (at, readAt, counted) => {
    const window = new RollingWindow(10_000);
    window.record(at, true);
    expect(window.counts(readAt)).toEqual(counted ? { requests: 1, failures: 1 } : { requests: 0, failures: 0 });
  });

  it('recycles buckets: a long run only ever holds the last window', () => {
    const window = new RollingWindow(10_000);
    for (let t = 0; t < 100_000; t += 100) window.record(t, t % 200 === 0);
    // 10 buckets × 10 records each, half of them failures.
    expect(window.counts(99_999)).toEqual({ requests: 100, failures: 50 });
  });

  it('counts into the newest bucket when the clock steps back', () => {
    const window = new RollingWindow(10_000);
    window.record(20_000, true);
    window.record(5_000, true); // clock stepped back 15 s
    expect(window.counts(20_500)).toEqual({ requests: 2, failures: 2 });
    expect(window.counts(30_000)).toEqual({ requests: 0, failures: 0 });
  });

  it('reset forgets everything', () => {
    const window = new RollingWindow(10_000);
    window.record(0, true);
    window.reset();
    expect(window.counts(1)).toEqual({ requests: 0, failures: 0 });
  });
});
