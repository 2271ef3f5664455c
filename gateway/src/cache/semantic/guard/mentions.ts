import { canonicalEntity } from './extract-entities.js';
import type { PromptFeatures } from './prompt-features.js';

/**
 * Same word up to an ending: "Canada"/"Canadian", "Germany"/"German", "Postgres"/"PostgreSQL",
 * "Google"/"googled"; but not "Java"/"JavaScript" (too much longer) or "Iran"/"Iraq".
 */
export function sameStem(a: string, b: string): boolean {
  if (a === b) return true;
  const shorter = Math.min(a.length, b.length);
  if (shorter < 4 || Math.abs(a.length - b.length) > 4) return false;
  let common = 0;
  while (common < shorter && a[common] === b[common]) common += 1;
  return common >= Math.max(4, shorter - 1);
}

/**
 * Whether a prompt mentions a name at all, as a name or as a plain word, in any spelling
 * the alias table knows. Used one way round: a name in one prompt that the other does not
 * mention is a difference; a name written differently ("US" / "United States") is not.
 */
export function mentionsEntity(f: PromptFeatures, name: string): boolean {
  const matches = (other: string): boolean => other === name || sameStem(other, name) || other === `${name}s` || name === `${other}s`;
  if (f.entities.some((e) => matches(e.name))) return true;
  for (const word of f.words) {
    if (matches(word) || matches(canonicalEntity(word))) return true;
  }
  return false;
}

/** Whether a literal (quote, identifier) occurs in the prompt's text, as a whole token. */
export function mentionsLiteral(f: PromptFeatures, literal: string): boolean {
  // A plain substring search first: cheap, and rules out almost every literal of a long prompt.
  if (!f.lowerText.includes(literal)) return false;
  const escaped = literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\w.])${escaped}(?!\\w)`).test(f.lowerText);
}
