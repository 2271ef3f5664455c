/** A series' label set, built once when the series is created and never changed after. */
export type SeriesLabels = Readonly<Record<string, string>>;

/**
 * Default bound on series per metric. Far above what the gateway's labels produce (config
 * targets × tenants × statuses), low enough that a runaway label costs a few MB at most.
 */
export const DEFAULT_MAX_SERIES = 10_000;

/** The value of every label on the series that takes what no longer fits under the bound. */
export const OVERFLOW_LABEL_VALUE = 'other';

/** One level of the tree: label value → next level, or the series itself at the last level. */
type Level<S> = Map<string, Level<S> | S>;

/**
 * Finds a metric's series from its label values by walking one Map per label: no key string
 * is built and nothing is allocated once the series exists. Label values are mostly the same
 * strings request after request, so V8 has their hashes cached and each step is a hash probe.
 *
 * The series count is bounded: a label fed by a bug (an id, a client-typed model name) must
 * not grow memory and the scrape without limit. Past the bound, new label sets all count into
 * one series labelled `other` for every label, so totals stay right and the overflow shows.
 */
export class SeriesIndex<S> {
  private root: Level<S> = new Map();
  private overflow: S | undefined;
  /** Every series in creation order: the exposition order. */
  series: S[] = [];

  constructor(
    private readonly labelNames: readonly string[],
    private readonly maxSeries: number,
    private readonly create: (labels: SeriesLabels) => S,
  ) {
    this.clear();
  }

  find(values: readonly string[]): S {
    const last = values.length - 1;
    let level = this.root;
    // The tree has exactly one level per label name, so the type at each depth is known.
    for (let i = 0; i < last; i++) {
      const next = level.get(values[i] as string) as Level<S> | undefined;
      if (next === undefined) return this.add(values);
      level = next;
    }
    const series = level.get(values[last] as string) as S | undefined;
    return series ?? this.add(values);
  }

  clear(): void {
    this.root = new Map();
    this.overflow = undefined;
    this.series = [];
    // A metric without labels has its one series from the start, as prom-client's do (value 0).
    if (this.labelNames.length === 0) this.add([]);
  }

  private add(values: readonly string[]): S {
    if (this.labelNames.length === 0) return (this.series[0] ??= this.create(Object.freeze({})));
    if (this.series.length >= this.maxSeries) return (this.overflow ??= this.insert(this.labelNames.map(() => OVERFLOW_LABEL_VALUE)));
    return this.insert(values);
  }

  /** Creates the path and the series; returns the existing one if the path is there (the `other` set may be). */
  private insert(values: readonly string[]): S {
    const last = values.length - 1;
    let level = this.root;
    for (let i = 0; i < last; i++) {
      const key = values[i] as string;
      let next = level.get(key) as Level<S> | undefined;
      if (next === undefined) level.set(key, (next = new Map()));
      level = next;
    }
    const key = values[last] as string;
    const existing = level.get(key) as S | undefined;
    if (existing !== undefined) return existing;
    const labels: Record<string, string> = {};
    this.labelNames.forEach((name, i) => (labels[name] = values[i] as string));
    // Frozen: prom-client caches each series' formatted label text by this object's identity.
    const series = this.create(Object.freeze(labels));
    level.set(key, series);
    this.series.push(series);
    return series;
  }
}
