import { isRegexLiteral } from '../config/check-references.js';
import type { MatchConfig } from '../config/routing-schema.js';
import type { ComplexityResult } from './complexity-classifier.js';
import type { RouteInput } from './route-types.js';

/**
 * Checks one rule's conditions against a request. Returns the conditions that held (for the
 * trace: "why this rule"), or undefined when one failed. The classifier runs only when a rule
 * asks for it, through `classify`, which the router memoises.
 */
export function matchRule(when: MatchConfig, input: RouteInput, classify: () => ComplexityResult): string[] | undefined {
  const matched: string[] = [];
  const check = (name: string, ok: boolean): boolean => {
    if (ok) matched.push(name);
    return ok;
  };
  const f = input.features;
  if (when.model !== undefined && !check(`model=${input.requestedModel}`, oneOf(when.model, input.requestedModel))) return undefined;
  if (when.tenant !== undefined && !check(`tenant=${input.tenant}`, oneOf(when.tenant, input.tenant))) return undefined;
  if (when.keyId !== undefined && !check(`keyId=${input.keyId}`, oneOf(when.keyId, input.keyId))) return undefined;
  if (when.surface !== undefined && !check(`surface=${input.surface}`, when.surface === input.surface)) return undefined;
  for (const [name, expected] of Object.entries(when.headers ?? {})) {
    const value = input.headers[name.toLowerCase()];
    if (!check(`header ${name}`, typeof value === 'string' && valueMatches(expected, value))) return undefined;
  }
  for (const [name, expected] of Object.entries(when.metadata ?? {})) {
    const value = input.metadata[name];
    if (!check(`metadata ${name}`, value !== undefined && valueMatches(expected, value))) return undefined;
  }
  if (when.minInputTokens !== undefined && !check(`inputTokens ${f.inputTokens} >= ${when.minInputTokens}`, f.inputTokens >= when.minInputTokens)) return undefined;
  if (when.maxInputTokens !== undefined && !check(`inputTokens ${f.inputTokens} <= ${when.maxInputTokens}`, f.inputTokens <= when.maxInputTokens)) return undefined;
  if (when.minTurns !== undefined && !check(`turns ${f.turns} >= ${when.minTurns}`, f.turns >= when.minTurns)) return undefined;
  if (when.maxTurns !== undefined && !check(`turns ${f.turns} <= ${when.maxTurns}`, f.turns <= when.maxTurns)) return undefined;
  if (when.hasTools !== undefined && !check(`hasTools=${f.hasTools}`, when.hasTools === f.hasTools)) return undefined;
  if (when.hasImages !== undefined && !check(`hasImages=${f.hasImages}`, when.hasImages === f.hasImages)) return undefined;
  if (when.jsonMode !== undefined && !check(`jsonMode=${f.jsonMode}`, when.jsonMode === f.jsonMode)) return undefined;
  if (when.stream !== undefined && !check(`stream=${f.stream}`, when.stream === f.stream)) return undefined;
  if (when.keywords !== undefined) {
    const text = f.lastUserText.toLowerCase();
    const hit = when.keywords.find((k) => text.includes(k.toLowerCase()));
    if (!check(`keyword "${hit ?? ''}"`, hit !== undefined)) return undefined;
  }
  if (when.pattern !== undefined && !check(`pattern ${when.pattern}`, compile(when.pattern).test(f.lastUserText))) return undefined;
  if (when.complexity !== undefined) {
    const label = classify().label;
    if (!check(`complexity=${label}`, oneOf(when.complexity, label))) return undefined;
  }
  return matched;
}

function oneOf(expected: string | readonly string[], actual: string): boolean {
  return typeof expected === 'string' ? expected === actual : expected.includes(actual);
}

function valueMatches(expected: string, actual: string): boolean {
  return isRegexLiteral(expected) ? compile(expected.slice(1, -1)).test(actual) : expected === actual;
}

// Patterns come from the frozen config, so compiling each once is enough.
const compiled = new Map<string, RegExp>();
function compile(pattern: string): RegExp {
  let regex = compiled.get(pattern);
  if (regex === undefined) {
    regex = new RegExp(pattern, 'i');
    compiled.set(pattern, regex);
  }
  return regex;
}
