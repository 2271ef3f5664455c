import { describe, expect, it } from 'vitest';
import { LocalUseEmbedder, type UseRunner } from './local-use-embedder.js';

/** A runner standing in for the model: vector of a text = [length, 0, ..., 0, 1] (512 dims). */
function fakeRunner(options: { delayFirst?: Promise<void>; failWith?: Error } = {}): UseRunner & { batches: string[][] } {
  const batches: string[][] = [];
  return {
    batches,
    async embed(texts) {
      batches.push([...texts]);
      if (batches.length === 1) await options.delayFirst;
      if (options.failWith !== undefined) throw options.failWith;
      return texts.map((t) => {
        const v = new Array<number>(512).fill(0);
        v[0] = t.length;
        v[511] = 1;
        return v;
      });
    },
    async close() {},
  };
}

describe('LocalUseEmbedder', () => {
  it('is the 512-dimensional USE space', () => {
    const embedder = new LocalUseEmbedder({ runner: fakeRunner() });
    expect([embedder.id, embedder.dims]).toEqual(['local-use-512', 512]);
  });

  it('returns unit vectors in input order', async () => {
    const embedder = new LocalUseEmbedder({ runner: fakeRunner() });
    const [a, b] = await embedder.embed(['abc', '']);
    expect(a?.[0]).toBeCloseTo(3 / Math.sqrt(10), 6);
    expect(b?.[0]).toBe(0);
    expect(b?.[511]).toBeCloseTo(1, 6);
  });

  it('queues calls that arrive while a batch runs and sends them together, at most maxBatch at a time', async () => {
    let release: () => void = () => undefined;
    const runner = fakeRunner({ delayFirst: new Promise((resolve) => (release = resolve)) });
    const embedder = new LocalUseEmbedder({ runner, maxBatch: 3 });
    const first = embedder.embed(['a']);
    const rest = [embedder.embed(['b', 'c']), embedder.embed(['d', 'e'])];
    release();
    await Promise.all([first, ...rest]);
    expect(runner.batches).toEqual([['a'], ['b', 'c', 'd'], ['e']]);
  });

  it('fails the calls of a failed batch and keeps serving later ones', async () => {
    let fail = true;
    const runner: UseRunner = {
      async embed(texts) {
        if (fail) {
          fail = false;
          throw new Error('model crashed');
        }
        return texts.map(() => [1, ...new Array<number>(511).fill(0)]);
      },
      async close() {},
    };
    const embedder = new LocalUseEmbedder({ runner });
    await expect(embedder.embed(['a'])).rejects.toThrow('model crashed');
    await expect(embedder.embed(['b'])).resolves.toHaveLength(1);
  });

  it('rejects when the model returns the wrong number of vectors', async () => {
    const runner: UseRunner = { embed: async () => [], close: async () => undefined };
    await expect(new LocalUseEmbedder({ runner }).embed(['a'])).rejects.toThrow(/0 vectors for 1 texts/);
  });
});
