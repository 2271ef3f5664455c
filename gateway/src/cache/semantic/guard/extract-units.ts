import type { PromptToken } from './tokenize-prompt.js';
import { RATE_PERIODS, UNIT_ABBREVIATIONS, UNIT_WORDS } from './unit-words.js';

// Abbreviations count only glued to a number ("100g", "5m"): "2014 in Berlin" is no inch.
const GLUED = /(\d)([a-zA-Z°]+)\b/g;
const SYMBOLS: ReadonlyMap<string, string> = new Map([['$', 'dollar'], ['€', 'euro'], ['£', 'pound'], ['¥', 'yen'], ['%', 'percent']]);
const SPEED = /\b(km|m|mi|miles?|kilometers?|kilometres?|meters?|metres?)\s?\/\s?(s|sec|second|h|hr|hour)\b/gi;
const RATE_WORDS = new Set(['per', 'a', 'an', 'each', 'every']);

/** Units, currencies and "per X" rates a prompt asks in, canonicalised (unit-words.ts). */
export function extractUnits(normalized: string, tokens: readonly PromptToken[]): Set<string> {
  const found = new Set<string>();
  for (const match of normalized.matchAll(GLUED)) {
    const unit = (match[2] as string).toLowerCase();
    const canonical = UNIT_WORDS.get(unit) ?? UNIT_ABBREVIATIONS.get(unit);
    if (canonical !== undefined) found.add(canonical);
  }
  for (const match of normalized.matchAll(SPEED)) {
    const per = (match[2] as string).toLowerCase().startsWith('h') ? 'hour' : 'second';
    found.add(`per ${per}`);
  }
  tokens.forEach((token, i) => {
    const symbol = SYMBOLS.get(token.text);
    if (symbol !== undefined) found.add(symbol);
    if (!token.isWord) return;
    const canonical = UNIT_WORDS.get(token.lower);
    if (canonical !== undefined) found.add(canonical);
    const previous = tokens[i - 1];
    const next = tokens[i + 1];
    // "per night", and "a day" at the end of a clause ("drink a day?"); a bare "day" is no unit.
    const period = singular(token.lower);
    if (previous !== undefined && RATE_WORDS.has(previous.lower) && RATE_PERIODS.has(period)) {
      if (previous.lower === 'per' || next === undefined || !next.isWord) found.add(`per ${period}`);
    }
  });
  return found;
}

function singular(word: string): string {
  return word.endsWith('s') && word.length > 3 ? word.slice(0, -1) : word;
}
