import { describe, expect, it } from 'vitest';
import { createRequestIds } from './request-ids.js';

describe('createRequestIds', () => {
  it('gives req_ and 32 hex digits, never the same twice, across pool refills', () => {
    const next = createRequestIds();
    const seen = new Set<string>();
    for (let i = 0; i < 2_000; i++) {
      const id = next();
      expect(id).toMatch(/^req_[0-9a-f]{32}$/);
      seen.add(id);
    }
    expect(seen.size).toBe(2_000);
  });

  it('draws independently per generator', () => {
    expect(createRequestIds()()).not.toBe(createRequestIds()());
  });
});
