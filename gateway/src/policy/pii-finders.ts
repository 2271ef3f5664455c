import { passesIbanMod97, passesLuhn } from './pii-checksums.js';

/** A half-open range [start, end) of the scanned text. */
export interface PiiSpan {
  start: number;
  end: number;
}

/**
 * Spans of `pattern` whose match passes `accept`. A rejected candidate is retried one
 * character later, so a look-alike in front (a failed checksum) does not hide a real match
 * that overlaps it. The pattern is cloned per call: a shared /g regex carries state.
 */
export function findByRegex(text: string, pattern: RegExp, accept?: (match: RegExpExecArray) => boolean): PiiSpan[] {
  const re = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
  const spans: PiiSpan[] = [];
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (m[0] === '') {
      re.lastIndex = m.index + 1;
      continue;
    }
    if (accept !== undefined && !accept(m)) {
      re.lastIndex = m.index + 1;
      continue;
    }
    spans.push({ start: m.index, end: m.index + m[0].length });
  }
  return spans;
}

const WORD_CHAR = /[A-Za-z0-9_]/;

function isWordAt(text: string, index: number): boolean {
  const ch = text[index];
  return ch !== undefined && WORD_CHAR.test(ch);
}

/** Runs of digit groups joined by single spaces or dashes: every place a card number can hide. */
const DIGIT_RUN = /\d+(?:[ -]\d+)*/g;

/**
 * Payment cards: 13-19 digits, contiguous or grouped with one kind of separator, a leading
 * 2-6 (Mastercard 2/5, Amex/Diners/JCB 3, Visa 4, Discover/UnionPay/Maestro 6) and a passing
 * Luhn check. The leading digit keeps millisecond timestamps (1…) out; the Luhn check keeps
 * out 90% of other long ids. A run of several numbers is tried at every group boundary,
 * longest first, so "order 12 4242 4242 4242 4242" still finds the card.
 */
export function findCards(text: string): PiiSpan[] {
  const spans: PiiSpan[] = [];
  for (const run of text.matchAll(DIGIT_RUN)) {
    const groups: Array<{ start: number; end: number; sep: string }> = [];
    const groupRe = /\d+/g;
    for (let g = groupRe.exec(run[0]); g !== null; g = groupRe.exec(run[0])) {
      const start = run.index + g.index;
      groups.push({ start, end: start + g[0].length, sep: text[start - 1] ?? '' });
    }
    let i = 0;
    while (i < groups.length) {
      const found = longestCardFrom(text, groups, i);
      if (found === undefined) {
        i += 1;
        continue;
      }
      spans.push({ start: groups[i]?.start ?? 0, end: groups[found]?.end ?? 0 });
      i = found + 1;
    }
  }
  return spans;
}

function longestCardFrom(text: string, groups: Array<{ start: number; end: number; sep: string }>, first: number): number | undefined {
  const head = groups[first];
  if (head === undefined || isWordAt(text, head.start - 1)) return undefined;
  for (let last = groups.length - 1; last >= first; last -= 1) {
    const tail = groups[last];
    if (tail === undefined || isWordAt(text, tail.end)) continue;
    const slice = groups.slice(first, last + 1);
    const seps = new Set(slice.slice(1).map((g) => g.sep));
    if (seps.size > 1) continue;
    const digits = slice.map((g) => text.slice(g.start, g.end)).join('');
    if (digits.length < 13 || digits.length > 19 || !/^[2-6]/.test(digits)) continue;
    if (passesLuhn(digits)) return last;
  }
  return undefined;
}

/** Upper-case country code, two check digits, then 11-30 letters/digits, single spaces allowed. */
const IBAN_CANDIDATE = /(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}/g;

/**
 * IBANs (ISO 13616), electronic or printed in groups of four, validated with mod-97. The
 * greedy candidate may run into following upper-case words, so it is cut back at each
 * word end, longest first, until one passes.
 */
export function findIbans(text: string): PiiSpan[] {
  const re = new RegExp(IBAN_CANDIDATE);
  const spans: PiiSpan[] = [];
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const end = longestIbanEnd(text, m.index, m.index + m[0].length);
    if (end === undefined) {
      re.lastIndex = m.index + 1;
      continue;
    }
    spans.push({ start: m.index, end });
    // Resume right after the accepted IBAN: the greedy candidate may have swallowed the next one.
    re.lastIndex = end;
  }
  return spans;
}

function longestIbanEnd(text: string, start: number, maxEnd: number): number | undefined {
  for (let end = maxEnd; end > start; end -= 1) {
    if (isWordAt(text, end) || text[end - 1] === ' ') continue;
    const compact = text.slice(start, end).replaceAll(' ', '');
    if (compact.length < 15) return undefined;
    if (passesIbanMod97(compact)) return end;
  }
  return undefined;
}
