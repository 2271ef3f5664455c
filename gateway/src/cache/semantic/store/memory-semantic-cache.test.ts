import { describe, expect, it } from 'vitest';
import { MemorySemanticCache } from './memory-semantic-cache.js';
import type { SemanticInsert } from './semantic-store.js';
import { dot, toUnitVector } from './unit-vector.js';

// The behaviour both stores share is in test/cache/semantic-store (conformance); these are
// the memory store's own details.
const DIMS = 16;
const T0 = 1_700_000_000_000;

function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 16_807) % 2_147_483_647;
    return state / 2_147_483_647 - 0.5;
  };
}

function entry(id: string, vector: number[], overrides: Partial<SemanticInsert> = {}): SemanticInsert {
  return { id, tenant: 't', scope: 's', text: id, answer: '{}', createdAt: T0, expiresAt: T0 + 1_000, dims: DIMS, vector, ...overrides };
}

describe('MemorySemanticCache', () => {
  it('returns exactly the brute-force top k among many entries', async () => {
    const random = seeded(7);
    const store = new MemorySemanticCache({ dims: DIMS, now: () => T0 });
    const vectors = Array.from({ length: 500 }, () => Array.from({ length: DIMS }, random));
    for (const [i, vector] of vectors.entries()) await store.insert(entry(`e${i}`, vector));
    const query = Array.from({ length: DIMS }, random);
    const unit = toUnitVector(query, DIMS);
    const expected = vectors
      .map((vector, i) => ({ id: `e${i}`, similarity: dot(unit, toUnitVector(vector, DIMS)) }))
      .sort((a, b) => b.similarity - a.similarity)
      .slice(0, 7);
    const hits = await store.search({ tenant: 't', scope: 's', vector: query, k: 7, minSimilarity: -1 });
    expect(hits.map((hit) => hit.id)).toEqual(expected.map((e) => e.id));
    hits.forEach((hit, i) => expect(hit.similarity).toBeCloseTo(expected[i]!.similarity, 6));
  });

  it('hands out frozen copies, unaffected by the caller changing its input', async () => {
    const store = new MemorySemanticCache({ dims: DIMS, now: () => T0 });
    const vector = [1, ...Array<number>(DIMS - 1).fill(0)];
    const input = entry('a', vector);
    await store.insert(input);
    input.answer = 'changed';
    vector[0] = -1;
    const [hit] = await store.search({ tenant: 't', scope: 's', vector: [1, ...Array<number>(DIMS - 1).fill(0)], k: 1, minSimilarity: 0.99 });
    expect(hit?.entry.answer).toBe('{}');
    expect(Object.isFrozen(hit?.entry)).toBe(true);
  });

  it('drops expired entries it meets during a search', async () => {
    const clock = { t: T0 };
    const store = new MemorySemanticCache({ dims: DIMS, now: () => clock.t });
    const vector = [1, ...Array<number>(DIMS - 1).fill(0)];
    await store.insert(entry('a', vector));
    clock.t = T0 + 1_000;
    expect(await store.search({ tenant: 't', scope: 's', vector, k: 1, minSimilarity: 0 })).toEqual([]);
    expect(await store.deleteExpired()).toBe(0);
  });

  it('refuses to work after close', async () => {
    const store = new MemorySemanticCache({ dims: DIMS });
    await store.close();
    await expect(store.search({ tenant: 't', scope: 's', vector: [1], k: 1, minSimilarity: 0 })).rejects.toMatchObject({ code: 'storage' });
  });
});
