import { describe, expect, it } from 'vitest';
import type { BreakerOverrides } from './breaker-config.js';
import type { AcquireResult, BreakerPermit } from './breaker-permit.js';
import type { BreakerTransition } from './breaker-state.js';
import { CircuitBreaker } from './circuit-breaker.js';

// 2025-01-01T00:00:00Z: a multiple of every bucket width used here, so expiry is exact.
const T0 = Date.UTC(2025, 0, 1);
const TARGET = 'openai/gpt-4o-mini';
/** Error-rate tripping out of the way, for tests about consecutive failures. */
const NO_RATE: BreakerOverrides = { errorRate: { minRequests: 1_000_000 } };
/** Consecutive tripping out of the way, for tests about the error rate. */
const NO_CONSECUTIVE: BreakerOverrides = { consecutiveFailures: 1_000_000 };

function setup(settings: BreakerOverrides = {}) {
  let t = T0;
  const transitions: BreakerTransition[] = [];
  const breaker = new CircuitBreaker(TARGET, { now: () => t, settings, onTransition: (e) => transitions.push(e) });
  return {
    breaker,
    transitions,
    advance: (ms: number) => {
      t += ms;
    },
    setTime: (ms: number) => {
      t = ms;
    },
  };
}

function permit(result: AcquireResult): BreakerPermit {
  if (!result.ok) throw new Error(`expected a permit, got refused: ${result.reason}`);
  return result.permit;
}

function fail(breaker: CircuitBreaker, times = 1, kind = 'http_503'): void {
  for (let i = 0; i < times; i++) permit(breaker.tryAcquire()).failure(kind);
}

function succeed(breaker: CircuitBreaker, times = 1): void {
  for (let i = 0; i < times; i++) permit(breaker.tryAcquire()).success();
}

/** Opens the breaker with consecutive failures and lets the cooldown run out. */
function halfOpen(settings: BreakerOverrides = {}) {
  const s = setup({ consecutiveFailures: 1, openMs: 10_000, ...settings });
  fail(s.breaker);
  s.advance(10_000);
  expect(s.breaker.state()).toBe('half_open');
  return s;
}

describe('CircuitBreaker closed', () => {
  it.each([1, 3, 5])('opens after %i consecutive failures, not before', (n) => {
    const { breaker } = setup({ ...NO_RATE, consecutiveFailures: n });
    fail(breaker, n - 1);
    expect(breaker.state()).toBe('closed');
    fail(breaker);
    expect(breaker.state()).toBe('open');
  });

  it('a success resets the consecutive count', () => {
    const { breaker } = setup({ ...NO_RATE, consecutiveFailures: 5 });
    fail(breaker, 4);
    succeed(breaker);
    fail(breaker, 4);
    expect(breaker.state()).toBe('closed');
    expect(breaker.snapshot().consecutiveFailures).toBe(4);
    fail(breaker);
    expect(breaker.state()).toBe('open');
  });

  it.each<[string, Array<'f' | 's'>, 'closed' | 'open']>([
    ['19 requests, 10 failures (53%): under minRequests', [...'fs'.repeat(9), 'f'] as Array<'f' | 's'>, 'closed'],
    ['20 requests, 9 failures (45%)', [...'fs'.repeat(9), 's', 's'] as Array<'f' | 's'>, 'closed'],
    ['20 requests, 10 failures (50%), last one a failure', [...'sf'.repeat(10)] as Array<'f' | 's'>, 'open'],
    ['20 requests, 10 failures (50%), last one a success', [...'fs'.repeat(10)] as Array<'f' | 's'>, 'open'],
    ['20 requests, 19 successes', [...'s'.repeat(19), 'f'] as Array<'f' | 's'>, 'closed'],
  ])('error rate with threshold 0.5, minRequests 20: %s', (_name, outcomes, expected) => {
    const { breaker } = setup({ ...NO_CONSECUTIVE, errorRate: { threshold: 0.5, minRequests: 20 } });
    for (const outcome of outcomes) {
      if (outcome === 'f') fail(breaker);
      else succeed(breaker);
    }
    expect(breaker.state()).toBe(expected);
  });

  it('the window forgets failures older than windowMs', () => {
    const { breaker, advance } = setup({ ...NO_CONSECUTIVE, errorRate: { threshold: 0.5, windowMs: 30_000, minRequests: 20 } });
    fail(breaker, 19);
    advance(29_999);
    expect(breaker.snapshot()).toMatchObject({ windowRequests: 19, windowFailures: 19 });
    advance(1);
    expect(breaker.snapshot()).toMatchObject({ windowRequests: 0, windowFailures: 0, errorRate: 0 });
    fail(breaker);
    expect(breaker.state()).toBe('closed');
  });

  it('release() counts toward nothing', () => {
    const { breaker } = setup({ ...NO_RATE, consecutiveFailures: 2 });
    for (let i = 0; i < 50; i++) permit(breaker.tryAcquire()).release();
    expect(breaker.snapshot()).toMatchObject({ state: 'closed', consecutiveFailures: 0, windowRequests: 0 });
    fail(breaker);
    // Releases between two failures neither reset the streak (as a success would) nor add to it.
    for (let i = 0; i < 5; i++) permit(breaker.tryAcquire()).release();
    expect(breaker.snapshot()).toMatchObject({ state: 'closed', consecutiveFailures: 1, windowRequests: 1 });
    fail(breaker);
    expect(breaker.state()).toBe('open');
  });
});

describe('CircuitBreaker open', () => {
  it('refuses with the time left in the cooldown', () => {
    const { breaker, advance } = setup({ consecutiveFailures: 1, openMs: 30_000 });
    fail(breaker);
    advance(10_000);
    expect(breaker.tryAcquire()).toEqual({ ok: false, state: 'open', reason: 'breaker open', retryInMs: 20_000 });
    advance(19_999);
    expect(breaker.tryAcquire()).toMatchObject({ ok: false, retryInMs: 1 });
  });

  it('ignores outcomes of permits issued before it opened', () => {
    const { breaker, advance } = setup({ consecutiveFailures: 2, openMs: 10_000 });
    const slowSuccess = permit(breaker.tryAcquire());
    const slowFailure = permit(breaker.tryAcquire());
    fail(breaker, 2);
    advance(5_000);
    slowFailure.failure('timeout'); // must not restart the cooldown
    slowSuccess.success();
    expect(breaker.snapshot()).toMatchObject({ state: 'open', openedAt: new Date(T0).toISOString(), lastFailureKind: 'http_503' });
    advance(5_000);
    expect(breaker.state()).toBe('half_open');
  });

  it('a clock stepping back does not stretch the cooldown past openMs', () => {
    const { breaker, setTime } = setup({ consecutiveFailures: 1, openMs: 10_000 });
    fail(breaker);
    setTime(T0 - 3_600_000);
    expect(breaker.tryAcquire()).toMatchObject({ ok: false, retryInMs: 10_000 });
    setTime(T0 - 3_600_000 + 10_000);
    expect(breaker.state()).toBe('half_open');
  });
});

describe('CircuitBreaker half-open', () => {
  it('becomes half-open lazily, exactly openMs after opening', () => {
    const { breaker, advance, transitions } = setup({ consecutiveFailures: 1, openMs: 10_000 });
    fail(breaker);
    advance(9_999);
    expect(breaker.state()).toBe('open');
    advance(60_000);
    expect(breaker.state()).toBe('half_open');
    expect(transitions.map((e) => [e.from, e.to, e.at])).toEqual([
      ['closed', 'open', T0],
      ['open', 'half_open', T0 + 10_000],
    ]);
  });

  it.each([1, 2, 3])('lets exactly %i concurrent probe(s) through', (probes) => {
    const { breaker } = halfOpen({ halfOpenProbes: probes });
    const granted = Array.from({ length: probes }, () => permit(breaker.tryAcquire()));
    expect(granted.every((p) => p.probe)).toBe(true);
    expect(breaker.tryAcquire()).toEqual({ ok: false, state: 'half_open', reason: 'half-open: probe in flight' });
    expect(breaker.snapshot().probesInFlight).toBe(probes);
    granted[0]?.release(); // frees a slot, decides nothing
    expect(breaker.state()).toBe('half_open');
    expect(permit(breaker.tryAcquire()).probe).toBe(true);
    expect(breaker.tryAcquire().ok).toBe(false);
  });

  it.each([1, 2, 3])('closes after %i probe success(es) with a clean window', (needed) => {
    const { breaker } = halfOpen({ successesToClose: needed });
    succeed(breaker, needed - 1);
    expect(breaker.state()).toBe('half_open');
    succeed(breaker);
    expect(breaker.snapshot()).toMatchObject({
      state: 'closed',
      consecutiveFailures: 0,
      windowRequests: 0,
      openedAt: null,
      halfOpenAt: null,
      probesInFlight: 0,
    });
    expect(permit(breaker.tryAcquire()).probe).toBe(false);
  });

  it('a probe failure reopens with a fresh cooldown and resets probe successes', () => {
    const { breaker, advance } = halfOpen({ successesToClose: 2 });
    succeed(breaker);
    advance(1_234);
    fail(breaker, 1, 'timeout');
    expect(breaker.tryAcquire()).toMatchObject({ ok: false, reason: 'breaker open', retryInMs: 10_000 });
    expect(breaker.snapshot()).toMatchObject({ state: 'open', lastFailureKind: 'timeout', probeSuccesses: 0 });
    advance(10_000);
    succeed(breaker);
    expect(breaker.state()).toBe('half_open'); // the success before the failure no longer counts
    succeed(breaker);
    expect(breaker.state()).toBe('closed');
  });

  it('a second probe settling after the first reopened the breaker is ignored', () => {
    const { breaker, advance } = halfOpen({ halfOpenProbes: 2 });
    const first = permit(breaker.tryAcquire());
    const second = permit(breaker.tryAcquire());
    first.failure('http_500');
    advance(10);
    second.success();
    expect(breaker.snapshot()).toMatchObject({ state: 'open', probesInFlight: 0 });
  });
});

describe('BreakerPermit', () => {
  it.each<[string, (p: BreakerPermit) => void, (p: BreakerPermit) => void, number]>([
    ['failure then failure', (p) => p.failure('a'), (p) => p.failure('b'), 1],
    ['failure then success', (p) => p.failure('a'), (p) => p.success(), 1],
    ['failure then release', (p) => p.failure('a'), (p) => p.release(), 1],
    ['success then failure', (p) => p.success(), (p) => p.failure('b'), 0],
    ['release then failure', (p) => p.release(), (p) => p.failure('b'), 0],
  ])('settles once: %s', (_name, first, second, failures) => {
    const { breaker } = setup({ consecutiveFailures: 2 });
    const p = permit(breaker.tryAcquire());
    expect(p.settled).toBe(false);
    first(p);
    expect(p.settled).toBe(true);
    second(p);
    expect(breaker.snapshot()).toMatchObject({ state: 'closed', consecutiveFailures: failures, lastFailureKind: failures === 0 ? null : 'a' });
  });

  it('a probe settled twice frees one slot only', () => {
    const { breaker } = halfOpen({ halfOpenProbes: 2 });
    const a = permit(breaker.tryAcquire());
    permit(breaker.tryAcquire());
    a.release();
    a.release();
    expect(breaker.snapshot().probesInFlight).toBe(1);
  });
});

describe('CircuitBreaker snapshot', () => {
  it('describes each state as plain JSON', () => {
    const { breaker, advance } = setup({ consecutiveFailures: 2, openMs: 10_000, errorRate: { windowMs: 60_000 } });
    const settings = breaker.settings;
    succeed(breaker);
    fail(breaker, 1, 'timeout');
    const closed = breaker.snapshot();
    expect(closed).toEqual({
      target: TARGET,
      state: 'closed',
      consecutiveFailures: 1,
      windowRequests: 2,
      windowFailures: 1,
      errorRate: 0.5,
      openedAt: null,
      halfOpenAt: null,
      probesInFlight: 0,
      probeSuccesses: 0,
      lastFailureKind: 'timeout',
      transitions: 0,
      lastTransitionAt: null,
      settings,
    });
    expect(JSON.parse(JSON.stringify(closed))).toEqual(closed);

    advance(1_000);
    fail(breaker, 1, 'http_502');
    expect(breaker.snapshot()).toMatchObject({
      state: 'open',
      consecutiveFailures: 2,
      windowRequests: 3,
      windowFailures: 2,
      openedAt: '2025-01-01T00:00:01.000Z',
      halfOpenAt: '2025-01-01T00:00:11.000Z',
      lastFailureKind: 'http_502',
      transitions: 1,
      lastTransitionAt: '2025-01-01T00:00:01.000Z',
    });

    advance(20_000);
    permit(breaker.tryAcquire());
    expect(breaker.snapshot()).toMatchObject({
      state: 'half_open',
      openedAt: '2025-01-01T00:00:01.000Z',
      halfOpenAt: '2025-01-01T00:00:11.000Z',
      probesInFlight: 1,
      transitions: 2,
      lastTransitionAt: '2025-01-01T00:00:11.000Z',
    });
  });
});
