import { randomUUID } from 'node:crypto';
import type { Principal } from '../../auth/key-authenticator.js';
import type { Deps } from '../../deps.js';
import { GatewayError } from '../../errors/gateway-error.js';
import { RateLimitStoreUnavailable, rateLimitHeaders, reserveWithQueue, type BucketReport, type Reservation, type RateLimiter } from '../../ratelimit/index.js';
import type { Usage } from '../../canonical/types.js';
import type { RateLimitTrace, Trace } from '../../trace/trace.js';
import { admissionBuckets, targetBuckets, tierOf } from '../rate-limit-plan.js';

/**
 * The rate-limit side of one request: reserve-then-settle. Admission reserves the estimate
 * in the key and tenant buckets (waiting up to the tier's queueMs); each upstream tried
 * reserves in its model buckets; settle, after the response, gives back or charges the
 * difference with the real usage — the served attempt's, zero for the others.
 */
export class RequestRateLimit {
  private readonly reservations: Array<{ reservation: Reservation; target?: string }> = [];
  private reports: BucketReport[] = [];
  private settled = false;

  constructor(
    private readonly deps: Deps & { rateLimiter: RateLimiter },
    private readonly principal: Principal,
    private readonly estimate: { inputTokens: number; outputTokens: number },
    private readonly trace: Trace,
  ) {}

  /** Takes the admission buckets or throws 429 (refused) / 503 (store down, fail-closed). */
  async admit(): Promise<void> {
    const config = this.deps.config.raw.rateLimits;
    const buckets = admissionBuckets(config, this.principal);
    const tier = tierOf(config, this.principal.tenant);
    const record: RateLimitTrace = { tier: tier?.name ?? null, estimate: this.estimate, checked: buckets.map((b) => b.key), reserved: [], settled: [] };
    this.trace.rateLimit = record;
    if (buckets.length === 0) return;
    const result = await reserveWithQueue(this.deps.rateLimiter, { buckets, ...this.estimate, reservationId: randomUUID() }, { maxWaitMs: tier?.tier.queueMs ?? 0 }).catch(storeDown);
    this.reports = result.buckets;
    if (result.queuedMs > 0) Object.assign(record, { queuedMs: result.queuedMs });
    if (!result.ok) {
      Object.assign(record, { refused: { ...result.limitedBy, retryAfterMs: result.retryAfterMs, requestTooLarge: result.requestTooLarge } });
      const what = `${result.limitedBy.dimension.replace('_', ' ')} limit of ${result.limitedBy.key}`;
      throw new GatewayError(
        'rate_limited',
        result.requestTooLarge
          ? `Request too large for the ${what}: it can never fit; lower max_tokens or the prompt.`
          : `Rate limit reached: the ${what} is used up. Try again in ${Math.ceil(result.retryAfterMs / 1000)} s.`,
        { retryAfterSeconds: Math.max(1, Math.ceil(result.retryAfterMs / 1000)) },
      );
    }
    if (result.degraded === true) Object.assign(record, { degraded: true });
    record.reserved.push(result.reservation);
    this.reservations.push({ reservation: result.reservation });
  }

  /** Takes one upstream's model buckets; false (and why) when they are full: the chain skips it. */
  async enterTarget(target: string): Promise<{ ok: true } | { ok: false; why: string }> {
    const buckets = targetBuckets(this.deps.config.raw.rateLimits, this.principal, target);
    if (buckets.length === 0) return { ok: true };
    const result = await this.deps.rateLimiter.reserve({ buckets, ...this.estimate, reservationId: randomUUID() }).catch(storeDown);
    this.reports = [...this.reports, ...result.buckets];
    if (!result.ok) return { ok: false, why: `rate limit: ${result.limitedBy.dimension} of ${result.limitedBy.key} (room in ${result.retryAfterMs} ms)` };
    this.trace.rateLimit?.checked.push(...buckets.map((b) => b.key));
    this.trace.rateLimit?.reserved.push(result.reservation);
    this.reservations.push({ reservation: result.reservation, target });
    return { ok: true };
  }

  /** x-ratelimit-* headers from the most restrictive bucket checked (plus Retry-After on refusal). */
  headers(retryAfterMs?: number): Record<string, string> {
    return this.reports.length === 0 ? {} : rateLimitHeaders(this.reports, retryAfterMs);
  }

  /**
   * After the response: settle every reservation with what was really used. Never blocks the
   * response and never throws (a store failure is the limiter's to count and report).
   */
  settle(usage: Usage | undefined, servedBy: string | undefined): void {
    if (this.settled) return;
    this.settled = true;
    for (const { reservation, target } of this.reservations) {
      const used = target === undefined || target === servedBy ? usage : undefined;
      const actual = { inputTokens: used?.inputTokens ?? 0, outputTokens: used?.outputTokens ?? 0 };
      this.trace.rateLimit?.settled.push({ id: reservation.id, ...actual });
      this.deps.rateLimiter.settle({ reservation, ...actual }).catch((error: unknown) => this.deps.logger.warn({ err: error }, 'rate-limit settle failed'));
    }
  }
}

/** Fail-closed: the store is down and the policy says no request goes unchecked. */
function storeDown(error: unknown): never {
  if (error instanceof RateLimitStoreUnavailable) {
    throw new GatewayError('rate_limit_store_unavailable', 'The rate-limit store is unreachable and this gateway is configured to refuse requests it cannot count.', { cause: error, retryAfterSeconds: 1 });
  }
  throw error;
}
