import { JOINED_NAMES } from './known-entities.js';

/** One word of a prompt, after contractions are split and phrases joined. */
export interface PromptToken {
  /** As written (first word's spelling for joined phrases). */
  text: string;
  lower: string;
  /** Punctuation tokens are kept: sentence starts and lists depend on them. */
  isWord: boolean;
  /** First word of a sentence: its capital letter says nothing about being a name. */
  sentenceStart: boolean;
}

const TOKEN = /[\p{L}\p{N}]+(?:'[\p{L}]+)?|[$€£¥%&/,?.!:;"()[\]]/gu;
const SENTENCE_END = new Set(['.', '?', '!', ':', ';', '"', '(', '[']);
const NOT_CONTRACTIONS: ReadonlyMap<string, string> = new Map([["can't", 'can'], ["won't", 'will'], ["shan't", 'shall'], ["ain't", 'is']]);
const SUFFIXES: ReadonlyMap<string, string> = new Map([["'re", 'are'], ["'ve", 'have'], ["'ll", 'will'], ["'d", 'would'], ["'m", 'am']]);
const IS_CONTRACTED = new Set(['what', 'that', 'it', 'there', 'here', 'who', 'where', 'when', 'how', 'he', 'she', 'why', 'which']);

/** Verbs whose particle decides the direction ("zoom in" vs "zoom out"); see opposite-words.ts. */
const PHRASAL_VERBS = new Set(['zoom', 'log', 'sign', 'opt', 'scale', 'warm', 'cool', 'turn', 'switch', 'go', 'goes', 'put', 'check', 'sun', 'upper', 'lower', 'front', 'back']);
const PARTICLES = new Set(['in', 'out', 'up', 'down', 'on', 'off', 'rise', 'rises', 'set', 'sets', 'body', 'end']);
const PHRASES: ReadonlySet<string> = new Set([
  'zoom_in', 'zoom_out', 'log_in', 'log_out', 'sign_in', 'sign_out', 'sign_up', 'opt_in', 'opt_out', 'scale_up', 'scale_down',
  'warm_up', 'cool_down', 'turn_on', 'turn_off', 'switch_on', 'switch_off', 'go_up', 'go_down', 'goes_up', 'goes_down',
  'put_on', 'sun_rise', 'sun_rises', 'sun_set', 'sun_sets', 'upper_body', 'lower_body', 'front_end', 'back_end',
]);
const MULTI_WORDS: ReadonlyArray<readonly string[]> = [...JOINED_NAMES].map((m) => m.split('_'));

/** Curly quotes and apostrophes to straight ones, NFKC (full-width letters, ligatures). */
export function normalizePrompt(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/[\u201c\u201d\u00ab\u00bb]/g, '"')
    .replace(/\s+/g, ' ')
    .trim();
}

export function tokenizePrompt(normalized: string): PromptToken[] {
  const raw: PromptToken[] = [];
  let sentenceStart = true;
  for (const match of normalized.matchAll(TOKEN)) {
    const text = match[0];
    const isWord = /[\p{L}\p{N}]/u.test(text);
    if (!isWord) {
      raw.push({ text, lower: text, isWord, sentenceStart: false });
      if (SENTENCE_END.has(text)) sentenceStart = true;
      continue;
    }
    for (const part of splitContraction(text)) raw.push({ text: part, lower: part.toLowerCase(), isWord: true, sentenceStart });
    sentenceStart = false;
  }
  return joinPhrases(raw);
}

function splitContraction(word: string): string[] {
  const lower = word.toLowerCase();
  const notBase = NOT_CONTRACTIONS.get(lower);
  if (notBase !== undefined) return [notBase, 'not'];
  if (lower.endsWith("n't")) return [word.slice(0, -3), 'not'];
  const apostrophe = word.indexOf("'");
  if (apostrophe < 0) return [word];
  const head = word.slice(0, apostrophe);
  const suffix = lower.slice(apostrophe);
  const expanded = SUFFIXES.get(suffix);
  if (expanded !== undefined) return [head, expanded];
  if (suffix === "'s" && IS_CONTRACTED.has(head.toLowerCase())) return [head, 'is'];
  // Possessive "Hamlet's", "plant's": the name is what matters.
  return [head];
}

function joinPhrases(tokens: PromptToken[]): PromptToken[] {
  const out: PromptToken[] = [];
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i] as PromptToken;
    const multi = MULTI_WORDS.find((words) => words.every((w, k) => tokens[i + k]?.lower === w));
    if (multi !== undefined && multi.length > 1) {
      const lower = multi.join('_');
      out.push({ ...token, lower, text: tokens.slice(i, i + multi.length).map((t) => t.text).join(' ') });
      i += multi.length - 1;
      continue;
    }
    const next = tokens[i + 1];
    if (next !== undefined && PHRASAL_VERBS.has(token.lower) && PARTICLES.has(next.lower) && PHRASES.has(`${token.lower}_${next.lower}`)) {
      out.push({ ...token, lower: `${token.lower}_${next.lower}` });
      i += 1;
      continue;
    }
    out.push(token);
  }
  return out;
}
