import { isRegexLiteral } from '../config/check-references.js';
import type { MatchConfig } from '../config/routing-schema.js';
import type { ComplexityResult } from './complexity-classifier.js';
import type { RouteInput } from './route-types.js';

/**
 * Checks one rule's conditions against a request. Returns the conditions that held (for the
 * trace: "why this rule"), or undefined when one failed. The classifier runs only when a rule
 * asks for it, through `classify`, which the router memoises.
 */
export interface MatchContext {
  /** The classifier's verdict, computed on first use. */
  classify(): ComplexityResult;
  /** The last user message in lower case, computed on first use (keyword rules share it). */
  lowerText(): string;
}

export function matchRule(when: MatchConfig, input: RouteInput, context: MatchContext): string[] | undefined {
  // Hot path (every rule, every request): test first, build the trace's strings only on a match.
  const f = input.features;
  const matched: string[] = [];
  if (when.model !== undefined) {
    if (!oneOf(when.model, input.requestedModel)) return undefined;
    matched.push(`model=${input.requestedModel}`);
  }
  if (when.tenant !== undefined) {
    if (!oneOf(when.tenant, input.tenant)) return undefined;
    matched.push(`tenant=${input.tenant}`);
  }
  if (when.keyId !== undefined) {
    if (!oneOf(when.keyId, input.keyId)) return undefined;
    matched.push(`keyId=${input.keyId}`);
  }
  if (when.surface !== undefined) {
    if (when.surface !== input.surface) return undefined;
    matched.push(`surface=${input.surface}`);
  }
  if (when.headers !== undefined) {
    for (const name in when.headers) {
      const value = input.headers[name.toLowerCase()];
      if (typeof value !== 'string' || !valueMatches(when.headers[name]!, value)) return undefined;
      matched.push(`header ${name}`);
    }
  }
  if (when.metadata !== undefined) {
    for (const name in when.metadata) {
      const value = input.metadata[name];
      if (value === undefined || !valueMatches(when.metadata[name]!, value)) return undefined;
      matched.push(`metadata ${name}`);
    }
  }
  if (when.minInputTokens !== undefined) {
    if (f.inputTokens < when.minInputTokens) return undefined;
    matched.push(`inputTokens ${f.inputTokens} >= ${when.minInputTokens}`);
  }
  if (when.maxInputTokens !== undefined) {
    if (f.inputTokens > when.maxInputTokens) return undefined;
    matched.push(`inputTokens ${f.inputTokens} <= ${when.maxInputTokens}`);
  }
  if (when.minTurns !== undefined) {
    if (f.turns < when.minTurns) return undefined;
    matched.push(`turns ${f.turns} >= ${when.minTurns}`);
  }
  if (when.maxTurns !== undefined) {
    if (f.turns > when.maxTurns) return undefined;
    matched.push(`turns ${f.turns} <= ${when.maxTurns}`);
  }
  if (when.hasTools !== undefined) {
    if (when.hasTools !== f.hasTools) return undefined;
    matched.push(`hasTools=${f.hasTools}`);
  }
  if (when.hasImages !== undefined) {
    if (when.hasImages !== f.hasImages) return undefined;
    matched.push(`hasImages=${f.hasImages}`);
  }
  if (when.jsonMode !== undefined) {
    if (when.jsonMode !== f.jsonMode) return undefined;
    matched.push(`jsonMode=${f.jsonMode}`);
  }
  if (when.stream !== undefined) {
    if (when.stream !== f.stream) return undefined;
    matched.push(`stream=${f.stream}`);
  }
  if (when.keywords !== undefined) {
    const hit = firstKeyword(when.keywords, context.lowerText());
    if (hit === undefined) return undefined;
    matched.push(`keyword "${hit}"`);
  }
  if (when.pattern !== undefined) {
    if (!compile(when.pattern).test(f.lastUserText)) return undefined;
    matched.push(`pattern ${when.pattern}`);
  }
  if (when.complexity !== undefined) {
    const label = context.classify().label;
    if (!oneOf(when.complexity, label)) return undefined;
    matched.push(`complexity=${label}`);
  }
  return matched;
}

function firstKeyword(keywords: readonly string[], lowerText: string): string | undefined {
  for (const keyword of keywords) if (lowerText.includes(lowerCase(keyword))) return keyword;
  return undefined;
}

function oneOf(expected: string | readonly string[], actual: string): boolean {
  return typeof expected === 'string' ? expected === actual : expected.includes(actual);
}

function valueMatches(expected: string, actual: string): boolean {
  return isRegexLiteral(expected) ? compile(expected.slice(1, -1)).test(actual) : expected === actual;
}

// Patterns and keywords come from the frozen config, so preparing each once is enough.
const compiled = new Map<string, RegExp>();
const lowered = new Map<string, string>();
function lowerCase(keyword: string): string {
  let value = lowered.get(keyword);
  if (value === undefined) {
    value = keyword.toLowerCase();
    lowered.set(keyword, value);
  }
  return value;
}

function compile(pattern: string): RegExp {
  let regex = compiled.get(pattern);
  if (regex === undefined) {
    regex = new RegExp(pattern, 'i');
    compiled.set(pattern, regex);
  }
  return regex;
}
