import { CARDINAL_WORDS, ORDINAL_WORDS, ROMAN_NUMERALS } from './number-words.js';
import type { PromptToken } from './tokenize-prompt.js';

const DIGITS = /(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:(st|nd|rd|th|s)\b|\s?(k|thousand|million|billion|bn|lakhs?|crores?)\b)?/gi;
const SCALE: ReadonlyMap<string, number> = new Map([['k', 1e3], ['thousand', 1e3], ['million', 1e6], ['billion', 1e9], ['bn', 1e9], ['lakh', 1e5], ['lakhs', 1e5], ['crore', 1e7], ['crores', 1e7]]);
const MULTIPLIERS = new Set(['hundred', 'thousand', 'million', 'billion', 'trillion']);
// "a second", "per second", "10 seconds": the time unit, not the ordinal.
const NOT_ORDINAL_BEFORE = new Set(['a', 'per', 'one', 'each', 'every', 'split']);

/**
 * Numbers in a prompt, as canonical strings: "2,000", "2k" and "2 thousand" → `2000`, "five" → `5`,
 * "16th" and "sixteenth" → `#16`, "1960s" → `1960s`. Digits are read from the text
 * (so "3.12", "x^2" and "S23" count); words from the tokens.
 */
export function extractNumbers(normalized: string, tokens: readonly PromptToken[]): Set<string> {
  const found = new Set<string>();
  for (const match of normalized.matchAll(DIGITS)) {
    const scale = SCALE.get(match[3]?.toLowerCase() ?? '') ?? 1;
    // Rounded so 1.1 × 10⁶ reads 1100000, not 1100000.0000000002.
    const value = String(Math.round(Number((match[1] as string).replace(/,/g, '')) * scale * 1e6) / 1e6);
    const suffix = match[2]?.toLowerCase();
    if (suffix === 's') found.add(`${value}s`);
    else if (suffix !== undefined) found.add(`#${value}`);
    else found.add(value);
  }
  let previous: number | undefined;
  tokens.forEach((token, i) => {
    const word = token.lower;
    const cardinal = CARDINAL_WORDS.get(word);
    // "4.5 billion", "60 thousand": already read with the digits.
    if (cardinal !== undefined && MULTIPLIERS.has(word) && /^\d/.test(tokens[i - 1]?.text ?? '')) return;
    if (cardinal !== undefined) {
      // "two hundred" is 200, "twenty five" is 25: fold into the number just read.
      if (previous !== undefined && MULTIPLIERS.has(word) && previous < cardinal) {
        found.delete(String(previous));
        previous *= cardinal;
      } else if (previous !== undefined && previous % 10 === 0 && previous >= 20 && previous < 100 && cardinal < 10) {
        found.delete(String(previous));
        previous += cardinal;
      } else {
        previous = cardinal;
      }
      found.add(String(previous));
      return;
    }
    previous = undefined;
    const ordinal = ORDINAL_WORDS.get(word);
    if (ordinal !== undefined && !(word === 'second' && NOT_ORDINAL_BEFORE.has(tokens[i - 1]?.lower ?? ''))) {
      found.add(`#${ordinal}`);
      return;
    }
    // Roman numerals only right after a capitalised word ("World War II"), never "I" alone.
    const roman = ROMAN_NUMERALS.get(token.text);
    const before = tokens[i - 1];
    if (roman !== undefined && token.text !== 'I' && before !== undefined && /^\p{Lu}/u.test(before.text)) found.add(String(roman));
  });
  return found;
}
