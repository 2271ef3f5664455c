import type { DenyVerdict, StreamFilterResult, StreamTextFilter } from './hook-contract.js';
import { streamWindow, type DenyPattern } from './deny-patterns.js';

export interface WindowedFilterOptions {
  hook: string;
  patterns: readonly DenyPattern[];
  maxLength?: number;
  onViolation: 'deny' | 'truncate';
}

/**
 * Where a pattern first matches in `context + text`, ignoring matches that lie wholly in the
 * context (text already emitted and judged). The context is there so lookbehinds and `\b`
 * at the start of the window see the real preceding characters, not a string start.
 * Unless `final`, a regex match ending at the very end may still grow or vanish with the next
 * chunk, so it is deferred, provided it is short enough to still be held back.
 */
export function findDenied(patterns: readonly DenyPattern[], context: string, text: string, final: boolean, window: number): DenyPattern | undefined {
  const scanned = context + text;
  for (const pattern of patterns) {
    const re = new RegExp(pattern.regex);
    for (let m = re.exec(scanned); m !== null; m = re.exec(scanned)) {
      const end = m.index + m[0].length;
      if (m[0] === '') re.lastIndex = m.index + 1;
      if (end <= context.length || m[0] === '') continue;
      if (!final && !pattern.literal && end === scanned.length && m[0].length <= window) continue;
      return pattern;
    }
  }
  return undefined;
}

/** Moves a cut point back by one when it would split a surrogate pair (an emoji sent as two halves). */
export function wholeCharCut(text: string, index: number): number {
  if (index <= 0 || index >= text.length) return index;
  const code = text.charCodeAt(index - 1);
  return code >= 0xd800 && code <= 0xdbff ? index - 1 : index;
}

export function patternDenial(hook: string, pattern: DenyPattern): DenyVerdict {
  return { action: 'deny', hook, reason: `The response matched deny pattern #${pattern.index + 1} of the output filter.`, report: { hook, findings: [{ kind: 'deny_pattern', count: 1 }] } };
}

export function lengthDenial(hook: string, maxLength: number): DenyVerdict {
  return { action: 'deny', hook, reason: `The response is longer than ${maxLength} characters.`, report: { hook, findings: [{ kind: 'max_length', count: 1 }] } };
}

/**
 * A stream filter that holds back the newest `window` characters (see `streamWindow`): a
 * deny pattern split across chunks is matched whole before any of it is emitted. The cost is
 * latency, not throughput: the client sees each character `window` characters later than it
 * would have (about window / 4 tokens; 15 characters ≈ 4 tokens ≈ 80 ms at 50 tokens/s), and
 * the held text is flushed by `end()`. With no patterns the window is 0 and text flows as is.
 */
export function createWindowedStreamFilter(options: WindowedFilterOptions): StreamTextFilter {
  const { hook, patterns, maxLength, onViolation } = options;
  const window = streamWindow(patterns);
  let held = '';
  let context = '';
  let seen = 0;
  let emitted = 0;
  let terminal: StreamFilterResult | undefined;

  const stop = (result: StreamFilterResult): StreamFilterResult => {
    terminal = { emit: '', ...(result.verdict === undefined ? {} : { verdict: result.verdict }), ...(result.truncated === true ? { truncated: true } : {}) };
    held = '';
    return result;
  };
  const release = (text: string): string => {
    emitted += text.length;
    context = window === 0 ? '' : (context + text).slice(-window);
    return text;
  };

  return {
    push(text) {
      if (terminal !== undefined) return terminal;
      const buffer = held + text;
      seen += text.length;
      const denied = findDenied(patterns, context, buffer, false, window);
      if (denied !== undefined) return stop({ emit: '', verdict: patternDenial(hook, denied) });
      if (maxLength !== undefined && seen > maxLength) {
        if (onViolation === 'deny') return stop({ emit: '', verdict: lengthDenial(hook, maxLength) });
        // Nothing after the cut will ever be sent, so what remains is judged as final text.
        const kept = buffer.slice(0, wholeCharCut(buffer, maxLength - emitted));
        const late = findDenied(patterns, context, kept, true, window);
        if (late !== undefined) return stop({ emit: '', verdict: patternDenial(hook, late) });
        return stop({ emit: release(kept), truncated: true });
      }
      const cut = wholeCharCut(buffer, Math.max(0, buffer.length - window));
      held = buffer.slice(cut);
      return { emit: release(buffer.slice(0, cut)) };
    },
    end() {
      if (terminal !== undefined) return terminal;
      const denied = findDenied(patterns, context, held, true, window);
      if (denied !== undefined) return stop({ emit: '', verdict: patternDenial(hook, denied) });
      const rest = held;
      stop({ emit: '' });
      return { emit: release(rest) };
    },
  };
}
