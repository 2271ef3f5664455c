import { GUARD_RULES, type GuardRuleId } from './guard-rules.js';
import { promptFeatures } from './prompt-features.js';

export type { GuardRuleId } from './guard-rules.js';

export interface GuardVerdict {
  /** False: serving the cached answer of one prompt to the other would likely be wrong. */
  ok: boolean;
  /** One line per objection, `<rule>: <what differs>`; empty when ok. Goes into the trace. */
  reasons: string[];
}

/**
 * Longer prompts are refused unchecked. The rules are made for questions, not documents; on a
 * pasted document a one-word change hides among thousands of words, and the cost grows with
 * length (a 17 KB pair took 20-50 ms, too long for the event loop). Refusing costs a semantic
 * hit only: the exact cache still serves repeats.
 */
export const MAX_GUARDED_CHARS = 2_000;

export interface GuardOptions {
  /** Rules to skip (for measuring each rule's effect; the gateway runs them all). */
  skip?: ReadonlySet<GuardRuleId>;
}

/**
 * The false-hit guard: a cheap, pure check run on a semantic-cache candidate after the
 * similarity threshold. An embedding says two prompts are about the same thing; it barely
 * notices that one asks about France and the other about Germany, about 2014 instead of
 * 2018, or what NOT to do. Each rule (guard-rules.ts, README.md) looks for one such
 * difference; any objection refuses the hit. Symmetric: guardVerdict(a, b) = guardVerdict(b, a)
 * up to the order of the reasons' two sides.
 */
export function guardVerdict(a: string, b: string, options: GuardOptions = {}): GuardVerdict {
  if (a.length > MAX_GUARDED_CHARS || b.length > MAX_GUARDED_CHARS) {
    return { ok: false, reasons: [`length: over ${MAX_GUARDED_CHARS} characters (${a.length} vs ${b.length}), not checked`] };
  }
  const fa = promptFeatures(a);
  const fb = promptFeatures(b);
  const reasons: string[] = [];
  for (const rule of GUARD_RULES) {
    if (options.skip?.has(rule.id) === true) continue;
    reasons.push(...rule.check(fa, fb));
  }
  return { ok: reasons.length === 0, reasons };
}
