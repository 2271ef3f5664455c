import { describe, expect, it } from 'vitest';
import { DEFAULT_BREAKER_SETTINGS, type BreakerOverrides } from './breaker-config.js';
import type { BreakerPermit } from './breaker-permit.js';
import { BreakerRegistry, type BreakerOverridesSource } from './breaker-registry.js';
import type { BreakerTransition } from './breaker-state.js';

const T0 = Date.UTC(2025, 0, 1);

function setup(options: { defaults?: BreakerOverrides; overrides?: BreakerOverridesSource } = {}) {
  let t = T0;
  const registry = new BreakerRegistry({ now: () => t, ...options });
  return {
    registry,
    advance: (ms: number) => {
      t += ms;
    },
  };
}

function permit(registry: BreakerRegistry, target: string): BreakerPermit {
  const result = registry.get(target).tryAcquire();
  if (!result.ok) throw new Error(`refused: ${result.reason}`);
  return result.permit;
}

function trip(registry: BreakerRegistry, target: string): void {
  for (let i = 0; i < registry.get(target).settings.consecutiveFailures; i++) permit(registry, target).failure('http_503');
}

describe('BreakerRegistry', () => {
  it('creates one breaker per target on first use and keeps it', () => {
    const { registry } = setup();
    expect(registry.snapshots()).toEqual([]);
    const a = registry.get('openai/gpt-4o');
    expect(registry.get('openai/gpt-4o')).toBe(a);
    expect(registry.get('openai/gpt-4o-mini')).not.toBe(a);
    expect(registry.snapshots().map((s) => s.target)).toEqual(['openai/gpt-4o', 'openai/gpt-4o-mini']);
  });

  it('breakers are independent', () => {
    const { registry } = setup({ defaults: { consecutiveFailures: 1 } });
    trip(registry, 'openai/gpt-4o');
    expect(registry.get('openai/gpt-4o').state()).toBe('open');
    expect(registry.get('anthropic/claude-sonnet-4-5').state()).toBe('closed');
  });

  const overrides: Record<string, BreakerOverrides> = { 'vllm/llama': { openMs: 1_000, errorRate: { minRequests: 5 } } };
  it.each<[string, BreakerOverridesSource]>([
    ['a record', overrides],
    ['a map', new Map(Object.entries(overrides))],
    ['a function', (target) => (target.startsWith('vllm/') ? { openMs: 1_000, errorRate: { minRequests: 5 } } : undefined)],
  ])('applies per-target overrides from %s over the defaults', (_name, source) => {
    const { registry } = setup({ defaults: { consecutiveFailures: 3 }, overrides: source });
    expect(registry.get('vllm/llama').settings).toEqual({
      ...DEFAULT_BREAKER_SETTINGS,
      consecutiveFailures: 3,
      openMs: 1_000,
      errorRate: { ...DEFAULT_BREAKER_SETTINGS.errorRate, minRequests: 5 },
    });
    expect(registry.get('openai/gpt-4o').settings).toEqual({ ...DEFAULT_BREAKER_SETTINGS, consecutiveFailures: 3 });
  });

  it('does not take overrides from Object.prototype', () => {
    const { registry } = setup({ overrides: {} });
    expect(registry.get('constructor').settings).toEqual(DEFAULT_BREAKER_SETTINGS);
  });

  it('rejects a bad map override at construction, naming the target', () => {
    expect(() => setup({ overrides: { 'openai/gpt-4o': { halfOpenProbes: 0 } } })).toThrow('breaker settings for openai/gpt-4o: halfOpenProbes');
    expect(() => setup({ defaults: { openMs: -5 } })).toThrow('breaker defaults: openMs');
  });

  it('healthSnapshot lists every breaker that is not closed, and is a copy', () => {
    const { registry, advance } = setup({ defaults: { consecutiveFailures: 1, openMs: 10_000 } });
    registry.get('openai/gpt-4o-mini');
    trip(registry, 'openai/gpt-4o');
    const health = registry.healthSnapshot();
    // A closed breaker is left out: the router reads "absent" as closed.
    expect([...health]).toEqual([['openai/gpt-4o', 'open']]);
    advance(10_000);
    expect(health.get('openai/gpt-4o')).toBe('open');
    expect(registry.healthSnapshot().get('openai/gpt-4o')).toBe('half_open');
    expect(registry.healthSnapshot().has('never/used')).toBe(false);
  });

  it('notifies transition listeners with from, to, time and reason', () => {
    const { registry, advance } = setup({ defaults: { consecutiveFailures: 2, openMs: 10_000 } });
    const seen: BreakerTransition[] = [];
    const unsubscribe = registry.onTransition((e) => seen.push(e));
    trip(registry, 'openai/gpt-4o');
    advance(15_000);
    permit(registry, 'openai/gpt-4o').failure('timeout');
    advance(10_000);
    permit(registry, 'openai/gpt-4o').success();
    expect(seen).toEqual([
      { target: 'openai/gpt-4o', from: 'closed', to: 'open', at: T0, reason: '2 consecutive failures (last: http_503)' },
      { target: 'openai/gpt-4o', from: 'open', to: 'half_open', at: T0 + 10_000, reason: 'cooldown elapsed' },
      { target: 'openai/gpt-4o', from: 'half_open', to: 'open', at: T0 + 15_000, reason: 'probe failed (timeout)' },
      { target: 'openai/gpt-4o', from: 'open', to: 'half_open', at: T0 + 25_000, reason: 'cooldown elapsed' },
      { target: 'openai/gpt-4o', from: 'half_open', to: 'closed', at: T0 + 25_000, reason: '1 probe success(es)' },
    ]);
    unsubscribe();
    trip(registry, 'openai/gpt-4o');
    expect(seen).toHaveLength(5);
  });

  it('a throwing listener neither blocks the transition nor the other listeners', () => {
    let t = T0;
    const errors: unknown[] = [];
    const registry = new BreakerRegistry({ now: () => t, defaults: { consecutiveFailures: 1 }, onListenerError: (error) => errors.push(error) });
    const seen: string[] = [];
    registry.onTransition(() => {
      throw new Error('metrics down');
    });
    registry.onTransition((e) => seen.push(`${e.from}->${e.to}`));
    expect(() => trip(registry, 'openai/gpt-4o')).not.toThrow();
    t += 1;
    expect(registry.get('openai/gpt-4o').state()).toBe('open');
    expect(seen).toEqual(['closed->open']);
    expect(errors).toEqual([new Error('metrics down')]);
  });

  it('snapshots() are plain data for GET /admin/upstreams', () => {
    const { registry } = setup({ defaults: { consecutiveFailures: 1 } });
    trip(registry, 'b/two');
    registry.get('a/one');
    const snapshots = registry.snapshots();
    expect(snapshots.map((s) => [s.target, s.state])).toEqual([
      ['a/one', 'closed'],
      ['b/two', 'open'],
    ]);
    expect(JSON.parse(JSON.stringify(snapshots))).toEqual(snapshots);
  });
});
