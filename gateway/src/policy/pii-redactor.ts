import { PII_DETECTORS, PII_KINDS, type PiiDetector, type PiiKind } from './pii-patterns.js';
import type { PiiSpan } from './pii-finders.js';

/**
 * `redactText` is the one place text is rewritten; the walkers (canonical request, raw body,
 * JSON text) only decide which strings to hand it. It is pure: same text and options, same
 * result, and the result never contains a matched value (not even in `block` mode, so a
 * caller that forgets to act on `blocked` still leaks nothing).
 */

export const PII_MODES = ['redact', 'mask', 'block'] as const;
export type PiiMode = (typeof PII_MODES)[number];

export interface PiiRedactOptions {
  /** Kinds to look for; default all. */
  kinds?: readonly PiiKind[];
  /** Mode for every kind without its own entry in `modes`; default `redact`. */
  mode?: PiiMode;
  modes?: Partial<Record<PiiKind, PiiMode>>;
}

export interface PiiFinding {
  kind: PiiKind;
  count: number;
}

export interface PiiSummary {
  /** Per kind, how many values were replaced; kinds in PII_KINDS order, never the values. */
  findings: PiiFinding[];
  /** Kinds found whose mode is `block`: the request must be denied. */
  blocked: PiiKind[];
}

export interface RedactResult extends PiiSummary {
  text: string;
}

export const PII_PLACEHOLDERS: Readonly<Record<PiiKind, string>> = {
  email: '[EMAIL]',
  phone: '[PHONE]',
  card: '[CARD]',
  iban: '[IBAN]',
  ssn: '[SSN]',
  ip: '[IP]',
  secret: '[SECRET]',
};

interface Claim extends PiiSpan {
  detector: PiiDetector;
}

/** Index of the first claim ending after `at`; claims are disjoint and sorted, so ends are too. */
function firstEndingAfter(sorted: readonly Claim[], at: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid]?.end ?? 0) > at) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Every detector's spans; on overlap the earlier detector (then the earlier, longer span)
 * wins. Kept sorted with a binary search so a log dump full of IPs stays linearithmic.
 */
function claims(text: string, kinds: ReadonlySet<PiiKind>): Claim[] {
  const accepted: Claim[] = [];
  for (const detector of PII_DETECTORS) {
    if (!kinds.has(detector.kind)) continue;
    const spans = detector.find(text).sort((a, b) => a.start - b.start || b.end - a.end);
    for (const span of spans) {
      const i = firstEndingAfter(accepted, span.start);
      const next = accepted[i];
      if (next !== undefined && next.start < span.end) continue;
      accepted.splice(i, 0, { ...span, detector });
    }
  }
  return accepted;
}

export function redactText(text: string, options: PiiRedactOptions = {}): RedactResult {
  const redactor = createTextRedactor(options);
  return { text: redactor.redact(text), ...redactor.summary() };
}

export interface TextRedactor {
  /** Redacts one string and adds what it found to the running summary. */
  redact(text: string): string;
  summary(): PiiSummary;
}

/** A redactor that tallies findings over many strings (one request's worth). */
export function createTextRedactor(options: PiiRedactOptions = {}): TextRedactor {
  const kinds = new Set<PiiKind>(options.kinds ?? PII_KINDS);
  const modeOf = (kind: PiiKind): PiiMode => options.modes?.[kind] ?? options.mode ?? 'redact';
  const counts = new Map<PiiKind, number>();
  return {
    redact(text) {
      // Every detector needs at least two characters of structure; skip the scan for tiny strings.
      if (text.length < 2) return text;
      const found = claims(text, kinds);
      if (found.length === 0) return text;
      let out = '';
      let at = 0;
      for (const claim of found) {
        const { kind } = claim.detector;
        const value = text.slice(claim.start, claim.end);
        out += text.slice(at, claim.start) + (modeOf(kind) === 'mask' ? claim.detector.mask(value) : PII_PLACEHOLDERS[kind]);
        at = claim.end;
        counts.set(kind, (counts.get(kind) ?? 0) + 1);
      }
      return out + text.slice(at);
    },
    summary() {
      const findings = PII_KINDS.flatMap((kind) => {
        const count = counts.get(kind);
        return count === undefined ? [] : [{ kind, count }];
      });
      return { findings, blocked: findings.filter((f) => modeOf(f.kind) === 'block').map((f) => f.kind) };
    },
  };
}
