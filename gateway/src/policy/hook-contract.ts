import type { CanonicalRequest, CanonicalResponse } from '../canonical/types.js';

/**
 * The one contract every policy hook implements, for both phases.
 *
 * Hooks are pure and synchronous: they return new values instead of mutating, so the
 * pipeline can keep the original for the trace and run hooks again on a retry. A hook that
 * throws is a bug; the error propagates (the pipeline answers 500, so nothing leaks upstream).
 */

/** What a hook found or changed: kinds and counts only, never the matched values. */
export interface HookFinding {
  kind: string;
  count: number;
}

/** Recorded in the trace for every hook that transformed (or blocked) something. */
export interface HookReport {
  hook: string;
  findings: HookFinding[];
}

export interface AllowVerdict {
  action: 'allow';
}

export interface DenyVerdict {
  action: 'deny';
  /** Safe to show the client: names kinds, patterns' positions in the config or limits, never matched text. */
  reason: string;
  hook: string;
  /** What the hook saw before it denied (e.g. the PII kinds that policy blocks), for the trace. */
  report?: HookReport;
}

export interface TransformVerdict<T> {
  action: 'transform';
  value: T;
  report: HookReport;
}

export type HookVerdict<T> = AllowVerdict | DenyVerdict | TransformVerdict<T>;

/**
 * The request phase sees both forms of the request: the canonical one (routing,
 * cross-protocol translation, the trace) and the client's raw body, which same-protocol
 * traffic forwards upstream as is. A text transform must rewrite both or the raw body leaks.
 */
export interface RequestHookInput {
  request: CanonicalRequest;
  body: Record<string, unknown>;
  tenant: string;
  /** The resolved target, `provider/model` (the model allow-list checks this). */
  model: string;
}

export interface RequestHookValue {
  request: CanonicalRequest;
  body: Record<string, unknown>;
}

export interface RequestHook {
  readonly name: string;
  onRequest(input: RequestHookInput): HookVerdict<RequestHookValue>;
}

/** What a stream filter lets through for one pushed chunk (or at the end). */
export interface StreamFilterResult {
  /** Text that is safe to send to the client now (may be empty while text is held back). */
  emit: string;
  /** Set once the filter denies: the caller ends the stream with an error event. */
  verdict?: DenyVerdict;
  /** Set once output was cut at a length limit: the caller stops the upstream and finishes the stream. */
  truncated?: boolean;
}

/**
 * A stateful filter over one stream of text (one per stream, or per tool call's arguments).
 * It holds back a short window of the latest text so that a pattern split across chunks is
 * seen whole before any of it is emitted; `end()` flushes what is still held.
 * After a deny or a truncation it is terminal: later pushes emit nothing.
 */
export interface StreamTextFilter {
  push(text: string): StreamFilterResult;
  end(): StreamFilterResult;
}

export interface ResponseHook {
  readonly name: string;
  onResponse(response: CanonicalResponse): HookVerdict<CanonicalResponse>;
  createStreamFilter(): StreamTextFilter;
}
