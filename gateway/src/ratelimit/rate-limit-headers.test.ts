import { describe, expect, it } from 'vitest';
import { formatResetDuration, rateLimitHeaders } from './rate-limit-headers.js';
import type { BucketReport } from './types.js';

const report = (key: string, dimension: BucketReport['dimension'], limit: number, remaining: number, resetMs: number): BucketReport => ({
  key,
  dimension,
  limit,
  remaining,
  resetMs,
});

describe('formatResetDuration', () => {
  it.each([
    [0, '0s'],
    [20, '20ms'],
    [999, '999ms'],
    [0.4, '1ms'],
    [1_000, '1s'],
    [1_500, '1.5s'],
    [1_020, '1.02s'],
    [59_999, '59.999s'],
    [360_000, '6m0s'],
    [179_560, '2m59.56s'],
    [3_600_000, '1h0m0s'],
    [3_723_004, '1h2m3.004s'],
    [-5, '0s'],
  ])('%s ms → %s', (ms, text) => {
    expect(formatResetDuration(ms)).toBe(text);
  });
});

describe('rateLimitHeaders', () => {
  it('shows the most restrictive bucket per family', () => {
    const headers = rateLimitHeaders([
      report('key:k', 'requests', 100, 40, 36_000),
      report('tenant:t', 'requests', 1_000, 40, 57_600),
      report('tenant:t', 'tokens', 100_000, 5_000, 57_000),
      report('model:m', 'output_tokens', 10_000, 900, 54_600),
      report('key:k', 'concurrent', 4, 0, 0),
    ]);
    expect(headers).toEqual({
      'x-ratelimit-limit-requests': '1000',
      'x-ratelimit-remaining-requests': '40',
      'x-ratelimit-reset-requests': '57.6s',
      'x-ratelimit-limit-tokens': '10000',
      'x-ratelimit-remaining-tokens': '900',
      'x-ratelimit-reset-tokens': '54.6s',
    });
  });

  it('never shows a negative remaining', () => {
    const headers = rateLimitHeaders([report('k', 'tokens', 600, -200, 80_000)]);
    expect(headers['x-ratelimit-remaining-tokens']).toBe('0');
    expect(headers['x-ratelimit-reset-tokens']).toBe('1m20s');
  });

  it('adds Retry-After in whole seconds (at least 1) and the exact retry-after-ms for a refusal', () => {
    expect(rateLimitHeaders([], 1_200)).toEqual({ 'retry-after': '2', 'retry-after-ms': '1200' });
    expect(rateLimitHeaders([], 0)).toEqual({ 'retry-after': '1', 'retry-after-ms': '0' });
    expect(rateLimitHeaders([], 60_000)['retry-after']).toBe('60');
  });

  it('leaves out a family no bucket limits', () => {
    expect(rateLimitHeaders([report('k', 'concurrent', 2, 1, 0)])).toEqual({});
  });
});
