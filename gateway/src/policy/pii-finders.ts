import { passesLuhn } from './pii-checksums.js';

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

/**
 * International phone numbers: the regex takes every following digit group, and the
 * longest prefix of groups with 8-15 digits (E.164's maximum) wins, so a number followed by
 * another number ("+44 20 7946 0958 4242…") is still found.
 */
export function findInternationalPhones(text: string, pattern: RegExp): PiiSpan[] {
  const spans: PiiSpan[] = [];
  for (const m of text.matchAll(pattern)) {
    let digits = 0;
    let longest: number | undefined;
    for (const group of m[0].matchAll(/\d+/g)) {
      digits += group[0].length;
      if (digits > 15) break;
      const end = m.index + group.index + group[0].length;
      if (digits >= 8 && !isWordAt(text, end) && text[end] !== ')') longest = end;
    }
    if (longest !== undefined) spans.push({ start: m.index, end: longest });
  }
  return spans;
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
  if (head === undefined || isWordAt(text, head.start - 1) || !/[2-6]/.test(text[head.start] ?? '')) return undefined;
  // Grow the candidate group by group (a card has at most 19 digits, so at most 19 groups);
  // keep the longest that passes. Linear in the run, even on "1 2 3 4 …" of any length.
  let digits = '';
  let longest: number | undefined;
  for (let last = first; last < groups.length; last += 1) {
    const group = groups[last];
    if (group === undefined || (last > first + 1 && group.sep !== groups[first + 1]?.sep)) break;
    digits += text.slice(group.start, group.end);
    if (digits.length > 19) break;
    if (digits.length >= 13 && !isWordAt(text, group.end) && passesLuhn(digits)) longest = last;
  }
  return longest;
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

function charValue(ch: string): number {
  const code = ch.charCodeAt(0);
  return code >= 65 ? code - 55 : code - 48;
}

/**
 * The longest end (at a word end) where the candidate passes mod-97. The check moves the
 * four head characters behind the body; they always expand to six digits (two letters →
 * 10..35, two check digits), so each prefix's remainder is finished with
 * `(r · 10^6 + head) mod 97`, where 10^6 ≡ 27 (mod 97). One pass, however long the candidate.
 */
function longestIbanEnd(text: string, start: number, maxEnd: number): number | undefined {
  const head = Number([...text.slice(start, start + 4)].map(charValue).join('')) % 97;
  let remainder = 0;
  let length = 4;
  let longest: number | undefined;
  for (let i = start + 4; i < maxEnd; i += 1) {
    const ch = text[i] ?? ' ';
    if (ch === ' ') continue;
    const value = charValue(ch);
    remainder = (remainder * (value >= 10 ? 100 : 10) + value) % 97;
    length += 1;
    if (length >= 15 && !isWordAt(text, i + 1) && (remainder * 27 + head) % 97 === 1) longest = i + 1;
  }
  return longest;
}
