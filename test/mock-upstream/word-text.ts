// Word arithmetic behind the mock's deterministic "tokens": one whitespace-separated word
// counts as one token, so tests can predict usage and truncation exactly.

const WORD_RUN = /\S+\s*/g;

function isAsciiSpace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13);
}

function isSpace(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  if (code < 128) return isAsciiSpace(code);
  // Rare path: let the regex engine decide so counting agrees with `\s` in WORD_RUN.
  return /\s/.test(text.charAt(index));
}

/** Number of whitespace-separated words; a loop, not a regex, because it runs per message. */
export function countWords(text: string): number {
  let count = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    if (isSpace(text, i)) {
      inWord = false;
    } else if (!inWord) {
      inWord = true;
      count++;
    }
  }
  return count;
}

/** The text up to the end of its `limit`-th word (no trailing whitespace). */
export function firstWords(text: string, limit: number): string {
  if (limit <= 0) return '';
  let count = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    if (isSpace(text, i)) {
      if (inWord && count === limit) return text.slice(0, i);
      inWord = false;
    } else if (!inWord) {
      inWord = true;
      count++;
    }
  }
  return text;
}

/**
 * Splits text into pieces of `wordsPerPiece` words that concatenate back to the exact
 * text (whitespace kept), so a client that joins the deltas gets the JSON answer.
 */
export function splitIntoPieces(text: string, wordsPerPiece: number): string[] {
  const runs = text.match(WORD_RUN);
  if (runs === null) return text === '' ? [] : [text];
  const pieces: string[] = [];
  const leading = text.length - text.trimStart().length;
  let current = text.slice(0, leading);
  let inPiece = 0;
  for (const run of runs) {
    current += run;
    inPiece++;
    if (inPiece === wordsPerPiece) {
      pieces.push(current);
      current = '';
      inPiece = 0;
    }
  }
  if (current !== '') pieces.push(current);
  return pieces;
}

/** Splits a string into `parts` roughly equal slices (at least one char each). */
export function splitEvenly(text: string, parts: number): string[] {
  const size = Math.max(1, Math.ceil(text.length / parts));
  const slices: string[] = [];
  for (let i = 0; i < text.length; i += size) slices.push(text.slice(i, i + size));
  return slices;
}

const numberedCache = new Map<number, string>();

/** "w1 w2 … wn", memoised because benchmarks ask for the same size on every request. */
export function numberedWords(n: number): string {
  const cached = numberedCache.get(n);
  if (cached !== undefined) return cached;
  const words: string[] = [];
  for (let i = 1; i <= n; i++) words.push(`w${i}`);
  const text = words.join(' ');
  if (numberedCache.size < 64) numberedCache.set(n, text);
  return text;
}
