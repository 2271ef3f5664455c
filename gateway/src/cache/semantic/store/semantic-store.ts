/**
 * The vector-search side of the semantic cache: one interface, an in-process implementation
 * (`MemorySemanticCache`, the embedded default) and a production one (`PgvectorSemanticCache`),
 * held to one conformance suite (test/cache/semantic-store/).
 *
 * The store knows nothing of requests, models or embedders: the caller embeds the text and
 * computes `scope`. Isolation is absolute: every lookup matches tenant AND scope exactly.
 */

/** A vector as the embedder returns it; stores normalise it (cosine ignores length). */
export type SemanticVector = Float32Array | readonly number[];

export interface SemanticEntry {
  /** Unique within the tenant; inserting an existing id replaces that entry. */
  id: string;
  tenant: string;
  /**
   * A hash of everything besides the last user message that shapes the answer (model,
   * system prompt, tools, sampling params, earlier turns — and the embedder, since vectors
   * of two embedders are not comparable). Only entries with an identical scope can match.
   */
  scope: string;
  /** The cache-relevant text (the last user message); kept for audit and the lab. */
  text: string;
  /** The cached canonical response as JSON; stored and returned verbatim, never parsed. */
  answer: string;
  /** Epoch milliseconds. Per-tenant eviction removes the oldest `createdAt` first. */
  createdAt: number;
  /** Epoch milliseconds; an entry with `expiresAt <= now` is never returned. */
  expiresAt: number;
  /** Vector length; must equal the store's `dims`. */
  dims: number;
}

export interface SemanticSearchQuery {
  tenant: string;
  scope: string;
  vector: SemanticVector;
  /** How many neighbours at most (1..MAX_SEMANTIC_K). */
  k: number;
  /** Cosine similarity in [-1, 1]; hits below it are dropped. */
  minSimilarity: number;
}

export interface SemanticSearchHit {
  id: string;
  /** Cosine similarity, 1 = same direction. */
  similarity: number;
  entry: SemanticEntry;
}

export type SemanticInsert = SemanticEntry & { vector: SemanticVector };

export interface SemanticCacheStore {
  /** The vector length this store holds (set by the embedder: 512 local, 1536 remote, …). */
  readonly dims: number;
  /** Nearest live entries of (tenant, scope), most similar first, at most `k`. */
  search(query: SemanticSearchQuery): Promise<SemanticSearchHit[]>;
  /** Adds or replaces (same tenant + id) an entry; may evict the tenant's oldest entries. */
  insert(entry: SemanticInsert): Promise<void>;
  /** Removes expired entries now; returns how many. Call it periodically (off the hot path). */
  deleteExpired?(): Promise<number>;
  close(): Promise<void>;
}

/** Larger k is never useful for a cache lookup and would make a lookup's cost unbounded. */
export const MAX_SEMANTIC_K = 100;

/** Default per-tenant bound of both stores. */
export const DEFAULT_MAX_ENTRIES_PER_TENANT = 10_000;
