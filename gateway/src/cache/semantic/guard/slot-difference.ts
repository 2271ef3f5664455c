import { canonicalEntity } from './extract-entities.js';
import { sameStem } from './mentions.js';
import { STOP_WORDS } from './stop-words.js';
import { samePole } from './opposite-words.js';
import { areSynonyms } from './synonym-words.js';
import { wordStem } from './word-stem.js';

export interface SlotDifference {
  /** Content words of the one differing span that the other prompt does not contain. */
  onlyA: string[];
  onlyB: string[];
}

// Longer prompts differ in many places at once; the rule is for short templated questions.
const MAX_WORDS = 60;
// A slot is a word or a short phrase; a longer differing span is a rewrite, not a slot.
const MAX_SLOT_WORDS = 3;

/**
 * Whether two word sequences are the same sentence with ONE span of content words swapped
 * or added: "symptoms of COVID" / "treatment for COVID", "boiling point" / "freezing point",
 * "a writer" / "a professional writer". That is how near misses look: a template with one
 * slot changed. Paraphrases reword several places, or swap words for ones of the same stem.
 *
 * Words are aligned by their longest common subsequence; every span where they differ is a
 * hunk. A hunk is benign when each of its content words appears (same stem) somewhere in the
 * other prompt (moved, inflected). Returns the one non-benign hunk, or undefined if there
 * is none or more than one.
 */
export function slotDifference(a: readonly string[], b: readonly string[]): SlotDifference | undefined {
  if (a.length > MAX_WORDS || b.length > MAX_WORDS) return undefined;
  const hunks = diffHunks(a, b);
  let found: SlotDifference | undefined;
  for (const hunk of hunks) {
    const onlyA = hunk.a.filter((w) => !explained(w, b));
    const onlyB = hunk.b.filter((w) => !explained(w, a));
    if (onlyA.length + onlyB.length === 0) continue;
    if (found !== undefined || hunk.a.length > MAX_SLOT_WORDS || hunk.b.length > MAX_SLOT_WORDS) return undefined;
    found = { onlyA, onlyB };
  }
  // The rest must be one shared template: at least half of the shorter prompt unchanged.
  const changed = hunks.reduce((n, h) => n + Math.max(h.a.length, h.b.length), 0);
  if (found !== undefined && Math.min(a.length, b.length) - changed < Math.min(a.length, b.length) / 2) return undefined;
  return found;
}

/**
 * A word the other prompt has too: same stem, a synonym (or the same side of an opposition:
 * "advantages"/"benefits"), or the tail of a compound ("site" / "website", not "ethanol" / "methanol").
 */
function explained(word: string, other: readonly string[]): boolean {
  if (STOP_WORDS.has(word) || /^\d/.test(word)) return true;
  const stem = wordStem(word);
  const name = canonicalEntity(word);
  const compound = (long: string, short: string): boolean => short.length >= 4 && long.length - short.length >= 3 && long.endsWith(short);
  return other.some(
    (w) =>
      sameStem(w, word) ||
      wordStem(w) === stem ||
      canonicalEntity(w) === name ||
      areSynonyms(w, word) ||
      areSynonyms(wordStem(w), stem) ||
      samePole(w, word) ||
      compound(w, word) ||
      compound(word, w),
  );
}

interface Hunk {
  a: string[];
  b: string[];
}

function diffHunks(a: readonly string[], b: readonly string[]): Hunk[] {
  // lcs[i][j] = length of the longest common subsequence of a[i..] and b[j..].
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i -= 1) {
    for (let j = b.length - 1; j >= 0; j -= 1) {
      const row = lcs[i] as number[];
      row[j] = a[i] === b[j] ? (lcs[i + 1]?.[j + 1] ?? 0) + 1 : Math.max(lcs[i + 1]?.[j] ?? 0, row[j + 1] ?? 0);
    }
  }
  const hunks: Hunk[] = [];
  let current: Hunk = { a: [], b: [] };
  const flush = (): void => {
    if (current.a.length + current.b.length > 0) hunks.push(current);
    current = { a: [], b: [] };
  };
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      flush();
      i += 1;
      j += 1;
    } else if (j >= b.length || (i < a.length && (lcs[i + 1]?.[j] ?? 0) >= (lcs[i]?.[j + 1] ?? 0))) {
      current.a.push(a[i] as string);
      i += 1;
    } else {
      current.b.push(b[j] as string);
      j += 1;
    }
  }
  flush();
  return hunks;
}
