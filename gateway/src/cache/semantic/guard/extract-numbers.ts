import { CARDINAL_WORDS, ORDINAL_WORDS, ROMAN_NUMERALS } from './number-words.js';
import type { PromptToken } from './tokenize-prompt.js';

const DIGITS = /(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(st|nd|rd|th|s)?/gi;
const MULTIPLIERS = new Set(['hundred', 'thousand', 'million', 'billion', 'trillion']);
// "a second", "per second", "10 seconds": the time unit, not the ordinal.
const NOT_ORDINAL_BEFORE = new Set(['a', 'per', 'one', 'each', 'every', 'split']);

/**
 * Numbers in a prompt, as canonical strings: "2,000" and "2000" → `2000`, "five" → `5`,
 * "16th" and "sixteenth" → `#16`, "1960s" → `1960s`. Digits are read from the text
 * (so "3.12", "x^2" and "S23" count); words from the tokens.
 */
export function extractNumbers(normalized: string, tokens: readonly PromptToken[]): Set<string> {
  const found = new Set<string>();
  for (const match of normalized.matchAll(DIGITS)) {
    const value = String(Number((match[1] as string).replace(/,/g, '')));
    const suffix = match[2]?.toLowerCase();
    if (suffix === 's') found.add(`${value}s`);
    else if (suffix !== undefined) found.add(`#${value}`);
    else found.add(value);
  }
  let previous: number | undefined;
  tokens.forEach((token, i) => {
    const word = token.lower;
    const cardinal = CARDINAL_WORDS.get(word);
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
