import type { AssistantPart, CanonicalResponse } from '../canonical/types.js';
import type { ResponseHook } from './hook-contract.js';
import { compileDenyPattern } from './deny-patterns.js';
import { createWindowedStreamFilter, findDenied, lengthDenial, patternDenial, wholeCharCut } from './windowed-stream-filter.js';

export const OUTPUT_FILTER_HOOK_NAME = 'output-filter';

export interface OutputFilterOptions {
  /** Literal strings, or `/regex/flags`. */
  deny: readonly string[];
  /** Characters of response text (text parts; tool-call arguments are not counted). */
  maxLength?: number;
  /** What exceeding `maxLength` does; deny-list matches always deny. Default `deny`. */
  onViolation?: 'deny' | 'truncate';
  /** Default true: a deny-list is about words, whatever their case. */
  caseInsensitive?: boolean;
  /** Assumed longest match of a regex pattern, which is also the stream window; default 64. */
  maxMatchLength?: number;
}

/**
 * The response-phase output filter: deny-list patterns and a length limit. JSON responses
 * are judged whole (text parts joined, and each tool call's arguments); streams through a
 * windowed filter (one per stream) that never emits any of a matching text.
 */
export function createOutputFilter(options: OutputFilterOptions): ResponseHook {
  const hook = OUTPUT_FILTER_HOOK_NAME;
  const patternOptions = { caseInsensitive: options.caseInsensitive ?? true, maxMatchLength: options.maxMatchLength ?? 64 };
  const patterns = options.deny.map((p, i) => compileDenyPattern(p, i, patternOptions));
  const onViolation = options.onViolation ?? 'deny';
  const { maxLength } = options;

  return {
    name: hook,
    onResponse(response) {
      const text = response.content.map((p) => (p.type === 'text' ? p.text : '')).join('');
      const args = response.content.flatMap((p) => (p.type === 'tool_call' ? [p.arguments] : []));
      for (const scanned of [text, ...args]) {
        const denied = findDenied(patterns, '', scanned, true, 0);
        if (denied !== undefined) return patternDenial(hook, denied);
      }
      if (maxLength === undefined || text.length <= maxLength) return { action: 'allow' };
      if (onViolation === 'deny') return lengthDenial(hook, maxLength);
      return {
        action: 'transform',
        value: truncateResponse(response, maxLength),
        report: { hook, findings: [{ kind: 'truncated', count: 1 }] },
      };
    },
    createStreamFilter() {
      return createWindowedStreamFilter({ hook, patterns, onViolation, ...(maxLength === undefined ? {} : { maxLength }) });
    },
  };
}

/**
 * Cuts text parts down to `maxLength` characters in all (tool calls are kept) and reports
 * the stop as `max_tokens`: the client sees a length stop, which is what happened.
 */
function truncateResponse(response: CanonicalResponse, maxLength: number): CanonicalResponse {
  let budget = maxLength;
  const content: AssistantPart[] = [];
  for (const part of response.content) {
    if (part.type !== 'text') {
      content.push(part);
      continue;
    }
    if (budget <= 0) continue;
    const text = part.text.slice(0, wholeCharCut(part.text, budget));
    budget = text.length < part.text.length ? 0 : budget - text.length;
    content.push({ ...part, text });
  }
  const { stopSequence: _dropped, ...rest } = response;
  return { ...rest, content, stopReason: 'max_tokens' };
}
