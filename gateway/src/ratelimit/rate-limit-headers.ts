import type { BucketReport } from './types.js';

/**
 * OpenAI-style rate-limit headers, so clients and SDKs that pace themselves on OpenAI's
 * headers work unchanged (https://platform.openai.com/docs/guides/rate-limits#rate-limits-in-headers).
 * Each family shows the most restrictive bucket: the fewest units left, then the longest reset.
 * The -tokens family covers total, input and output token limits alike, since OpenAI has
 * only the one. A dimension no bucket limits gets no headers.
 *
 * For a refusal pass retryAfterMs: Retry-After is whole seconds, rounded up (RFC 9110 §10.2.3),
 * and retry-after-ms gives the exact wait, which the official OpenAI SDKs honour first.
 */
export function rateLimitHeaders(reports: readonly BucketReport[], retryAfterMs?: number): Record<string, string> {
  const headers: Record<string, string> = {};
  const requests = mostRestrictive(reports.filter((r) => r.dimension === 'requests'));
  if (requests !== undefined) addFamily(headers, 'requests', requests);
  const tokens = mostRestrictive(reports.filter((r) => r.dimension === 'tokens' || r.dimension === 'input_tokens' || r.dimension === 'output_tokens'));
  if (tokens !== undefined) addFamily(headers, 'tokens', tokens);
  if (retryAfterMs !== undefined) {
    const ms = Math.max(0, Math.ceil(retryAfterMs));
    headers['retry-after'] = String(Math.max(1, Math.ceil(ms / 1000)));
    headers['retry-after-ms'] = String(ms);
  }
  return headers;
}

function mostRestrictive(reports: readonly BucketReport[]): BucketReport | undefined {
  let worst: BucketReport | undefined;
  for (const r of reports) {
    if (worst === undefined || r.remaining < worst.remaining || (r.remaining === worst.remaining && r.resetMs > worst.resetMs)) worst = r;
  }
  return worst;
}

function addFamily(headers: Record<string, string>, family: 'requests' | 'tokens', report: BucketReport): void {
  headers[`x-ratelimit-limit-${family}`] = String(report.limit);
  // A bucket paying off an under-estimate is negative inside; clients expect 0 at least.
  headers[`x-ratelimit-remaining-${family}`] = String(Math.max(0, report.remaining));
  headers[`x-ratelimit-reset-${family}`] = formatResetDuration(report.resetMs);
}

/**
 * A duration the way OpenAI writes it, which is Go's time.Duration format: "20ms", "1s",
 * "1.5s", "6m0s", "1h2m3s" (milliseconds are the finest unit here).
 */
export function formatResetDuration(ms: number): string {
  const total = Math.max(0, Math.ceil(ms));
  if (total === 0) return '0s';
  if (total < 1000) return `${total}ms`;
  const hours = Math.floor(total / 3_600_000);
  const minutes = Math.floor((total % 3_600_000) / 60_000);
  const secondsMs = total % 60_000;
  const fraction = secondsMs % 1000 === 0 ? '' : `.${String(secondsMs % 1000).padStart(3, '0').replace(/0+$/, '')}`;
  const seconds = `${Math.floor(secondsMs / 1000)}${fraction}s`;
  if (hours > 0) return `${hours}h${minutes}m${seconds}`;
  if (minutes > 0) return `${minutes}m${seconds}`;
  return seconds;
}
