import type { SemanticEntry } from './semantic-store.js';

/** One stored entry with its unit vector and its position in its scope's array. */
export interface MemoryRecord {
  readonly entry: Readonly<SemanticEntry>;
  readonly unit: Float32Array;
  slot: number;
}

/**
 * One tenant's entries: by id (for replace and eviction) and by scope (the arrays a search
 * scans). Scope arrays use swap-remove, so removing any entry is O(1) and a scan touches
 * only live slots; order inside a scope carries no meaning.
 */
export class MemoryTenantIndex {
  private readonly byId = new Map<string, MemoryRecord>();
  private readonly scopes = new Map<string, MemoryRecord[]>();

  get size(): number {
    return this.byId.size;
  }

  get(id: string): MemoryRecord | undefined {
    return this.byId.get(id);
  }

  scope(scope: string): readonly MemoryRecord[] {
    return this.scopes.get(scope) ?? [];
  }

  records(): IterableIterator<MemoryRecord> {
    return this.byId.values();
  }

  add(record: MemoryRecord): void {
    let bucket = this.scopes.get(record.entry.scope);
    if (bucket === undefined) {
      bucket = [];
      this.scopes.set(record.entry.scope, bucket);
    }
    record.slot = bucket.length;
    bucket.push(record);
    this.byId.set(record.entry.id, record);
  }

  remove(record: MemoryRecord): void {
    if (this.byId.get(record.entry.id) !== record) return;
    this.byId.delete(record.entry.id);
    const bucket = this.scopes.get(record.entry.scope);
    if (bucket === undefined) return;
    const last = bucket.pop();
    if (last !== undefined && last !== record) {
      bucket[record.slot] = last;
      last.slot = record.slot;
    }
    if (bucket.length === 0) this.scopes.delete(record.entry.scope);
  }

  /**
   * The entry with the smallest createdAt (ties: the earliest inserted, by Map order). A
   * linear scan: it runs only on an insert into a full tenant, off the request's hot path,
   * and costs microseconds at 10k entries — cheaper to keep than a second ordered index.
   */
  oldest(): MemoryRecord | undefined {
    let oldest: MemoryRecord | undefined;
    for (const record of this.byId.values()) {
      if (oldest === undefined || record.entry.createdAt < oldest.entry.createdAt) oldest = record;
    }
    return oldest;
  }
}
