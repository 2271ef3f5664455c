import type { CanonicalResponse } from '../canonical/types.js';
import type {
  AllowVerdict,
  DenyVerdict,
  HookReport,
  RequestHook,
  RequestHookInput,
  ResponseHook,
  StreamFilterResult,
  StreamTextFilter,
} from './hook-contract.js';

/** The outcome of a whole hook list: allow (possibly transformed) or the first deny. */
export interface RequestHooksOutcome {
  verdict: AllowVerdict | DenyVerdict;
  /** After every transform that ran; on deny, as far as the chain got. */
  request: RequestHookInput['request'];
  body: RequestHookInput['body'];
  /** One per hook that transformed, in order, then the denying hook's report if it gave one. For the trace. */
  reports: HookReport[];
}

export interface ResponseHooksOutcome {
  verdict: AllowVerdict | DenyVerdict;
  response: CanonicalResponse;
  reports: HookReport[];
}

/** Runs request hooks in order: each sees the previous one's output; the first deny ends the run. */
export function runRequestHooks(hooks: readonly RequestHook[], input: RequestHookInput): RequestHooksOutcome {
  let { request, body } = input;
  const reports: HookReport[] = [];
  for (const hook of hooks) {
    const verdict = hook.onRequest({ ...input, request, body });
    if (verdict.action === 'deny') {
      if (verdict.report !== undefined) reports.push(verdict.report);
      return { verdict, request, body, reports };
    }
    if (verdict.action === 'transform') {
      ({ request, body } = verdict.value);
      reports.push(verdict.report);
    }
  }
  return { verdict: { action: 'allow' }, request, body, reports };
}

/** Runs response hooks on a whole (JSON) response, like `runRequestHooks`. */
export function runResponseHooks(hooks: readonly ResponseHook[], response: CanonicalResponse): ResponseHooksOutcome {
  let current = response;
  const reports: HookReport[] = [];
  for (const hook of hooks) {
    const verdict = hook.onResponse(current);
    if (verdict.action === 'deny') {
      if (verdict.report !== undefined) reports.push(verdict.report);
      return { verdict, response: current, reports };
    }
    if (verdict.action === 'transform') {
      current = verdict.value;
      reports.push(verdict.report);
    }
  }
  return { verdict: { action: 'allow' }, response: current, reports };
}

/**
 * Chains stream filters: what one emits is pushed into the next, so the last one's output is
 * what the client may see. The windows add up (each filter holds its own). The first deny
 * ends the chain; when one filter truncates, the filters after it are flushed and ended and
 * the chain stops taking input.
 */
export function composeStreamFilters(filters: readonly StreamTextFilter[]): StreamTextFilter {
  let terminal: StreamFilterResult | undefined;
  const finish = (result: StreamFilterResult): StreamFilterResult => {
    terminal = result.verdict !== undefined ? { emit: '', verdict: result.verdict } : { emit: '', ...(result.truncated === true ? { truncated: true } : {}) };
    return result.verdict !== undefined ? { emit: '', verdict: result.verdict } : result;
  };
  /** Pushes `carry` through filters[from..], ending each so it releases what it holds. */
  const drain = (from: number, carry: string, truncated: boolean): StreamFilterResult => {
    for (const filter of filters.slice(from)) {
      const pushed = carry === '' ? { emit: '' } : filter.push(carry);
      if (pushed.verdict !== undefined) return pushed;
      const ended = filter.end();
      if (ended.verdict !== undefined) return ended;
      truncated ||= pushed.truncated === true || ended.truncated === true;
      carry = pushed.emit + ended.emit;
    }
    return truncated ? { emit: carry, truncated } : { emit: carry };
  };

  return {
    push(text) {
      if (terminal !== undefined) return terminal;
      let carry = text;
      for (const [i, filter] of filters.entries()) {
        const r = filter.push(carry);
        if (r.verdict !== undefined) return finish(r);
        if (r.truncated === true) return finish(drain(i + 1, r.emit, true));
        carry = r.emit;
      }
      return { emit: carry };
    },
    end() {
      if (terminal !== undefined) return terminal;
      return finish(drain(0, '', false));
    },
  };
}
