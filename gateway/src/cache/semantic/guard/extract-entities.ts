import { ENTITY_ALIASES, JOINED_NAMES, KNOWN_ENTITIES } from './known-entities.js';
import { STOP_WORDS } from './stop-words.js';
import type { PromptToken } from './tokenize-prompt.js';
import { UNIT_WORDS } from './unit-words.js';

export interface EntityMention {
  /**
   * Canonical lower-case name (aliases applied). For a name of several words ("Hillary
   * Clinton", "Google Chrome") the last word, which is the one people keep when they
   * shorten it ("Clinton", "Chrome").
   */
  name: string;
  /** The name as written, for reasons. */
  text: string;
  /** Position (of the last word) in the token list, for the order check. */
  index: number;
}

// Capitalised mid-sentence for reasons other than being a name.
const NOT_NAMES = new Set(['i', 'ok', 'okay', 'hi', 'hello', 'thanks', 'please', 'quora']);
const ROMAN = /^(?:I|II|III|IV|V|VI|VII|VIII|IX|X)$/;

/**
 * Names in a prompt: words in the known-entities list (lower case allowed), acronyms
 * ("TCP", "USD"), letter-digit model names ("K2", "S23"), and capitalised words that do
 * not start a sentence. In a Title Cased Prompt capitals say nothing, so only the first
 * three kinds count there. Adjacent name words form one name.
 */
export function extractEntities(tokens: readonly PromptToken[]): EntityMention[] {
  // Title Case shows in function words: "What Is The Best Way To ..." capitalises "Is", "The", "To".
  const midFunctionWords = tokens.filter((t) => t.isWord && !t.sentenceStart && STOP_WORDS.has(t.lower) && t.lower !== 'i');
  const capitalisedFunctionWords = midFunctionWords.filter((t) => /^\p{Lu}/u.test(t.text)).length;
  const titleCase = capitalisedFunctionWords >= 2 && capitalisedFunctionWords * 2 > midFunctionWords.length;
  const found: EntityMention[] = [];
  let previousIndex = -2;
  tokens.forEach((token, index) => {
    if (!isName(token, titleCase)) return;
    const mention = { name: canonicalEntity(token.lower), text: token.text, index };
    const last = found[found.length - 1];
    if (last !== undefined && previousIndex === index - 1) found[found.length - 1] = { ...mention, text: `${last.text} ${token.text}` };
    else found.push(mention);
    previousIndex = index;
  });
  return found;
}

function isName(token: PromptToken, titleCase: boolean): boolean {
  if (!token.isWord) return false;
  const lower = token.lower;
  // Currency codes (USD, EUR) are units: the unit rule compares them, with their spellings.
  // Single letters are initials ("M. K. Gandhi") or variables, not names.
  if (NOT_NAMES.has(lower) || UNIT_WORDS.has(lower) || token.text.length < 2) return false;
  // Aliases such as "us" or "la" are ordinary words in lower case: they count only as
  // acronyms or inside a joined multi-word name.
  if (KNOWN_ENTITIES.has(lower) || JOINED_NAMES.has(lower)) return true;
  if (ROMAN.test(token.text)) return false;
  const acronym = /^\p{Lu}[\p{Lu}\d&]+$/u.test(token.text) && /\p{Lu}.*\p{Lu}/u.test(token.text);
  const modelName = /^\p{L}+\d[\p{L}\d]*$/u.test(token.text);
  const capital = !titleCase && !token.sentenceStart && /^\p{Lu}/u.test(token.text) && !STOP_WORDS.has(lower);
  return acronym || modelName || capital;
}

export function canonicalEntity(lower: string): string {
  return ENTITY_ALIASES.get(lower) ?? lower;
}
