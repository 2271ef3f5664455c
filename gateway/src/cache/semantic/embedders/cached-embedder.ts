import type { Embedder } from './embedder.js';

export interface CachedEmbedderOptions {
  /** Most texts kept (default 10 000). */
  maxEntries?: number;
  /** Most bytes kept, counting vectors and the texts used as keys (default 64 MiB). */
  maxBytes?: number;
}

export interface CachedEmbedderStats {
  hits: number;
  misses: number;
  /** Texts that were already being embedded by another call and waited for that result. */
  joined: number;
  entries: number;
  bytes: number;
}

// Map entry, key and value headers: a rough figure so many tiny texts still count for something.
const ENTRY_OVERHEAD_BYTES = 96;

/**
 * Wraps an embedder with an LRU keyed by the exact text and shares in-flight work: the same
 * prompt arriving twice while its embedding is computed costs one model call. The id and
 * dims are the inner embedder's, since the vectors are the same.
 * Vectors handed out are copies, so a caller that writes into one cannot corrupt the cache.
 */
export class CachedEmbedder implements Embedder {
  private readonly lru = new Map<string, Float32Array>();
  private readonly inFlight = new Map<string, Promise<Float32Array>>();
  private readonly maxEntries: number;
  private readonly maxBytes: number;
  private bytes = 0;
  private hits = 0;
  private misses = 0;
  private joined = 0;

  constructor(
    private readonly inner: Embedder,
    options: CachedEmbedderOptions = {},
  ) {
    this.maxEntries = options.maxEntries ?? 10_000;
    this.maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
  }

  get id(): string {
    return this.inner.id;
  }

  get dims(): number {
    return this.inner.dims;
  }

  async embed(texts: string[]): Promise<Float32Array[]> {
    const started = new Set<string>();
    for (const text of texts) {
      if (this.lru.has(text) || this.inFlight.has(text) || started.has(text)) continue;
      started.add(text);
    }
    if (started.size > 0) this.startEmbedding([...started]);
    const pending = texts.map((text) => {
      const cached = this.lru.get(text);
      if (cached !== undefined) {
        this.hits += 1;
        // Re-insert to mark it most recently used (a Map iterates in insertion order).
        this.lru.delete(text);
        this.lru.set(text, cached);
        return cached;
      }
      if (started.delete(text)) this.misses += 1;
      else this.joined += 1;
      return this.inFlight.get(text) as Promise<Float32Array>;
    });
    const vectors = await Promise.all(pending);
    return vectors.map((v) => new Float32Array(v));
  }

  stats(): CachedEmbedderStats {
    return { hits: this.hits, misses: this.misses, joined: this.joined, entries: this.lru.size, bytes: this.bytes };
  }

  async close(): Promise<void> {
    await this.inner.close?.();
  }

  /** One inner call for every text that is neither cached nor already being embedded. */
  private startEmbedding(texts: string[]): void {
    const call = this.inner.embed(texts);
    texts.forEach((text, i) => {
      const vector = call.then((vectors) => {
        const v = vectors[i];
        if (v === undefined) throw new Error(`${this.inner.id} returned ${vectors.length} vectors for ${texts.length} texts`);
        return v;
      });
      this.inFlight.set(text, vector);
      // Nothing is cached on failure, so the next call for the text tries again.
      vector.then(
        (v) => {
          this.inFlight.delete(text);
          this.remember(text, v);
        },
        () => this.inFlight.delete(text),
      );
    });
  }

  private remember(text: string, vector: Float32Array): void {
    const size = entryBytes(text, vector);
    if (size > this.maxBytes || this.maxEntries <= 0) return;
    const previous = this.lru.get(text);
    if (previous !== undefined) {
      this.lru.delete(text);
      this.bytes -= entryBytes(text, previous);
    }
    this.lru.set(text, vector);
    this.bytes += size;
    for (const [oldText, oldVector] of this.lru) {
      if (this.lru.size <= this.maxEntries && this.bytes <= this.maxBytes) break;
      this.lru.delete(oldText);
      this.bytes -= entryBytes(oldText, oldVector);
    }
  }
}

function entryBytes(text: string, vector: Float32Array): number {
  // JS strings are UTF-16 in the worst case: 2 bytes a code unit.
  return text.length * 2 + vector.byteLength + ENTRY_OVERHEAD_BYTES;
}
