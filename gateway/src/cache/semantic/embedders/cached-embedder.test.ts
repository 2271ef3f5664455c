import { describe, expect, it } from 'vitest';
import { CachedEmbedder } from './cached-embedder.js';
import type { Embedder } from './embedder.js';

/** An embedder that records its calls; vector of a text = [length, 1] (unnormalised: tests only compare). */
class CountingEmbedder implements Embedder {
  readonly id = 'fake';
  readonly dims = 2;
  readonly calls: string[][] = [];
  failNext = false;
  private gate: Promise<void> = Promise.resolve();
  private open: () => void = () => undefined;

  /** Holds every call until release(), to observe in-flight sharing. */
  hold(): void {
    this.gate = new Promise((resolve) => {
      this.open = resolve;
    });
  }

  release(): void {
    this.open();
  }

  async embed(texts: string[]): Promise<Float32Array[]> {
    this.calls.push([...texts]);
    await this.gate;
    if (this.failNext) {
      this.failNext = false;
      throw new Error('upstream down');
    }
    return texts.map((t) => Float32Array.from([t.length, 1]));
  }
}

describe('CachedEmbedder', () => {
  it('keeps id and dims of the inner embedder', () => {
    const cached = new CachedEmbedder(new CountingEmbedder());
    expect([cached.id, cached.dims]).toEqual(['fake', 2]);
  });

  it('embeds a text once and serves it from the cache afterwards', async () => {
    const inner = new CountingEmbedder();
    const cached = new CachedEmbedder(inner);
    await cached.embed(['hello', 'hi']);
    const [again, fresh] = await cached.embed(['hello', 'bye!']);
    expect(inner.calls).toEqual([['hello', 'hi'], ['bye!']]);
    expect(Array.from(again ?? [])).toEqual([5, 1]);
    expect(Array.from(fresh ?? [])).toEqual([4, 1]);
    expect(cached.stats()).toMatchObject({ hits: 1, misses: 3, joined: 0, entries: 3 });
  });

  it('shares an embedding in flight between concurrent calls and within one call', async () => {
    const inner = new CountingEmbedder();
    const cached = new CachedEmbedder(inner);
    inner.hold();
    const first = cached.embed(['same', 'same']);
    const second = cached.embed(['same', 'other']);
    inner.release();
    const [[a, b], [c, d]] = await Promise.all([first, second]);
    expect(inner.calls).toEqual([['same'], ['other']]);
    expect([a, b, c].map((v) => v?.[0])).toEqual([4, 4, 4]);
    expect(d?.[0]).toBe(5);
    expect(cached.stats()).toMatchObject({ misses: 2, joined: 2 });
  });

  it('caches nothing on failure, so the next call tries again', async () => {
    const inner = new CountingEmbedder();
    const cached = new CachedEmbedder(inner);
    inner.failNext = true;
    await expect(cached.embed(['x'])).rejects.toThrow('upstream down');
    await expect(cached.embed(['x'])).resolves.toHaveLength(1);
    expect(inner.calls).toEqual([['x'], ['x']]);
  });

  it('evicts the least recently used text beyond maxEntries', async () => {
    const inner = new CountingEmbedder();
    const cached = new CachedEmbedder(inner, { maxEntries: 2 });
    await cached.embed(['a']);
    await cached.embed(['b']);
    await cached.embed(['a']); // a is now the most recent
    await cached.embed(['c']); // evicts b
    await cached.embed(['a', 'b']);
    expect(inner.calls).toEqual([['a'], ['b'], ['c'], ['b']]);
    expect(cached.stats().entries).toBe(2);
  });

  it('stays under maxBytes and skips a text too large to keep at all', async () => {
    const inner = new CountingEmbedder();
    // One entry of a 1-char text costs 2 + 8 + 96 bytes; room for two.
    const cached = new CachedEmbedder(inner, { maxBytes: 230 });
    await cached.embed(['a', 'b', 'c']);
    expect(cached.stats().entries).toBe(2);
    expect(cached.stats().bytes).toBeLessThanOrEqual(230);
    await cached.embed(['x'.repeat(1000)]);
    expect(cached.stats().entries).toBe(2);
  });

  it('hands out copies, so writing into a result cannot corrupt the cache', async () => {
    const cached = new CachedEmbedder(new CountingEmbedder());
    const [v] = await cached.embed(['abc']);
    v?.fill(0);
    const [again] = await cached.embed(['abc']);
    expect(Array.from(again ?? [])).toEqual([3, 1]);
  });
});
