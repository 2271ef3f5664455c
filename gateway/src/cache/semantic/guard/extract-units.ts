import type { PromptToken } from './tokenize-prompt.js';
import { TIME_PERIODS, UNIT_ABBREVIATIONS, UNIT_WORDS } from './unit-words.js';

// Abbreviations count only glued to a number ("100g", "5m"): "2014 in Berlin" is no inch.
const GLUED = /(\d)([a-zA-Z°]+)\b/g;
const SYMBOLS: ReadonlyMap<string, string> = new Map([['$', 'dollar'], ['€', 'euro'], ['£', 'pound'], ['¥', 'yen'], ['%', 'percent']]);
const SPEED = /\b(km|m|mi|miles?|kilometers?|kilometres?|meters?|metres?)\s?\/\s?(s|sec|second|h|hr|hour)\b/gi;
const RATE_WORDS = new Set(['a', 'an', 'each', 'every']);
const CURRENCY_CODES = new Set(['usd', 'eur', 'gbp', 'jpy', 'inr', 'aud', 'cad', 'btc']);

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
    const previous = tokens[i - 1];
    const next = tokens[i + 1];
    const canonical = UNIT_WORDS.get(token.lower);
    // "MS", "GB", "KM" in capitals are as often a degree, a country or a name; as units they
    // follow a number. Currency codes (USD, INR) are currencies wherever they stand.
    const shortCapitals = token.text.length <= 3 && /^\p{Lu}+$/u.test(token.text) && !CURRENCY_CODES.has(token.lower);
    if (canonical !== undefined && (!shortCapitals || /^\d/.test(previous?.text ?? ''))) found.add(canonical);
    const period = singular(token.lower);
    if (previous?.lower === 'per' && (TIME_PERIODS.has(period) || UNIT_WORDS.has(token.lower))) found.add(`per ${period}`);
    else if (previous !== undefined && RATE_WORDS.has(previous.lower) && TIME_PERIODS.has(period) && (next === undefined || !next.isWord)) found.add(`per ${period}`);
  });
  return found;
}

function singular(word: string): string {
  return word.endsWith('s') && word.length > 3 ? word.slice(0, -1) : word;
}
