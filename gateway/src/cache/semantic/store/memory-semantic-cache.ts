import { checkInsert, checkSearchQuery, checkStoreOptions } from './check-arguments.js';
import { MemoryTenantIndex, type MemoryRecord } from './memory-tenant-index.js';
import { SemanticStoreError } from './semantic-store-error.js';
import {
  DEFAULT_MAX_ENTRIES_PER_TENANT,
  type SemanticCacheStore,
  type SemanticInsert,
  type SemanticSearchHit,
  type SemanticSearchQuery,
} from './semantic-store.js';
import { dot, toUnitVector } from './unit-vector.js';

export interface MemorySemanticCacheOptions {
  dims: number;
  /** Default 10 000. At 512 dims one entry is ~2 KB of vector plus its text and answer. */
  maxEntriesPerTenant?: number;
  /** Epoch milliseconds; injected so tests can move time. */
  now?: () => number;
}

interface Candidate {
  record: MemoryRecord;
  similarity: number;
}

/**
 * The embedded store: exact (brute-force) cosine over the unit vectors of one
 * (tenant, scope) bucket. A search is synchronous CPU work on the event loop, linear in the
 * bucket's size: about 1 ms per thousand 512-dim entries (see README), so it suits
 * buckets of up to a few thousand entries; use pgvector beyond that or across replicas.
 */
export class MemorySemanticCache implements SemanticCacheStore {
  readonly dims: number;
  private readonly maxEntriesPerTenant: number;
  private readonly now: () => number;
  private readonly tenants = new Map<string, MemoryTenantIndex>();
  private closed = false;

  constructor(options: MemorySemanticCacheOptions) {
    this.dims = options.dims;
    this.maxEntriesPerTenant = options.maxEntriesPerTenant ?? DEFAULT_MAX_ENTRIES_PER_TENANT;
    checkStoreOptions(this.dims, this.maxEntriesPerTenant);
    this.now = options.now ?? Date.now;
  }

  async search(query: SemanticSearchQuery): Promise<SemanticSearchHit[]> {
    this.checkOpen();
    checkSearchQuery(query);
    const unit = toUnitVector(query.vector, this.dims);
    const tenant = this.tenants.get(query.tenant);
    if (tenant === undefined) return [];
    const now = this.now();
    const top: Candidate[] = [];
    const expired: MemoryRecord[] = [];
    for (const record of tenant.scope(query.scope)) {
      if (record.entry.expiresAt <= now) {
        expired.push(record);
        continue;
      }
      // Float32 rounding can land a hair outside [-1, 1]; pgvector clamps the same way.
      const similarity = Math.max(-1, Math.min(1, dot(unit, record.unit)));
      if (similarity < query.minSimilarity) continue;
      insertTopK(top, { record, similarity }, query.k);
    }
    // Expired entries found on the way are dropped now rather than scanned again.
    for (const record of expired) tenant.remove(record);
    if (tenant.size === 0) this.tenants.delete(query.tenant);
    return top.map(({ record, similarity }) => ({ id: record.entry.id, similarity, entry: record.entry }));
  }

  async insert(entry: SemanticInsert): Promise<void> {
    this.checkOpen();
    checkInsert(entry, this.dims);
    const unit = toUnitVector(entry.vector, this.dims);
    let tenant = this.tenants.get(entry.tenant);
    if (tenant === undefined) {
      tenant = new MemoryTenantIndex();
      this.tenants.set(entry.tenant, tenant);
    }
    const previous = tenant.get(entry.id);
    if (previous !== undefined) tenant.remove(previous);
    const { id, tenant: tenantId, scope, text, answer, createdAt, expiresAt, dims } = entry;
    // Frozen and copied: a hit hands out the stored object, and nobody may change it.
    const stored = Object.freeze({ id, tenant: tenantId, scope, text, answer, createdAt, expiresAt, dims });
    tenant.add({ entry: stored, unit, slot: 0 });
    while (tenant.size > this.maxEntriesPerTenant) {
      const oldest = tenant.oldest();
      if (oldest === undefined) break;
      tenant.remove(oldest);
    }
  }

  async deleteExpired(): Promise<number> {
    this.checkOpen();
    const now = this.now();
    let removed = 0;
    for (const [name, tenant] of this.tenants) {
      const expired = [...tenant.records()].filter((record) => record.entry.expiresAt <= now);
      for (const record of expired) tenant.remove(record);
      removed += expired.length;
      if (tenant.size === 0) this.tenants.delete(name);
    }
    return removed;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.tenants.clear();
  }

  private checkOpen(): void {
    if (this.closed) throw new SemanticStoreError('storage', 'the semantic cache store is closed');
  }
}

/** Keeps `top` sorted by similarity (descending) and at most k long; k is small. */
function insertTopK(top: Candidate[], candidate: Candidate, k: number): void {
  if (top.length === k && candidate.similarity <= top[k - 1]!.similarity) return;
  let at = top.length;
  while (at > 0 && top[at - 1]!.similarity < candidate.similarity) at--;
  top.splice(at, 0, candidate);
  if (top.length > k) top.pop();
}
