/**
 * Written numbers and ordinals, so "five" matches "5" and "sixteenth" matches "16th".
 * Deliberately small: prompts spell out small numbers and round ones; "three hundred and
 * twelve" is rare enough to leave to the embedding.
 */
export const CARDINAL_WORDS: ReadonlyMap<string, number> = new Map([
  ['zero', 0], ['one', 1], ['two', 2], ['three', 3], ['four', 4], ['five', 5], ['six', 6], ['seven', 7],
  ['eight', 8], ['nine', 9], ['ten', 10], ['eleven', 11], ['twelve', 12], ['thirteen', 13], ['fourteen', 14],
  ['fifteen', 15], ['sixteen', 16], ['seventeen', 17], ['eighteen', 18], ['nineteen', 19], ['twenty', 20],
  ['thirty', 30], ['forty', 40], ['fifty', 50], ['sixty', 60], ['seventy', 70], ['eighty', 80], ['ninety', 90],
  ['hundred', 100], ['thousand', 1000], ['million', 1e6], ['billion', 1e9], ['trillion', 1e12],
  ['dozen', 12], ['half', 0.5], ['twice', 2], ['double', 2], ['triple', 3],
]);

export const ORDINAL_WORDS: ReadonlyMap<string, number> = new Map([
  ['first', 1], ['second', 2], ['third', 3], ['fourth', 4], ['fifth', 5], ['sixth', 6], ['seventh', 7],
  ['eighth', 8], ['ninth', 9], ['tenth', 10], ['eleventh', 11], ['twelfth', 12], ['thirteenth', 13],
  ['fourteenth', 14], ['fifteenth', 15], ['sixteenth', 16], ['seventeenth', 17], ['eighteenth', 18],
  ['nineteenth', 19], ['twentieth', 20], ['last', -1],
]);

/** Roman numerals that follow a name ("World War II", "Henry VIII"); longer ones are too rare to matter. */
export const ROMAN_NUMERALS: ReadonlyMap<string, number> = new Map([
  ['I', 1], ['II', 2], ['III', 3], ['IV', 4], ['V', 5], ['VI', 6], ['VII', 7], ['VIII', 8], ['IX', 9], ['X', 10],
]);
