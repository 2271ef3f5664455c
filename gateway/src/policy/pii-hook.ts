import type { HookReport, RequestHook } from './hook-contract.js';
import { PII_KINDS, type PiiKind } from './pii-patterns.js';
import type { PiiRedactOptions, PiiSummary } from './pii-redactor.js';
import { redactCanonicalRequest } from './redact-canonical-request.js';
import { redactRawBody } from './redact-raw-body.js';

export const PII_HOOK_NAME = 'pii';

/**
 * The request-phase PII hook. It rewrites both forms of the request: the canonical one
 * (cross-protocol translation, routing, cache keys, the trace) and the raw body that
 * same-protocol traffic forwards upstream. Run it before anything is sent or recorded.
 *
 * The report counts each value once per request: the same text sits in both forms, so per
 * kind it takes the larger of the two counts (the raw body can carry text the canonical
 * request drops, such as Responses-style `input`).
 */
export function createPiiHook(options: PiiRedactOptions = {}): RequestHook {
  return {
    name: PII_HOOK_NAME,
    onRequest({ request, body }) {
      const canonical = redactCanonicalRequest(request, options);
      const raw = redactRawBody(body, options);
      const report: HookReport = { hook: PII_HOOK_NAME, findings: mergeFindings(canonical, raw) };
      if (report.findings.length === 0) return { action: 'allow' };
      const blocked = PII_KINDS.filter((k) => canonical.blocked.includes(k) || raw.blocked.includes(k));
      if (blocked.length > 0) {
        return { action: 'deny', hook: PII_HOOK_NAME, reason: `The request contains ${blocked.join(', ')} data, which policy does not allow.`, report };
      }
      return { action: 'transform', value: { request: canonical.request, body: raw.body }, report };
    },
  };
}

function mergeFindings(a: PiiSummary, b: PiiSummary): HookReport['findings'] {
  return PII_KINDS.flatMap((kind: PiiKind) => {
    const count = Math.max(countOf(a, kind), countOf(b, kind));
    return count === 0 ? [] : [{ kind, count }];
  });
}

function countOf(summary: PiiSummary, kind: PiiKind): number {
  return summary.findings.find((f) => f.kind === kind)?.count ?? 0;
}
