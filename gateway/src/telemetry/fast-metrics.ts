import type { Metric, Registry } from 'prom-client';
import { DEFAULT_MAX_SERIES, SeriesIndex, type SeriesLabels } from './series-index.js';

/**
 * Counters and histograms for the per-request hot path, in place of prom-client's: those hash
 * every label object into a string, validate every label name and make callers spread label
 * objects on each call (~6.5% of the gateway's CPU under load). These take label values
 * positionally, find the series through `SeriesIndex` and add to numbers in place. They plug
 * into a prom-client Registry as duck-typed metrics, so the exposition (escaping included)
 * is still prom-client's.
 */

/** One string per label name, in `labelNames` order; the compiler checks the count. */
export type LabelValuesOf<L extends readonly string[]> = { readonly [K in keyof L]: string };

export interface FastMetricConfig<L extends readonly string[]> {
  name: string;
  help: string;
  labelNames: L;
  registers?: Registry[];
  /** Series beyond this fold into one labelled `other` (see SeriesIndex); default 10 000. */
  maxSeries?: number;
}

/** A sample as prom-client's Registry reads it: `sharedLabels` is formatted once per series and cached. */
export interface FastSample {
  value: number;
  labels: Readonly<Record<string, string | number>>;
  metricName?: string;
  sharedLabels?: SeriesLabels;
}

export interface FastMetricData {
  name: string;
  help: string;
  type: 'counter' | 'histogram';
  values: FastSample[];
  aggregator: 'sum';
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const NO_LABELS: SeriesLabels = Object.freeze({});

/** What both kinds share: config checks (prom-client's, once at construction), registration, reset. */
abstract class FastMetric<L extends readonly string[], S> {
  /** Not readonly: prom-client's Registry renames counters in place for OpenMetrics. */
  name: string;
  readonly help: string;
  readonly labelNames: L;
  readonly aggregator = 'sum';
  abstract readonly type: 'counter' | 'histogram';
  protected readonly index: SeriesIndex<S>;

  constructor(config: FastMetricConfig<L>, create: (labels: SeriesLabels) => S) {
    const { name, help, labelNames } = config;
    if (!METRIC_NAME.test(name)) throw new Error(`invalid metric name ${name}`);
    if (help === '') throw new Error(`metric ${name} needs a help text`);
    if (labelNames.some((label) => !LABEL_NAME.test(label) || label.startsWith('__')) || new Set(labelNames).size !== labelNames.length) {
      throw new Error(`invalid label names for ${name}: ${labelNames.join(', ')}`);
    }
    this.name = name;
    this.help = help;
    this.labelNames = labelNames;
    this.index = new SeriesIndex(labelNames, config.maxSeries ?? DEFAULT_MAX_SERIES, create);
    // The Registry only reads name, help, type, aggregator, get() and reset(); its parameter
    // type is prom-client's class union, which a duck-typed metric cannot name.
    for (const registry of config.registers ?? []) registry.registerMetric(this as unknown as Metric);
  }

  /** Number of series, the `other` overflow series included. */
  get seriesCount(): number {
    return this.index.series.length;
  }

  reset(): void {
    this.index.clear();
  }

  /** The prom-client `get()` shape (what tests and JSON read): labels merged into plain objects. */
  abstract get(): Promise<FastMetricData>;
  /** What Registry.metrics() formats: series labels as `sharedLabels`, whose text prom-client caches per object. */
  abstract getForPromString(): Promise<FastMetricData>;

  protected data(values: FastSample[]): FastMetricData {
    return { name: this.name, help: this.help, type: this.type, values, aggregator: this.aggregator };
  }
}

interface CounterSeries {
  readonly labels: SeriesLabels;
  value: number;
}

export class FastCounter<const L extends readonly string[]> extends FastMetric<L, CounterSeries> {
  readonly type = 'counter';

  constructor(config: FastMetricConfig<L>) {
    super(config, (labels) => ({ labels, value: 0 }));
  }

  /**
   * Adds `value` (negative, NaN or infinite add 0: prom-client would throw, and a bad number
   * must not cost the rest of the trace). The series is created even for 0: a zero row says
   * "this happened, with nothing to count".
   */
  inc(value: number, ...labelValues: LabelValuesOf<L>): void {
    const series = this.index.find(labelValues);
    if (value > 0 && value < Infinity) series.value += value;
  }

  async get(): Promise<FastMetricData> {
    return this.data(this.index.series.map(({ labels, value }) => ({ value, labels })));
  }

  async getForPromString(): Promise<FastMetricData> {
    return this.data(this.index.series.map(({ labels, value }) => ({ value, labels: NO_LABELS, sharedLabels: labels })));
  }
}

interface HistogramSeries {
  readonly labels: SeriesLabels;
  /** Observations per bucket, not cumulative; the last slot is above every bound (+Inf only). */
  readonly buckets: Float64Array;
  sum: number;
  count: number;
}

export interface FastHistogramConfig<L extends readonly string[]> extends FastMetricConfig<L> {
  /** Upper bounds, ascending; `+Inf` is implicit. */
  buckets: readonly number[];
}

export class FastHistogram<const L extends readonly string[]> extends FastMetric<L, HistogramSeries> {
  readonly type = 'histogram';
  readonly upperBounds: readonly number[];
  /** `{ le }` per bound, +Inf last: built once and shared by every series' text exposition. */
  private readonly leLabels: readonly SeriesLabels[];

  constructor(config: FastHistogramConfig<L>) {
    // Checked before super(): a bad config must throw before the metric is registered.
    const bounds = [...config.buckets];
    if (config.labelNames.includes('le')) throw new Error(`${config.name}: le is reserved for histogram buckets`);
    if (bounds.some((b, i) => !Number.isFinite(b) || (i > 0 && b <= (bounds[i - 1] as number)))) {
      throw new Error(`${config.name}: buckets must be finite and strictly ascending`);
    }
    super(config, (labels) => ({ labels, buckets: new Float64Array(bounds.length + 1), sum: 0, count: 0 }));
    this.upperBounds = bounds;
    this.leLabels = [...bounds.map((le) => Object.freeze({ le: String(le) })), Object.freeze({ le: '+Inf' })];
  }

  /** Non-finite values are dropped (prom-client would throw): a broken timing must not cost the trace. */
  observe(value: number, ...labelValues: LabelValuesOf<L>): void {
    if (!Number.isFinite(value)) return;
    const series = this.index.find(labelValues);
    const bounds = this.upperBounds;
    // `le` is inclusive: a value exactly on a bound counts in that bucket.
    let i = 0;
    while (i < bounds.length && value > (bounds[i] as number)) i++;
    series.buckets[i] = (series.buckets[i] as number) + 1;
    series.sum += value;
    series.count += 1;
  }

  async get(): Promise<FastMetricData> {
    const values: FastSample[] = [];
    this.samples((labels, value, metricName, le) => values.push({ labels: le === undefined ? labels : { ...labels, le }, value, metricName }));
    return this.data(values);
  }

  async getForPromString(): Promise<FastMetricData> {
    const values: FastSample[] = [];
    this.samples((labels, value, metricName, _le, leLabels) => values.push({ labels: leLabels ?? NO_LABELS, sharedLabels: labels, value, metricName }));
    return this.data(values);
  }

  /** Per series, prom-client's order: cumulative buckets (le as a number, then '+Inf'), _sum, _count. */
  private samples(emit: (labels: SeriesLabels, value: number, metricName: string, le?: number | string, leLabels?: SeriesLabels) => void): void {
    const bucket = `${this.name}_bucket`;
    const sum = `${this.name}_sum`;
    const count = `${this.name}_count`;
    const bounds = this.upperBounds;
    for (const series of this.index.series) {
      let cumulative = 0;
      for (let i = 0; i < bounds.length; i++) {
        cumulative += series.buckets[i] as number;
        emit(series.labels, cumulative, bucket, bounds[i], this.leLabels[i]);
      }
      emit(series.labels, series.count, bucket, '+Inf', this.leLabels[bounds.length]);
      emit(series.labels, series.sum, sum);
      emit(series.labels, series.count, count);
    }
  }
}
