import { Counter, Histogram, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { findPromtool, PROMTOOL_MISSING, runPromtool } from '../../../test/telemetry/promtool.js';
import type { Trace } from '../trace/trace.js';
import { FastCounter, FastHistogram, type FastSample } from './fast-metrics.js';
import { createMetrics } from './gateway-metrics.js';

const BUCKETS = [0.1, 0.5, 1];

function counter(registry = new Registry(), maxSeries?: number) {
  return new FastCounter({ name: 'test_things_total', help: 'Things.', labelNames: ['kind', 'color'], registers: [registry], maxSeries });
}

function histogram(registry = new Registry()) {
  return new FastHistogram({ name: 'test_wait_seconds', help: 'Waits.', labelNames: ['kind'], buckets: BUCKETS, registers: [registry] });
}

/** `name_bucket` samples of one series as [le, cumulative count]. */
function buckets(values: FastSample[], kind: string): [unknown, number][] {
  return values.filter((v) => v.metricName === 'test_wait_seconds_bucket' && v.labels.kind === kind).map((v) => [v.labels.le, v.value]);
}

describe('FastCounter', () => {
  it('adds per label set and lists series in creation order, as prom-client get() does', async () => {
    const c = counter();
    c.inc(1, 'a', 'red');
    c.inc(2, 'b', 'red');
    c.inc(0.5, 'a', 'red');
    c.inc(1, 'a', 'blue');
    const { name, type, aggregator, values } = await c.get();
    expect({ name, type, aggregator }).toEqual({ name: 'test_things_total', type: 'counter', aggregator: 'sum' });
    expect(values).toEqual([
      { value: 1.5, labels: { kind: 'a', color: 'red' } },
      { value: 2, labels: { kind: 'b', color: 'red' } },
      { value: 1, labels: { kind: 'a', color: 'blue' } },
    ]);
  });

  it('adds 0 for a negative, NaN or infinite increment instead of throwing, and still creates the series', async () => {
    const c = counter();
    c.inc(-3, 'a', 'red');
    c.inc(Number.NaN, 'a', 'red');
    c.inc(Infinity, 'a', 'red');
    c.inc(-Infinity, 'b', 'red');
    expect((await c.get()).values).toEqual([
      { value: 0, labels: { kind: 'a', color: 'red' } },
      { value: 0, labels: { kind: 'b', color: 'red' } },
    ]);
  });

  it('folds label sets past the series bound into one `other` series and keeps counting the known ones', async () => {
    const c = counter(new Registry(), 2);
    c.inc(1, 'a', 'red');
    c.inc(1, 'b', 'red');
    for (let i = 0; i < 100; i++) c.inc(1, `bug-${i}`, 'red');
    c.inc(5, 'a', 'red');
    expect(c.seriesCount).toBe(3);
    expect((await c.get()).values).toEqual([
      { value: 6, labels: { kind: 'a', color: 'red' } },
      { value: 1, labels: { kind: 'b', color: 'red' } },
      { value: 100, labels: { kind: 'other', color: 'other' } },
    ]);
  });

  it('starts a metric without labels at 0 and empties on reset', async () => {
    const registry = new Registry();
    const plain = new FastCounter({ name: 'test_plain_total', help: 'Plain.', labelNames: [], registers: [registry] });
    expect((await plain.get()).values).toEqual([{ value: 0, labels: {} }]);
    plain.inc(2);
    expect(await registry.getSingleMetricAsString('test_plain_total')).toContain('\ntest_plain_total 2');
    const c = counter(registry);
    c.inc(1, 'a', 'red');
    registry.resetMetrics();
    expect((await c.get()).values).toEqual([]);
    expect((await plain.get()).values).toEqual([{ value: 0, labels: {} }]);
  });

  it('refuses bad names at construction, before registering', () => {
    const registry = new Registry();
    expect(() => new FastCounter({ name: 'bad-name', help: 'x', labelNames: [] })).toThrow(/metric name/);
    expect(() => new FastCounter({ name: 'ok_total', help: 'x', labelNames: ['a', 'a'] })).toThrow(/label names/);
    expect(() => new FastHistogram({ name: 'h_seconds', help: 'x', labelNames: ['le'], buckets: [1], registers: [registry] })).toThrow(/le is reserved/);
    expect(() => new FastHistogram({ name: 'h_seconds', help: 'x', labelNames: [], buckets: [1, 0.5], registers: [registry] })).toThrow(/ascending/);
    expect(registry.getMetricsAsArray()).toEqual([]);
  });
});

describe('FastHistogram', () => {
  it('exports cumulative buckets with numeric le, +Inf, _sum and _count; le is inclusive', async () => {
    const h = histogram();
    for (const v of [0.05, 0.1, 0.5, 0.7, 3]) h.observe(v, 'a');
    h.observe(1, 'b');
    const { type, values } = await h.get();
    expect(type).toBe('histogram');
    // 0.1 and 0.5 sit exactly on bounds and count there; 3 is above every bound: +Inf only.
    expect(buckets(values, 'a')).toEqual([[0.1, 2], [0.5, 3], [1, 4], ['+Inf', 5]]);
    expect(buckets(values, 'b')).toEqual([[0.1, 0], [0.5, 0], [1, 1], ['+Inf', 1]]);
    const a = values.filter((v) => v.labels.kind === 'a');
    expect(a.at(-2)).toEqual({ metricName: 'test_wait_seconds_sum', labels: { kind: 'a' }, value: expect.closeTo(4.35, 10) as number });
    expect(a.at(-1)).toEqual({ metricName: 'test_wait_seconds_count', labels: { kind: 'a' }, value: 5 });
  });

  it('drops NaN and infinite observations; keeps finite negatives, as prom-client does', async () => {
    const h = histogram();
    h.observe(Number.NaN, 'a');
    h.observe(Infinity, 'a');
    expect(h.seriesCount).toBe(0);
    h.observe(-1, 'a');
    expect(buckets((await h.get()).values, 'a')).toEqual([[0.1, 1], [0.5, 1], [1, 1], ['+Inf', 1]]);
  });

  it('exposes the same text as prom-client for the same observations', async () => {
    const fast = new Registry();
    const reference = new Registry();
    const h = histogram(fast);
    const ref = new Histogram({ name: 'test_wait_seconds', help: 'Waits.', labelNames: ['kind'], buckets: BUCKETS, registers: [reference] });
    for (const [kind, v] of [['a', 0.3], ['b', 2], ['a', 0.1]] as const) {
      h.observe(v, kind);
      ref.observe({ kind }, v);
    }
    expect(await fast.metrics()).toBe(await reference.metrics());
  });
});

describe('text exposition', () => {
  it('escapes quotes, backslashes and newlines in label values through prom-client, as its own Counter does', async () => {
    const fast = new Registry();
    const reference = new Registry();
    const c = counter(fast);
    const ref = new Counter({ name: 'test_things_total', help: 'Things.', labelNames: ['kind', 'color'], registers: [reference] });
    const nasty = ['say "hi"', 'back\\slash\nnew line'] as const;
    c.inc(1, ...nasty);
    ref.inc({ kind: nasty[0], color: nasty[1] }, 1);
    const text = await fast.metrics();
    expect(text).toContain('test_things_total{kind="say \\"hi\\"",color="back\\\\slash\\nnew line"} 1\n');
    expect(text).toBe(await reference.metrics());
  });

  const promtool = findPromtool();
  it.skipIf(promtool === undefined)(`passes promtool check metrics${promtool === undefined ? ` (${PROMTOOL_MISSING})` : ''}`, async () => {
    const metrics = createMetrics({ processMetrics: false });
    metrics.recordTrace(servedTrace());
    const c = counter(metrics.registry);
    c.inc(1, 'say "hi"', 'back\\slash\nnew line');
    histogram(metrics.registry).observe(0.2, 'a');
    const result = runPromtool(promtool as string, ['check', 'metrics'], await metrics.metricsText());
    expect(result.output).toBe('');
    expect(result.status).toBe(0);
  });
});

function servedTrace(): Trace {
  return {
    id: 'req_1', configHash: 'cafe', startedAt: Date.UTC(2025, 0, 1), surface: 'openai', endpoint: 'chat', tenant: 'acme',
    requestedModel: 'smart', stream: true,
    attempts: [{ target: 'vllm/meta-llama/Llama-3.1-8B', try: 0, startMs: 1, latencyMs: 200, ttftMs: 200, outcome: 'ok', decision: 'success', passthrough: false }],
    outcome: { status: 200, usage: { inputTokens: 10, outputTokens: 20 }, costUsd: 0.001, servedBy: 'vllm/meta-llama/Llama-3.1-8B', stopReason: 'end' },
    timings: { totalMs: 900, upstreamMs: 200, ttftMs: 210 },
  };
}
