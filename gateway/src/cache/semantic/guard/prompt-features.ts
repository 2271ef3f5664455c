import { extractEntities, type EntityMention } from './extract-entities.js';
import { extractIdentifiers, extractQuotes } from './extract-literals.js';
import { extractNumbers } from './extract-numbers.js';
import { extractUnits } from './extract-units.js';
import { OPPOSITE_GROUPS } from './opposite-words.js';
import { STOP_WORDS } from './stop-words.js';
import { normalizePrompt, tokenizePrompt, type PromptToken } from './tokenize-prompt.js';

/** "X to Y": the content words on either side of a directional preposition. */
export interface Pivot {
  preposition: string;
  left: readonly string[];
  right: readonly string[];
}

/** What the guard compares between two prompts; computed once per prompt. */
export interface PromptFeatures {
  /** Normalised text in lower case, for "does the other prompt mention it at all" checks. */
  lowerText: string;
  tokens: readonly PromptToken[];
  /** Lower-case words (punctuation dropped). */
  words: ReadonlySet<string>;
  /** The same, in order. */
  sequence: readonly string[];
  numbers: ReadonlySet<string>;
  units: ReadonlySet<string>;
  entities: readonly EntityMention[];
  /** The negation words found ("not", "without", "never", ...). */
  negations: readonly string[];
  quotes: ReadonlySet<string>;
  identifiers: ReadonlySet<string>;
  /** For each group of opposite-words.ts the prompt names, the poles it names, in order of first mention. */
  poles: ReadonlyMap<number, readonly number[]>;
  /** What kind of answer a question asks for: when, where, who, why, duration, quantity, ... */
  asks: ReadonlySet<string>;
  pivots: readonly Pivot[];
}

const NEGATIONS = new Set(['not', 'no', 'never', 'none', 'nothing', 'nobody', 'nowhere', 'neither', 'nor', 'without', 'cannot', 'except', 'unable', 'lack', 'lacks', 'lacking', 'non']);
const SPECIFIC_ASKS: ReadonlyMap<string, string> = new Map([['when', 'when'], ['where', 'where'], ['who', 'who'], ['whom', 'who'], ['whose', 'who'], ['why', 'why']]);
const WHAT_ASKS: ReadonlyMap<string, string> = new Map([['year', 'when'], ['time', 'when'], ['date', 'when'], ['century', 'when'], ['place', 'where']]);
const HOW_ASKS: ReadonlyMap<string, string> = new Map([
  ['long', 'duration'], ['often', 'frequency'], ['old', 'age'], ['far', 'distance'], ['tall', 'size'], ['high', 'size'], ['big', 'size'],
  ['large', 'size'], ['fast', 'speed'], ['hard', 'difficulty'], ['difficult', 'difficulty'], ['easy', 'difficulty'], ['much', 'quantity'], ['many', 'quantity'],
]);
const TIME_UNITS = new Set(['seconds', 'minutes', 'hours', 'days', 'weeks', 'months', 'years']);
const DIRECTIONAL = new Set(['to', 'into', 'than', 'onto', 'towards']);
export const PIVOT_SKIP: ReadonlySet<string> = new Set(['the', 'a', 'an', 'my', 'your', 'our', 'their', 'his', 'her', 'its', 'this', 'that']);

const POLE_OF: ReadonlyMap<string, ReadonlyArray<[number, number]>> = (() => {
  const map = new Map<string, Array<[number, number]>>();
  OPPOSITE_GROUPS.forEach((poles, group) =>
    poles.forEach((words, pole) => {
      for (const w of words) map.set(w, [...(map.get(w) ?? []), [group, pole]]);
    }),
  );
  return map;
})();

export function promptFeatures(text: string): PromptFeatures {
  const normalized = normalizePrompt(text);
  const tokens = tokenizePrompt(normalized);
  const wordTokens = tokens.filter((t) => t.isWord);
  const poles = new Map<number, number[]>();
  for (const t of wordTokens) {
    for (const [group, pole] of POLE_OF.get(t.lower) ?? []) {
      const named = poles.get(group) ?? [];
      if (!named.includes(pole)) named.push(pole);
      poles.set(group, named);
    }
  }
  return {
    lowerText: normalized.toLowerCase(),
    tokens,
    words: new Set(wordTokens.map((t) => t.lower)),
    sequence: wordTokens.map((t) => t.lower),
    numbers: extractNumbers(normalized, tokens),
    units: extractUnits(normalized, tokens),
    entities: extractEntities(tokens),
    negations: negations(wordTokens),
    quotes: extractQuotes(normalized),
    identifiers: extractIdentifiers(normalized),
    poles,
    asks: extractAsks(wordTokens),
    pivots: extractPivots(tokens),
  };
}

/** Negation words, except in idioms that negate nothing: "why or why not", "... or not?". */
function negations(words: readonly PromptToken[]): string[] {
  return words.filter((t, i) => NEGATIONS.has(t.lower) && !(t.lower === 'not' && ['or', 'why'].includes(words[i - 1]?.lower ?? ''))).map((t) => t.lower);
}

function extractAsks(words: readonly PromptToken[]): Set<string> {
  const asks = new Set<string>();
  words.forEach((t, i) => {
    const next = words[i + 1]?.lower ?? '';
    const specific = SPECIFIC_ASKS.get(t.lower);
    if (specific !== undefined) asks.add(specific);
    if ((t.lower === 'what' || t.lower === 'which') && WHAT_ASKS.has(next)) asks.add(WHAT_ASKS.get(next) as string);
    if (t.lower === 'how' && next === 'come') asks.add('why');
    if (t.lower === 'how') {
      const ask = HOW_ASKS.get(next);
      // "how many minutes" asks for a duration, like "how long".
      if (ask === 'quantity' && TIME_UNITS.has(words[i + 2]?.lower ?? '')) asks.add('duration');
      else if (ask !== undefined) asks.add(ask);
    }
  });
  return asks;
}

function extractPivots(tokens: readonly PromptToken[]): Pivot[] {
  const pivots: Pivot[] = [];
  tokens.forEach((t, i) => {
    if (!DIRECTIONAL.has(t.lower)) return;
    const left: string[] = [];
    for (let k = i - 1; k >= 0 && left.length < 2; k -= 1) {
      const w = tokens[k] as PromptToken;
      if (!w.isWord || STOP_WORDS.has(w.lower)) break;
      left.push(w.lower);
    }
    const right: string[] = [];
    for (let k = i + 1; k < tokens.length && right.length < 2; k += 1) {
      const w = tokens[k] as PromptToken;
      if (right.length === 0 && PIVOT_SKIP.has(w.lower)) continue;
      if (!w.isWord || STOP_WORDS.has(w.lower)) break;
      right.push(w.lower);
    }
    if (left.length > 0 && right.length > 0) pivots.push({ preposition: t.lower === 'than' ? 'than' : 'to', left, right });
  });
  return pivots;
}
