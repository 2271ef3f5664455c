/**
 * Hit and false-hit rates of a semantic cache over labelled pairs: pair (a, b) is a hit when
 * b, looked up with a in the cache, would be served a's answer — similarity at or above the
 * threshold and, with the guard, the guard's approval. Each pair is judged on its own: in a
 * real cache the nearest entry may be another one, so these are per-candidate rates.
 */
import type { PromptPair, Split } from './pair-dataset.js';

export interface ScoredPair {
  pair: PromptPair;
  split: Split;
  cosine: number;
  guardOk: boolean;
  guardReasons: string[];
}

export interface Rates {
  /** Share of duplicates served from cache (higher is better). */
  hitRate: number;
  /** Share of non-duplicates served from cache: wrong answers (lower is better). */
  falseHitRate: number;
  duplicates: number;
  nonDuplicates: number;
  falseHits: number;
}

/** 0.80, 0.82, ... 0.98, as exact hundredths so "≥ 0.86" means the same in every run. */
export const THRESHOLDS: readonly number[] = Array.from({ length: 10 }, (_, i) => (80 + 2 * i) / 100);

export function rates(scored: readonly ScoredPair[], threshold: number, withGuard: boolean): Rates {
  let duplicates = 0;
  let hits = 0;
  let nonDuplicates = 0;
  let falseHits = 0;
  for (const s of scored) {
    const served = s.cosine >= threshold && (!withGuard || s.guardOk);
    if (s.pair.duplicate) {
      duplicates += 1;
      if (served) hits += 1;
    } else {
      nonDuplicates += 1;
      if (served) falseHits += 1;
    }
  }
  return {
    hitRate: duplicates === 0 ? Number.NaN : hits / duplicates,
    falseHitRate: nonDuplicates === 0 ? Number.NaN : falseHits / nonDuplicates,
    duplicates,
    nonDuplicates,
    falseHits,
  };
}

export function percentile(sortedAscending: readonly number[], p: number): number {
  if (sortedAscending.length === 0) return Number.NaN;
  const index = Math.min(sortedAscending.length - 1, Math.max(0, Math.ceil((p / 100) * sortedAscending.length) - 1));
  return sortedAscending[index] as number;
}
