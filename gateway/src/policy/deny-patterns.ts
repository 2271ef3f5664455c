/**
 * Deny-list patterns for the output filter. A pattern written `/body/flags` is a regular
 * expression; anything else is a literal string. Patterns are compiled once, when hooks are
 * built, never per request.
 */

export interface DenyPattern {
  /** 0-based position in the configured list: reasons cite `#index+1`, never the pattern (it may itself be secret). */
  index: number;
  /** Global, so every match can be inspected; cloned before use (a shared /g regex carries state). */
  regex: RegExp;
  literal: boolean;
  /** Longest text it can match: exact for literals, the configured bound for regexes. */
  maxLength: number;
}

export interface DenyPatternOptions {
  caseInsensitive: boolean;
  /** Assumed longest match of a regex pattern (a regex's own bound is not computable in general). */
  maxMatchLength: number;
}

const REGEX_FORM = /^\/(.+)\/([a-z]*)$/s;
/** `g`/`y`/`d` change how matching runs, which the filter controls itself. */
const ALLOWED_FLAGS = /^[imsu]*$/;

/** Why a configured pattern cannot be used, or undefined when it is fine (the config schema reports it). */
export function denyPatternProblem(pattern: string): string | undefined {
  const form = REGEX_FORM.exec(pattern);
  if (form === null) return pattern === '' ? 'must not be empty' : undefined;
  const [, body = '', flags = ''] = form;
  if (!ALLOWED_FLAGS.test(flags)) return `regex flags may only be i, m, s and u (got "${flags}")`;
  try {
    new RegExp(body, flags);
  } catch (error) {
    return `is not a valid regular expression: ${(error as Error).message}`;
  }
  if (new RegExp(body, flags).test('')) return 'must not match the empty string';
  return undefined;
}

function escapeLiteral(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

export function compileDenyPattern(pattern: string, index: number, options: DenyPatternOptions): DenyPattern {
  const problem = denyPatternProblem(pattern);
  if (problem !== undefined) throw new Error(`outputFilter.deny[${index}] ${problem}`);
  const form = REGEX_FORM.exec(pattern);
  const extra = options.caseInsensitive ? 'gi' : 'g';
  if (form === null) {
    return { index, regex: new RegExp(escapeLiteral(pattern), extra), literal: true, maxLength: pattern.length };
  }
  const [, body = '', flags = ''] = form;
  const merged = [...new Set(flags + extra)].join('');
  return { index, regex: new RegExp(body, merged), literal: false, maxLength: options.maxMatchLength };
}

/**
 * Characters a stream filter holds back. A literal of length L needs L − 1 (a match that
 * includes the newest character starts at most L − 1 characters before it). A regex gets its
 * full bound, so a match that ends exactly at the newest character can wait for more text
 * (`\b`, `\w*` and lookaheads may change their mind) without any of it being emitted.
 */
export function streamWindow(patterns: readonly DenyPattern[]): number {
  return patterns.reduce((w, p) => Math.max(w, p.literal ? p.maxLength - 1 : p.maxLength), 0);
}
