import { canonicalEntity } from './extract-entities.js';
import { mentionsEntity, mentionsLiteral, sameStem } from './mentions.js';
import { OPPOSITE_GROUPS } from './opposite-words.js';
import { PIVOT_SKIP, type Pivot, type PromptFeatures } from './prompt-features.js';
import { slotDifference } from './slot-difference.js';
import { COORDINATORS } from './stop-words.js';

export type GuardRuleId = 'number' | 'unit' | 'entity' | 'order' | 'negation' | 'quote' | 'identifier' | 'direction' | 'reversal' | 'ask' | 'role' | 'slot-swap';

/** One reason to refuse a candidate; `check` returns the reasons it found (none: no objection). */
export interface GuardRule {
  id: GuardRuleId;
  check(a: PromptFeatures, b: PromptFeatures): string[];
}

const ANTONYM_PREFIXES = ['un', 'non', 'dis', 'il', 'im', 'ir', 'in'];
const SOFT_NUMBERS = new Set(['1', '#1']);

export const GUARD_RULES: readonly GuardRule[] = [
  {
    // Another number asks for another answer (a year, a count, a version, an amount).
    id: 'number',
    check(a, b) {
      // "one" and "first" on one side only are usually not numbers ("how does one ...",
      // "what should I learn first"); against another number they still count.
      const onlyA = [...a.numbers].filter((n) => !b.numbers.has(n) && !SOFT_NUMBERS.has(n));
      const onlyB = [...b.numbers].filter((n) => !a.numbers.has(n) && !SOFT_NUMBERS.has(n));
      return onlyA.length + onlyB.length > 0 ? [`number: ${list(onlyA)} vs ${list(onlyB)}`] : [];
    },
  },
  {
    id: 'unit',
    check(a, b) {
      const onlyA = [...a.units].filter((u) => !b.units.has(u));
      const onlyB = [...b.units].filter((u) => !a.units.has(u));
      return onlyA.length + onlyB.length > 0 ? [`unit: ${list(onlyA)} vs ${list(onlyB)}`] : [];
    },
  },
  {
    // A name that the other prompt does not mention at all: another country, product, person.
    id: 'entity',
    check(a, b) {
      const onlyA = unique(a.entities.filter((e) => !mentionsEntity(b, e.name)).map((e) => e.text));
      const onlyB = unique(b.entities.filter((e) => !mentionsEntity(a, e.name)).map((e) => e.text));
      return onlyA.length + onlyB.length > 0 ? [`entity: ${list(onlyA)} vs ${list(onlyB)}`] : [];
    },
  },
  {
    // The same names swapped around the same words change roles ("the US declared war on
    // Japan"), unless they form a plain list ("TCP vs UDP" = "UDP and TCP"). The words between
    // must match: "GDP of Canada" and "Canada's GDP" say the same with another construction.
    id: 'order',
    check(a, b) {
      const orderA = unique(a.entities.map((e) => e.name));
      const orderB = unique(b.entities.map((e) => e.name));
      if (orderA.length < 2 || orderA.length !== orderB.length || !orderA.every((n) => orderB.includes(n))) return [];
      if (orderA.every((n, i) => n === orderB[i])) return [];
      if (isPlainList(a) || isPlainList(b) || wordsBetweenNames(a) !== wordsBetweenNames(b)) return [];
      return [`order: ${orderA.join(' … ')} vs ${orderB.join(' … ')}`];
    },
  },
  {
    id: 'negation',
    check(a, b) {
      const reasons: string[] = [];
      if (a.negations.length > 0 !== b.negations.length > 0) reasons.push(`negation: ${list(a.negations)} vs ${list(b.negations)}`);
      const prefixed = prefixAntonym(a, b) ?? prefixAntonym(b, a);
      if (prefixed !== undefined) reasons.push(`negation: ${prefixed}`);
      return reasons;
    },
  },
  {
    id: 'quote',
    check(a, b) {
      const onlyA = [...a.quotes].filter((q) => !mentionsLiteral(b, q));
      const onlyB = [...b.quotes].filter((q) => !mentionsLiteral(a, q));
      return onlyA.length + onlyB.length > 0 ? [`quote: ${list(onlyA.map(quoted))} vs ${list(onlyB.map(quoted))}`] : [];
    },
  },
  {
    id: 'identifier',
    check(a, b) {
      // Camel-cased brand names (PostgreSQL, JavaScript, macOS) are names: any spelling will do.
      const missing = (id: string, other: PromptFeatures): boolean => !mentionsLiteral(other, id) && !mentionsEntity(other, canonicalEntity(id));
      const onlyA = [...a.identifiers].filter((id) => missing(id, b));
      const onlyB = [...b.identifiers].filter((id) => missing(id, a));
      return onlyA.length + onlyB.length > 0 ? [`identifier: ${list(onlyA)} vs ${list(onlyB)}`] : [];
    },
  },
  {
    // Both prompts take a side of the same opposition, and not the same side (buy/sell),
    // or name both sides the other way round ("prices rise when rates fall").
    id: 'direction',
    check(a, b) {
      const reasons: string[] = [];
      for (const [group, polesA] of a.poles) {
        const polesB = b.poles.get(group);
        if (polesB === undefined || polesA.join() === polesB.join()) continue;
        const poles = OPPOSITE_GROUPS[group] ?? [];
        const name = (named: readonly number[]): string => named.map((p) => poles[p]?.[0] ?? '?').join('+');
        reasons.push(`direction: ${name(polesA)} vs ${name(polesB)}`);
      }
      return reasons;
    },
  },
  {
    // "X to Y" against "Y to X" (convert, translate, fly, merge, "faster than").
    id: 'reversal',
    check(a, b) {
      for (const pa of a.pivots) {
        for (const pb of b.pivots) {
          if (pa.preposition === pb.preposition && reversed(pa, pb)) return [`reversal: ${show(pa)} vs ${show(pb)}`];
        }
      }
      return [];
    },
  },
  {
    // Both ask for a specific kind of answer, and not the same kind (where vs when).
    id: 'ask',
    check(a, b) {
      if (a.asks.size === 0 || b.asks.size === 0 || [...a.asks].some((x) => b.asks.has(x))) return [];
      return [`ask: ${list([...a.asks])} vs ${list([...b.asks])}`];
    },
  },
  {
    // The speaker moves between subject and object: "can my landlord sue me" / "can I sue my landlord".
    id: 'role',
    check(a, b) {
      for (const [subject, object] of [['i', 'me'], ['we', 'us']] as const) {
        const swapped = (x: PromptFeatures, y: PromptFeatures): boolean => x.words.has(object) && !x.words.has(subject) && y.words.has(subject) && !y.words.has(object);
        if (swapped(a, b) || swapped(b, a)) return [`role: "${subject}" vs "${object}"`];
      }
      return [];
    },
  },
  {
    // One word or phrase swapped in an otherwise identical question ("symptoms" → "treatment").
    id: 'slot-swap',
    check(a, b) {
      const slot = slotDifference(a.sequence, b.sequence);
      return slot !== undefined && slot.onlyA.length > 0 && slot.onlyB.length > 0 ? [`slot-swap: ${slot.onlyA.join(' ')} vs ${slot.onlyB.join(' ')}`] : [];
    },
  },
];

function isPlainList(f: PromptFeatures): boolean {
  const positions = f.entities.map((e) => e.index);
  for (let i = 1; i < positions.length; i += 1) {
    const between = f.tokens.slice((positions[i - 1] as number) + 1, positions[i] as number);
    if (!between.every((t) => COORDINATORS.has(t.lower))) return false;
  }
  return true;
}

/** "illegal" in one prompt where the other says "legal" (and not "illegal"). */
function prefixAntonym(a: PromptFeatures, b: PromptFeatures): string | undefined {
  for (const word of a.words) {
    for (const prefix of ANTONYM_PREFIXES) {
      const base = word.slice(prefix.length);
      if (!word.startsWith(prefix) || base.length < (prefix === 'in' ? 5 : 4)) continue;
      if (b.words.has(base) && !b.words.has(word) && !a.words.has(base)) return `${word} vs ${base}`;
    }
  }
  return undefined;
}

/** A's left side is B's right side and vice versa, ignoring words both left sides share ("convert"). */
function reversed(pa: Pivot, pb: Pivot): boolean {
  const overlaps = (x: readonly string[], y: readonly string[]): boolean => x.some((u) => y.some((v) => sameStem(u, v)));
  const leftA = pa.left.filter((w) => !overlaps([w], pb.left));
  const leftB = pb.left.filter((w) => !overlaps([w], pa.left));
  return overlaps(leftA, pb.right) && overlaps(pa.right, leftB);
}

/** The words between the first and the last name, determiners dropped, for the order rule. */
function wordsBetweenNames(f: PromptFeatures): string {
  const positions = f.entities.map((e) => e.index);
  const from = Math.min(...positions);
  const to = Math.max(...positions);
  const names = new Set(positions);
  return f.tokens
    .slice(from + 1, to)
    .filter((t, k) => t.isWord && !names.has(from + 1 + k) && !PIVOT_SKIP.has(t.lower))
    .map((t) => t.lower)
    .sort()
    .join(' ');
}

function show(p: Pivot): string {
  return `${[...p.left].reverse().join(' ')} ${p.preposition} ${p.right.join(' ')}`;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

function list(values: readonly string[]): string {
  return values.length === 0 ? '—' : values.join(', ');
}

function quoted(s: string): string {
  return `"${s}"`;
}
