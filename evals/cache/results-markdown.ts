/** Markdown tables of the measurement, for docs/semantic-cache.md and the console. */
import type { LatencyResult } from './embedding-latency.js';
import { rates, THRESHOLDS, type ScoredPair } from './threshold-metrics.js';

const pct = (x: number): string => (Number.isNaN(x) ? '—' : `${(100 * x).toFixed(1)}%`);
const ms = (x: number): string => (x < 1 ? `${(x * 1000).toFixed(0)} µs` : `${x.toFixed(1)} ms`);

/** One row per threshold: hit / false-hit rates on both sets, without and with the guard. */
export function thresholdTable(qqp: readonly ScoredPair[], nearMiss: readonly ScoredPair[], marked?: number): string {
  const lines = [
    '| threshold | QQP hit | QQP false hit | QQP hit +guard | QQP false hit +guard | near-miss hit | near-miss false hit | near-miss hit +guard | near-miss false hit +guard |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  for (const t of THRESHOLDS) {
    const cells = [qqp, nearMiss].flatMap((set) => {
      const plain = rates(set, t, false);
      const guarded = rates(set, t, true);
      return [pct(plain.hitRate), pct(plain.falseHitRate), pct(guarded.hitRate), pct(guarded.falseHitRate)];
    });
    const label = t === marked ? `**${t.toFixed(2)}** ◀` : t.toFixed(2);
    lines.push(`| ${label} | ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

/** Per split at one threshold, with the guard: the held-out rows are the honest ones. */
export function splitTable(qqp: readonly ScoredPair[], nearMiss: readonly ScoredPair[], threshold: number): string {
  const lines = ['| set | split | pairs | hit +guard | false hit +guard | false hits |', '|---|---|---|---|---|---|'];
  for (const [name, set] of [['QQP', qqp], ['near-miss', nearMiss]] as const) {
    for (const split of ['tuning', 'held-out'] as const) {
      const part = set.filter((s) => s.split === split);
      const r = rates(part, threshold, true);
      lines.push(`| ${name} | ${split} | ${part.length} | ${pct(r.hitRate)} | ${pct(r.falseHitRate)} | ${r.falseHits} / ${r.nonDuplicates} |`);
    }
  }
  return lines.join('\n');
}

/** The guard alone (any similarity): how often it refuses duplicates and non-duplicates. */
export function guardAloneTable(qqp: readonly ScoredPair[], nearMiss: readonly ScoredPair[]): string {
  const lines = ['| set | split | duplicates refused | non-duplicates refused |', '|---|---|---|---|'];
  for (const [name, set] of [['QQP', qqp], ['near-miss', nearMiss]] as const) {
    for (const split of ['tuning', 'held-out'] as const) {
      const part = set.filter((s) => s.split === split);
      const dups = part.filter((s) => s.pair.duplicate);
      const non = part.filter((s) => !s.pair.duplicate);
      const refused = (xs: ScoredPair[]): string => `${pct(xs.filter((s) => !s.guardOk).length / xs.length)} (${xs.filter((s) => !s.guardOk).length}/${xs.length})`;
      lines.push(`| ${name} | ${split} | ${refused(dups)} | ${refused(non)} |`);
    }
  }
  return lines.join('\n');
}

/** Near-miss non-duplicates served at one threshold, by kind, without and with the guard. */
export function kindTable(nearMiss: readonly ScoredPair[], threshold: number): string {
  const kinds = [...new Set(nearMiss.filter((s) => !s.pair.duplicate).map((s) => s.pair.kind ?? '?'))].sort();
  const lines = ['| kind | pairs | false hits | false hits +guard |', '|---|---|---|---|'];
  for (const kind of kinds) {
    const part = nearMiss.filter((s) => !s.pair.duplicate && (s.pair.kind ?? '?') === kind);
    lines.push(`| ${kind} | ${part.length} | ${rates(part, threshold, false).falseHits} | ${rates(part, threshold, true).falseHits} |`);
  }
  return lines.join('\n');
}

/** How often each guard rule objects, on duplicates (a lost hit) and non-duplicates (a false hit avoided). */
export function ruleTable(rows: ReadonlyArray<{ rule: string; qqpDup: number; qqpNon: number; nmDup: number; nmNon: number }>, sizes: { qqpDup: number; qqpNon: number; nmDup: number; nmNon: number }): string {
  const lines = [
    `| rule | QQP duplicates (of ${sizes.qqpDup}) | QQP non-duplicates (of ${sizes.qqpNon}) | near-miss duplicates (of ${sizes.nmDup}) | near-miss non-duplicates (of ${sizes.nmNon}) |`,
    '|---|---|---|---|---|',
  ];
  for (const r of rows) lines.push(`| ${r.rule} | ${r.qqpDup} | ${r.qqpNon} | ${r.nmDup} | ${r.nmNon} |`);
  return lines.join('\n');
}

export function latencyTable(results: readonly LatencyResult[]): string {
  const lines = [
    '| embedder | 1 prompt p50 | 1 prompt p99 | batch of 32 p50 | batch of 32 p99 | longest event-loop stall | event loop busy | samples |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const r of results) {
    lines.push(
      `| ${r.embedder} | ${ms(r.singleP50)} | ${ms(r.singleP99)} | ${ms(r.batchP50)} | ${ms(r.batchP99)} | ${ms(r.maxLoopStall)} | ${pct(r.loopUtilization)} | ${r.singles} + ${r.batches}×32 |`,
    );
  }
  return lines.join('\n');
}
