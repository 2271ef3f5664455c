import { DEFAULT_MAX_ENTRIES_PER_TENANT, type CachedAnswer, type ExactCacheStore } from './exact-cache-store.js';

export const DEFAULT_MEMORY_MAX_BYTES = 64 * 1024 * 1024;
export const DEFAULT_MEMORY_MAX_BYTES_PER_TENANT = 16 * 1024 * 1024;

export interface MemoryExactCacheOptions {
  /** Bound on all entries together, in serialized bytes (default 64 MiB). */
  maxBytes?: number;
  /** Bound on one tenant's entries, in serialized bytes (default 16 MiB, capped at maxBytes). */
  maxBytesPerTenant?: number;
  /** Bound on one tenant's entry count (default 10 000, as RedisExactCache). */
  maxEntriesPerTenant?: number;
  /** Wall-clock milliseconds; injected so tests can fix time. */
  now?: () => number;
}

interface Entry {
  key: string;
  tenant: string;
  /** The answer as JSON: its size is what the bounds count, and parsing it hands out a copy. */
  json: string;
  bytes: number;
  expiresAt: number;
}

interface TenantEntries {
  /** This tenant's entries, least recently used first (Map keeps insertion order). */
  entries: Map<string, Entry>;
  bytes: number;
}

/**
 * The embedded exact-cache store: an in-process LRU bounded in bytes, per tenant and in total.
 *
 * Size of an entry = UTF-8 bytes of its key + its JSON. That is what Redis would hold, not the
 * V8 heap cost (roughly 1-2x, plus a small per-entry overhead): the bound is a budget, not an
 * exact heap measure.
 *
 * Eviction, after every insert: while the inserting tenant is over its byte or entry bound, its
 * least recently used entry goes; then, while the total is over `maxBytes`, the least recently
 * used entry of any tenant goes. So one tenant's burst evicts its own entries first and only
 * the global bound makes tenants compete. A read refreshes recency; an entry larger than a
 * tenant's bound is not stored.
 *
 * Expiry is lazy: a read past `expiresAt` removes the entry and misses, and expired entries
 * (not read since) are the least recently used, so eviction reaches them early. No timers, so
 * nothing keeps the process alive.
 */
export class MemoryExactCache implements ExactCacheStore {
  readonly #maxBytes: number;
  readonly #maxTenantBytes: number;
  readonly #maxTenantEntries: number;
  readonly #now: () => number;
  /** Every entry, least recently used first. */
  readonly #entries = new Map<string, Entry>();
  readonly #tenants = new Map<string, TenantEntries>();
  #bytes = 0;
  #evictions = 0;

  constructor(options: MemoryExactCacheOptions = {}) {
    this.#maxBytes = positive('maxBytes', options.maxBytes ?? DEFAULT_MEMORY_MAX_BYTES);
    this.#maxTenantBytes = Math.min(this.#maxBytes, positive('maxBytesPerTenant', options.maxBytesPerTenant ?? DEFAULT_MEMORY_MAX_BYTES_PER_TENANT));
    this.#maxTenantEntries = positive('maxEntriesPerTenant', options.maxEntriesPerTenant ?? DEFAULT_MAX_ENTRIES_PER_TENANT);
    this.#now = options.now ?? Date.now;
  }

  get(key: string): Promise<CachedAnswer | undefined> {
    const entry = this.#entries.get(key);
    if (entry === undefined) return Promise.resolve(undefined);
    if (this.#now() >= entry.expiresAt) {
      this.#remove(entry);
      return Promise.resolve(undefined);
    }
    this.#touch(entry);
    // Our own JSON.stringify of a CachedAnswer: no need to re-validate what never left the process.
    return Promise.resolve(JSON.parse(entry.json) as CachedAnswer);
  }

  set(key: string, value: CachedAnswer, ttlMs: number, tenant: string): Promise<void> {
    const existing = this.#entries.get(key);
    // A replaced answer goes even when the new one is not kept: the caller meant to refresh it.
    if (existing !== undefined) this.#remove(existing);
    const json = JSON.stringify(value);
    const bytes = Buffer.byteLength(key) + Buffer.byteLength(json);
    if (!(ttlMs > 0) || bytes > this.#maxTenantBytes) return Promise.resolve();
    const entry: Entry = { key, tenant, json, bytes, expiresAt: this.#now() + ttlMs };
    const owner = this.#tenant(tenant);
    owner.entries.set(key, entry);
    owner.bytes += bytes;
    this.#entries.set(key, entry);
    this.#bytes += bytes;
    this.#evict(owner);
    return Promise.resolve();
  }

  delete(key: string): Promise<void> {
    const entry = this.#entries.get(key);
    if (entry !== undefined) this.#remove(entry);
    return Promise.resolve();
  }

  clearTenant(tenant: string): Promise<number> {
    const owner = this.#tenants.get(tenant);
    const count = owner?.entries.size ?? 0;
    for (const entry of [...(owner?.entries.values() ?? [])]) this.#remove(entry);
    return Promise.resolve(count);
  }

  close(): Promise<void> {
    this.#entries.clear();
    this.#tenants.clear();
    this.#bytes = 0;
    return Promise.resolve();
  }

  /** Sizes and the eviction count since start, for metrics. */
  stats(): { entries: number; bytes: number; tenants: number; evictions: number } {
    return { entries: this.#entries.size, bytes: this.#bytes, tenants: this.#tenants.size, evictions: this.#evictions };
  }

  #tenant(tenant: string): TenantEntries {
    let owner = this.#tenants.get(tenant);
    if (owner === undefined) {
      owner = { entries: new Map(), bytes: 0 };
      this.#tenants.set(tenant, owner);
    }
    return owner;
  }

  #evict(owner: TenantEntries): void {
    while (owner.bytes > this.#maxTenantBytes || owner.entries.size > this.#maxTenantEntries) {
      const oldest = owner.entries.values().next();
      if (oldest.done === true) break;
      this.#remove(oldest.value);
      this.#evictions++;
    }
    while (this.#bytes > this.#maxBytes) {
      const oldest = this.#entries.values().next();
      if (oldest.done === true) break;
      this.#remove(oldest.value);
      this.#evictions++;
    }
  }

  /** Moves an entry to the most recently used end of both orders. */
  #touch(entry: Entry): void {
    const owner = this.#tenants.get(entry.tenant);
    this.#entries.delete(entry.key);
    this.#entries.set(entry.key, entry);
    owner?.entries.delete(entry.key);
    owner?.entries.set(entry.key, entry);
  }

  #remove(entry: Entry): void {
    this.#entries.delete(entry.key);
    this.#bytes -= entry.bytes;
    const owner = this.#tenants.get(entry.tenant);
    if (owner === undefined) return;
    owner.entries.delete(entry.key);
    owner.bytes -= entry.bytes;
    if (owner.entries.size === 0) this.#tenants.delete(entry.tenant);
  }
}

function positive(name: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`MemoryExactCache: ${name} must be a positive number, got ${value}`);
  return value;
}
