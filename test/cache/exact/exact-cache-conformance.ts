import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { CanonicalRequest } from '../../../gateway/src/canonical/types.js';
import { exactCacheKey, type CachedAnswer, type ExactCacheStore } from '../../../gateway/src/cache/exact/index.js';

/** What a suite may ask of a store under test; everything else is the implementation's default. */
export interface StoreBounds {
  maxEntriesPerTenant?: number;
}
export type ExactCacheStoreFactory = (bounds: StoreBounds) => ExactCacheStore | Promise<ExactCacheStore>;

const request = (text: string): CanonicalRequest => ({
  model: 'openai/gpt-4o-mini',
  messages: [{ role: 'user', content: [{ type: 'text', text }] }],
  temperature: 0,
  stream: false,
});
const answer = (text: string): CachedAnswer => ({
  response: { id: `resp-${text.slice(0, 16)}`, model: 'gpt-4o-mini-2024-07-18', content: [{ type: 'text', text }], stopReason: 'end', usage: { inputTokens: 7, outputTokens: 3 } },
  storedAt: 1_764_000_000_000,
  model: 'openai/gpt-4o-mini',
  requestedModel: 'fast',
});
/** A tenant of its own per test: stores that share a server never see each other's entries. */
const newTenant = () => `tenant-${randomUUID().slice(0, 8)}`;
const keyFor = (tenant: string, text: string) => exactCacheKey(tenant, 'fast', request(text));

/**
 * The contract of ExactCacheStore (see exact-cache-store.ts), run against every implementation.
 * Real time: TTLs are short and the suite waits them out.
 */
export function exactCacheConformance(name: string, factory: ExactCacheStoreFactory): void {
  describe(`ExactCacheStore conformance: ${name}`, () => {
    const opened: ExactCacheStore[] = [];
    const open = async (bounds: StoreBounds = {}) => {
      const store = await factory(bounds);
      opened.push(store);
      return store;
    };
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((store) => store.close()));
    });

    it('misses a key never stored', async () => {
      const store = await open();
      expect(await store.get(keyFor(newTenant(), 'never'))).toBeUndefined();
    });

    it('returns what was stored, as a fresh copy each time', async () => {
      const store = await open();
      const tenant = newTenant();
      const key = keyFor(tenant, 'hello');
      await store.set(key, answer('hello'), 60_000, tenant);
      const first = await store.get(key);
      expect(first).toEqual(answer('hello'));
      if (first !== undefined) first.response.id = 'changed';
      expect(await store.get(key)).toEqual(answer('hello'));
    });

    it('replaces an answer stored under the same key, and deletes it', async () => {
      const store = await open();
      const tenant = newTenant();
      const key = keyFor(tenant, 'q');
      await store.set(key, answer('first'), 60_000, tenant);
      await store.set(key, answer('second'), 60_000, tenant);
      expect(await store.get(key)).toEqual(answer('second'));
      await store.delete(key);
      expect(await store.get(key)).toBeUndefined();
      await store.delete(key); // deleting a missing key is fine
    });

    it('expires an entry after its TTL, and only that entry', async () => {
      const store = await open();
      const tenant = newTenant();
      const [short, long] = [keyFor(tenant, 'short'), keyFor(tenant, 'long')];
      await store.set(short, answer('short'), 200, tenant);
      await store.set(long, answer('long'), 60_000, tenant);
      expect(await store.get(short)).toEqual(answer('short'));
      await sleep(350);
      expect(await store.get(short)).toBeUndefined();
      expect(await store.get(long)).toEqual(answer('long'));
    });

    it('keeps tenants apart: one request, two tenants, two keys; clearTenant clears one', async () => {
      const store = await open();
      const [a, b] = [newTenant(), newTenant()];
      const [keyA, keyB] = [keyFor(a, 'same question'), keyFor(b, 'same question')];
      expect(keyA).not.toBe(keyB);
      await store.set(keyA, answer('for a'), 60_000, a);
      await store.set(keyFor(a, 'other'), answer('for a too'), 60_000, a);
      await store.set(keyB, answer('for b'), 60_000, b);
      expect(await store.get(keyA)).toEqual(answer('for a'));
      expect(await store.get(keyB)).toEqual(answer('for b'));

      expect(store.clearTenant).toBeTypeOf('function');
      expect(await store.clearTenant?.(a)).toBe(2);
      expect(await store.get(keyA)).toBeUndefined();
      expect(await store.get(keyFor(a, 'other'))).toBeUndefined();
      expect(await store.get(keyB)).toEqual(answer('for b'));
      expect(await store.clearTenant?.(newTenant())).toBe(0);
    });

    it('bounds each tenant: an insert past the bound evicts that tenant’s oldest entry', async () => {
      const store = await open({ maxEntriesPerTenant: 3 });
      const [a, b] = [newTenant(), newTenant()];
      await store.set(keyFor(b, 'b0'), answer('b0'), 60_000, b);
      for (const text of ['a1', 'a2', 'a3', 'a4']) await store.set(keyFor(a, text), answer(text), 60_000, a);
      expect(await store.get(keyFor(a, 'a1'))).toBeUndefined();
      for (const text of ['a2', 'a3', 'a4']) expect(await store.get(keyFor(a, text))).toEqual(answer(text));
      expect(await store.get(keyFor(b, 'b0'))).toEqual(answer('b0'));
    });

    it('round-trips large and non-ASCII answers', async () => {
      const store = await open();
      const tenant = newTenant();
      const big: CachedAnswer = {
        ...answer('x'.repeat(1024 * 1024)),
        response: {
          id: 'msg_big',
          model: 'claude-sonnet',
          content: [
            { type: 'text', text: 'x'.repeat(1024 * 1024) },
            { type: 'text', text: 'é漢字🙂'.repeat(20_000) },
            { type: 'tool_call', id: 'toolu_1', name: 'lookup', arguments: '{"q":"ünïcode"}' },
          ],
          stopReason: 'stop_sequence',
          stopSequence: '\n\nHuman:',
          usage: { inputTokens: 10, outputTokens: 300_000, cachedInputTokens: 5 },
        },
      };
      const key = keyFor(tenant, 'big');
      await store.set(key, big, 60_000, tenant);
      expect(await store.get(key)).toEqual(big);
    });
  });
}
