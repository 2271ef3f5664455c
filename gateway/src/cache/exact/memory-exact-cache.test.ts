import { describe, expect, it } from 'vitest';
import type { CachedAnswer } from './exact-cache-store.js';
import { MemoryExactCache } from './memory-exact-cache.js';

const answer = (text: string): CachedAnswer => ({
  response: { id: 'r1', model: 'gpt-4o-mini', content: [{ type: 'text', text }], stopReason: 'end', usage: { inputTokens: 3, outputTokens: 5 } },
  storedAt: 0,
  model: 'openai/gpt-4o-mini',
  requestedModel: 'fast',
});
/** Serialized size of an entry as the store counts it (key + JSON, UTF-8). */
const size = (key: string, text: string) => Buffer.byteLength(key) + Buffer.byteLength(JSON.stringify(answer(text)));

function setup(options: ConstructorParameters<typeof MemoryExactCache>[0] = {}) {
  const clock = { t: 1_000 };
  return { clock, cache: new MemoryExactCache({ ...options, now: () => clock.t }) };
}

describe('MemoryExactCache', () => {
  it('expires an entry exactly at its TTL', async () => {
    const { clock, cache } = setup();
    await cache.set('k', answer('a'), 100, 't');
    clock.t += 99;
    expect(await cache.get('k')).toEqual(answer('a'));
    clock.t += 1;
    expect(await cache.get('k')).toBeUndefined();
    expect(cache.stats()).toEqual({ entries: 0, bytes: 0, tenants: 0, evictions: 0 });
  });

  it('hands out copies', async () => {
    const { cache } = setup();
    await cache.set('k', answer('a'), 100, 't');
    const got = await cache.get('k');
    if (got?.response.content[0]?.type === 'text') got.response.content[0].text = 'changed';
    expect(await cache.get('k')).toEqual(answer('a'));
  });

  it('evicts the least recently used entry of the tenant over its byte bound', async () => {
    const one = size('k1', 'x'.repeat(100));
    const { cache } = setup({ maxBytesPerTenant: one * 2 + 10 });
    await cache.set('k1', answer('x'.repeat(100)), 1_000, 'a');
    await cache.set('k2', answer('y'.repeat(100)), 1_000, 'a');
    await cache.set('o1', answer('z'.repeat(100)), 1_000, 'b');
    await cache.get('k1'); // k1 is now more recent than k2
    await cache.set('k3', answer('w'.repeat(100)), 1_000, 'a');
    expect(await cache.get('k2')).toBeUndefined();
    expect(await cache.get('k1')).toBeDefined();
    expect(await cache.get('k3')).toBeDefined();
    expect(await cache.get('o1')).toBeDefined();
    expect(cache.stats()).toMatchObject({ entries: 3, tenants: 2, evictions: 1 });
  });

  it('bounds the entry count per tenant', async () => {
    const { cache } = setup({ maxEntriesPerTenant: 2 });
    for (const key of ['k1', 'k2', 'k3']) await cache.set(key, answer(key), 1_000, 'a');
    expect(await cache.get('k1')).toBeUndefined();
    expect(cache.stats().entries).toBe(2);
  });

  it('then evicts globally, least recently used of any tenant first', async () => {
    const one = size('k1', 'x'.repeat(100));
    const { cache } = setup({ maxBytes: one * 3 + 10, maxBytesPerTenant: one * 3 + 10 });
    await cache.set('a1', answer('x'.repeat(100)), 1_000, 'a');
    await cache.set('b1', answer('x'.repeat(100)), 1_000, 'b');
    await cache.set('a2', answer('x'.repeat(100)), 1_000, 'a');
    await cache.get('a1');
    await cache.set('c1', answer('x'.repeat(100)), 1_000, 'c');
    expect(await cache.get('b1')).toBeUndefined();
    for (const key of ['a1', 'a2', 'c1']) expect(await cache.get(key)).toBeDefined();
    expect(cache.stats().bytes).toBe(one * 3);
  });

  it('does not keep an entry larger than the tenant bound, and drops the one it replaces', async () => {
    const { cache } = setup({ maxBytesPerTenant: 1_000 });
    await cache.set('k', answer('small'), 1_000, 'a');
    await cache.set('k', answer('x'.repeat(2_000)), 1_000, 'a');
    expect(await cache.get('k')).toBeUndefined();
    expect(cache.stats()).toMatchObject({ entries: 0, bytes: 0 });
  });

  it('replaces an entry in place, counting its bytes once', async () => {
    const { cache } = setup();
    await cache.set('k', answer('a'), 1_000, 't');
    await cache.set('k', answer('b'), 1_000, 't');
    expect(await cache.get('k')).toEqual(answer('b'));
    expect(cache.stats()).toMatchObject({ entries: 1, bytes: size('k', 'b') });
  });

  it('clears one tenant only', async () => {
    const { cache } = setup();
    await cache.set('a1', answer('a'), 1_000, 'a');
    await cache.set('a2', answer('a'), 1_000, 'a');
    await cache.set('b1', answer('b'), 1_000, 'b');
    expect(await cache.clearTenant('a')).toBe(2);
    expect(await cache.get('a1')).toBeUndefined();
    expect(await cache.get('b1')).toBeDefined();
  });

  it('ignores a non-positive TTL and rejects bad bounds', async () => {
    const { cache } = setup();
    await cache.set('k', answer('a'), 0, 't');
    expect(await cache.get('k')).toBeUndefined();
    expect(() => new MemoryExactCache({ maxBytes: 0 })).toThrow(RangeError);
  });
});
