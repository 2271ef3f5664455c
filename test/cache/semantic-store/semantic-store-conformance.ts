import { describe, expect, it } from 'vitest';
import type { SemanticCacheStore, SemanticInsert, SemanticVector } from '../../../gateway/src/cache/semantic/store/index.js';

export interface ConformanceTarget {
  store: SemanticCacheStore;
  close(): Promise<void>;
}

/** Builds a fresh, empty store of `dims` on the given clock. */
export type ConformanceFactory = (options: { dims: number; maxEntriesPerTenant: number; now: () => number }) => Promise<ConformanceTarget>;

const DIMS = 8;
const T0 = 1_700_000_000_000;
const HOUR = 3_600_000;

/** A vector of DIMS with the given leading components (deliberately not unit length). */
const vec = (...head: number[]): number[] => [...head, ...Array<number>(DIMS - head.length).fill(0)];

function entry(overrides: Partial<SemanticInsert> & { id: string; vector: SemanticVector }): SemanticInsert {
  return {
    tenant: 't1',
    scope: 'scope-a',
    text: `question ${overrides.id}`,
    answer: JSON.stringify({ id: overrides.id, choices: [{ text: 'é ✓ "quoted"' }] }),
    createdAt: T0,
    expiresAt: T0 + HOUR,
    dims: DIMS,
    ...overrides,
  };
}

/**
 * One scripted suite run against every SemanticCacheStore: the embedded and the production
 * store must find the same neighbours with the same similarities and isolate the same way.
 */
export function describeSemanticStoreConformance(name: string, factory: ConformanceFactory): void {
  describe(`SemanticCacheStore conformance: ${name}`, () => {
    async function withStore(work: (store: SemanticCacheStore, clock: { t: number }) => Promise<void>, maxEntriesPerTenant = 100) {
      const clock = { t: T0 };
      const target = await factory({ dims: DIMS, maxEntriesPerTenant, now: () => clock.t });
      try {
        await work(target.store, clock);
      } finally {
        await target.close();
      }
    }

    it('finds the nearest neighbours, most similar first, with cosine similarity', () =>
      withStore(async (store) => {
        expect(store.dims).toBe(DIMS);
        await store.insert(entry({ id: 'same-direction', vector: vec(3, 0) }));
        await store.insert(entry({ id: 'diagonal', vector: new Float32Array(vec(1, 1)) }));
        await store.insert(entry({ id: 'orthogonal', vector: vec(0, 5) }));
        await store.insert(entry({ id: 'opposite', vector: vec(-1, 0) }));

        const hits = await store.search({ tenant: 't1', scope: 'scope-a', vector: vec(0.5, 0), k: 3, minSimilarity: -1 });
        expect(hits.map((hit) => hit.id)).toEqual(['same-direction', 'diagonal', 'orthogonal']);
        const [first, second, third] = hits;
        expect(first?.similarity).toBeCloseTo(1, 5);
        expect(second?.similarity).toBeCloseTo(Math.SQRT1_2, 5);
        expect(third?.similarity).toBeCloseTo(0, 5);
        expect(first?.entry).toEqual({
          id: 'same-direction',
          tenant: 't1',
          scope: 'scope-a',
          text: 'question same-direction',
          answer: JSON.stringify({ id: 'same-direction', choices: [{ text: 'é ✓ "quoted"' }] }),
          createdAt: T0,
          expiresAt: T0 + HOUR,
          dims: DIMS,
        });

        const all = await store.search({ tenant: 't1', scope: 'scope-a', vector: new Float32Array(vec(1, 0)), k: 10, minSimilarity: -1 });
        expect(all.map((hit) => hit.id)).toEqual(['same-direction', 'diagonal', 'orthogonal', 'opposite']);
        expect(all[3]?.similarity).toBeCloseTo(-1, 5);
      }));

    it('drops hits below minSimilarity', () =>
      withStore(async (store) => {
        await store.insert(entry({ id: 'close', vector: vec(1, 0.1) }));
        await store.insert(entry({ id: 'diagonal', vector: vec(1, 1) }));
        const query = { tenant: 't1', scope: 'scope-a', vector: vec(1, 0), k: 5 };
        const close = Math.cos(Math.atan(0.1));
        expect((await store.search({ ...query, minSimilarity: 0.9 })).map((hit) => hit.id)).toEqual(['close']);
        expect((await store.search({ ...query, minSimilarity: 0.7 })).map((hit) => hit.id)).toEqual(['close', 'diagonal']);
        expect(await store.search({ ...query, minSimilarity: close + 0.001 })).toEqual([]);
      }));

    it('matches only the identical scope', () =>
      withStore(async (store) => {
        await store.insert(entry({ id: 'a', scope: 'scope-a', vector: vec(1, 2, 3) }));
        await store.insert(entry({ id: 'b', scope: 'scope-b', vector: vec(1, 2, 3) }));
        const hits = await store.search({ tenant: 't1', scope: 'scope-b', vector: vec(1, 2, 3), k: 5, minSimilarity: 0 });
        expect(hits.map((hit) => [hit.id, hit.entry.scope])).toEqual([['b', 'scope-b']]);
        expect(await store.search({ tenant: 't1', scope: 'scope-c', vector: vec(1, 2, 3), k: 5, minSimilarity: -1 })).toEqual([]);
      }));

    it('never lets another tenant hit, even with the same id, scope and vector', () =>
      withStore(async (store) => {
        await store.insert(entry({ id: 'same', tenant: 't1', answer: '"t1"', vector: vec(1, 2, 3) }));
        await store.insert(entry({ id: 'same', tenant: 't2', answer: '"t2"', vector: vec(1, 2, 3) }));
        const query = { scope: 'scope-a', vector: vec(1, 2, 3), k: 5, minSimilarity: -1 };
        const t1 = await store.search({ ...query, tenant: 't1' });
        const t2 = await store.search({ ...query, tenant: 't2' });
        expect(t1.map((hit) => [hit.entry.tenant, hit.entry.answer])).toEqual([['t1', '"t1"']]);
        expect(t2.map((hit) => [hit.entry.tenant, hit.entry.answer])).toEqual([['t2', '"t2"']]);
        expect(await store.search({ ...query, tenant: 't3' })).toEqual([]);
      }));

    it('replaces an entry inserted again with the same id', () =>
      withStore(async (store) => {
        await store.insert(entry({ id: 'x', answer: '"old"', vector: vec(1, 0) }));
        await store.insert(entry({ id: 'x', answer: '"new"', vector: vec(0, 1) }));
        const hits = await store.search({ tenant: 't1', scope: 'scope-a', vector: vec(0, 1), k: 5, minSimilarity: -1 });
        expect(hits.map((hit) => [hit.id, hit.entry.answer])).toEqual([['x', '"new"']]);
        expect(hits[0]?.similarity).toBeCloseTo(1, 5);
      }));

    it('never returns an expired entry, and deleteExpired removes it', () =>
      withStore(async (store, clock) => {
        await store.insert(entry({ id: 'short', vector: vec(1, 0), expiresAt: T0 + 1_000 }));
        await store.insert(entry({ id: 'long', vector: vec(1, 0.5), expiresAt: T0 + HOUR }));
        const query = { tenant: 't1', scope: 'scope-a', vector: vec(1, 0), k: 5, minSimilarity: 0 };
        clock.t = T0 + 999;
        expect((await store.search(query)).map((hit) => hit.id)).toEqual(['short', 'long']);
        clock.t = T0 + 1_000;
        expect((await store.search(query)).map((hit) => hit.id)).toEqual(['long']);
        if (store.deleteExpired !== undefined) {
          // The memory store may already have dropped it during the search above.
          expect(await store.deleteExpired()).toBeLessThanOrEqual(1);
          clock.t = T0 + HOUR;
          expect(await store.deleteExpired()).toBe(1);
          expect(await store.search(query)).toEqual([]);
        }
      }));

    it('bounds each tenant, evicting its oldest entries first', () =>
      withStore(async (store) => {
        const at = (minutes: number): number => T0 + minutes * 60_000;
        await store.insert(entry({ id: 'other-1', tenant: 't2', vector: vec(1, 0), createdAt: at(0) }));
        await store.insert(entry({ id: 'old', scope: 'scope-a', vector: vec(1, 0), createdAt: at(1) }));
        await store.insert(entry({ id: 'mid', scope: 'scope-b', vector: vec(1, 0), createdAt: at(2) }));
        await store.insert(entry({ id: 'new', scope: 'scope-a', vector: vec(1, 0), createdAt: at(3) }));
        const ids = async (tenant: string, scope: string) =>
          (await store.search({ tenant, scope, vector: vec(1, 0), k: 10, minSimilarity: -1 })).map((hit) => hit.id).sort();
        expect(await ids('t1', 'scope-a')).toEqual(['new', 'old']);

        // Fourth entry of t1 (bound 3): the oldest of the tenant goes, whatever its scope.
        await store.insert(entry({ id: 'newest', scope: 'scope-b', vector: vec(1, 0), createdAt: at(4) }));
        expect(await ids('t1', 'scope-a')).toEqual(['new']);
        expect(await ids('t1', 'scope-b')).toEqual(['mid', 'newest']);
        // Another tenant's entries neither count nor go.
        expect(await ids('t2', 'scope-a')).toEqual(['other-1']);
        // Replacing an id does not grow the tenant.
        await store.insert(entry({ id: 'mid', scope: 'scope-b', vector: vec(1, 0), createdAt: at(5) }));
        expect([...(await ids('t1', 'scope-a')), ...(await ids('t1', 'scope-b'))].sort()).toEqual(['mid', 'new', 'newest']);
      }, 3));

    it('refuses malformed input with invalid_input', () =>
      withStore(async (store) => {
        const invalid = { name: 'SemanticStoreError', code: 'invalid_input' };
        await expect(store.insert(entry({ id: 'short-vector', vector: [1, 2] }))).rejects.toMatchObject(invalid);
        await expect(store.insert(entry({ id: 'zero', vector: vec(0) }))).rejects.toMatchObject(invalid);
        await expect(store.insert(entry({ id: 'nan', vector: vec(Number.NaN) }))).rejects.toMatchObject(invalid);
        await expect(store.insert(entry({ id: 'dims', vector: vec(1), dims: DIMS + 1 }))).rejects.toMatchObject(invalid);
        await expect(store.insert(entry({ id: 'no-tenant', tenant: '', vector: vec(1) }))).rejects.toMatchObject(invalid);
        const query = { tenant: 't1', scope: 'scope-a', vector: vec(1), k: 1, minSimilarity: 0 };
        await expect(store.search({ ...query, k: 0 })).rejects.toMatchObject(invalid);
        await expect(store.search({ ...query, minSimilarity: 1.5 })).rejects.toMatchObject(invalid);
        await expect(store.search({ ...query, scope: '' })).rejects.toMatchObject(invalid);
        await expect(store.search({ ...query, vector: vec(1, 2).slice(0, 3) })).rejects.toMatchObject(invalid);
      }));
  });
}
