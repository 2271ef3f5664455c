/**
 * Labelled prompt pairs: `{ a, b, duplicate, kind? }` a line (the shape of
 * ../shared/datasets/qqp-pairs.jsonl and of near-miss-pairs.jsonl here).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

export interface PromptPair {
  a: string;
  b: string;
  /** True when a cached answer to `a` also answers `b`. */
  duplicate: boolean;
  /** Why the pair is (not) a duplicate, for the near-miss set: entity, number, negation, ... */
  kind?: string;
}

export type Split = 'tuning' | 'held-out';

export function readPairs(path: string, limit = Number.POSITIVE_INFINITY): PromptPair[] {
  const pairs: PromptPair[] = [];
  const lines = readFileSync(path, 'utf8').split('\n');
  for (const [i, line] of lines.entries()) {
    if (pairs.length >= limit) break;
    if (line.trim() === '') continue;
    pairs.push(parsePair(line, `${path}:${i + 1}`));
  }
  return pairs;
}

function parsePair(line: string, where: string): PromptPair {
  const value: unknown = JSON.parse(line);
  const fail = (why: string): never => {
    throw new Error(`${where}: ${why}`);
  };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail('not an object');
  const r = value as Record<string, unknown>;
  for (const key of Object.keys(r)) if (!['a', 'b', 'duplicate', 'kind'].includes(key)) fail(`unknown field "${key}"`);
  if (typeof r.a !== 'string' || r.a.trim() === '') fail('a must be a non-empty string');
  if (typeof r.b !== 'string' || r.b.trim() === '') fail('b must be a non-empty string');
  if (typeof r.duplicate !== 'boolean') fail('duplicate must be a boolean');
  if (r.kind !== undefined && typeof r.kind !== 'string') fail('kind must be a string');
  const pair: PromptPair = { a: r.a as string, b: r.b as string, duplicate: r.duplicate as boolean };
  if (typeof r.kind === 'string') pair.kind = r.kind;
  return pair;
}

/**
 * Tuning or held-out, by a hash of the pair's text: stable across runs and file orderings,
 * independent of the label, and about half each. The guard's rules were written looking at
 * tuning pairs only; held-out numbers are the honest ones.
 */
export function splitOf(pair: PromptPair): Split {
  const first = createHash('sha256').update(`${pair.a}\u0000${pair.b}`).digest()[0] ?? 0;
  return first % 2 === 0 ? 'tuning' : 'held-out';
}
