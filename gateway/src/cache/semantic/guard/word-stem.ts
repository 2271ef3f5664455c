/**
 * A light suffix stripper (not Porter): enough to see "losing"/"lose", "apps"/"app",
 * "depression"/"depressed", "growth"/"growing" as one word when the guard asks whether a
 * prompt mentions a word at all. Over-merging is harmless there: it only makes the guard
 * less strict.
 */
const SUFFIXES = ['ational', 'ations', 'ation', 'ments', 'ment', 'ness', 'ings', 'ing', 'ions', 'ion', 'ities', 'ity', 'ives', 'ive', 'edly', 'ed', 'ies', 'es', 'ers', 'er', 'ly', 'th', 's', 'e'];

export function wordStem(word: string): string {
  // British -re to American -er first: "theatre"/"theater", "centre"/"center".
  let w = word.toLowerCase().replace(/([^aeiou])re$/, '$1er');
  for (const suffix of SUFFIXES) {
    if (w.endsWith(suffix) && w.length - suffix.length >= 3) {
      w = w.slice(0, -suffix.length);
      break;
    }
  }
  // "stopped" → "stopp" → "stop"; "running" → "runn" → "run".
  if (w.length >= 4 && w[w.length - 1] === w[w.length - 2]) w = w.slice(0, -1);
  return w.replace(/ise$/, 'ize');
}
