import { describe, expect, it } from 'vitest';
import { DEFAULT_BREAKER_SETTINGS, resolveBreakerSettings, type BreakerOverrides } from './breaker-config.js';

describe('DEFAULT_BREAKER_SETTINGS', () => {
  it('holds the documented defaults and is frozen', () => {
    expect(DEFAULT_BREAKER_SETTINGS).toEqual({
      consecutiveFailures: 5,
      errorRate: { threshold: 0.5, windowMs: 30_000, minRequests: 20 },
      openMs: 30_000,
      halfOpenProbes: 1,
      successesToClose: 1,
    });
    expect(Object.isFrozen(DEFAULT_BREAKER_SETTINGS)).toBe(true);
    expect(Object.isFrozen(DEFAULT_BREAKER_SETTINGS.errorRate)).toBe(true);
  });
});

describe('resolveBreakerSettings', () => {
  it('merges errorRate field by field and ignores explicit undefined', () => {
    const settings = resolveBreakerSettings({ openMs: 5_000, consecutiveFailures: undefined, errorRate: { minRequests: 3 } });
    expect(settings).toEqual({ ...DEFAULT_BREAKER_SETTINGS, openMs: 5_000, errorRate: { ...DEFAULT_BREAKER_SETTINGS.errorRate, minRequests: 3 } });
    expect(Object.isFrozen(settings)).toBe(true);
  });

  it('merges over the given base', () => {
    const base = resolveBreakerSettings({ halfOpenProbes: 3 });
    expect(resolveBreakerSettings({ successesToClose: 2 }, base)).toMatchObject({ halfOpenProbes: 3, successesToClose: 2 });
  });

  it.each<[string, BreakerOverrides]>([
    ['consecutiveFailures', { consecutiveFailures: 0 }],
    ['consecutiveFailures', { consecutiveFailures: 1.5 }],
    ['errorRate.threshold', { errorRate: { threshold: 0 } }],
    ['errorRate.threshold', { errorRate: { threshold: 1.1 } }],
    ['errorRate.threshold', { errorRate: { threshold: Number.NaN } }],
    ['errorRate.windowMs', { errorRate: { windowMs: 0 } }],
    ['errorRate.minRequests', { errorRate: { minRequests: 0 } }],
    ['openMs', { openMs: -1 }],
    ['openMs', { openMs: Number.POSITIVE_INFINITY }],
    ['halfOpenProbes', { halfOpenProbes: 0 }],
    ['successesToClose', { successesToClose: 0 }],
  ])('rejects a bad %s, naming it and the label', (path, overrides) => {
    expect(() => resolveBreakerSettings(overrides, undefined, 'breaker settings for a/b')).toThrow(
      new RegExp(`^breaker settings for a/b: ${path.replace('.', '\\.')} must be`),
    );
  });
});
