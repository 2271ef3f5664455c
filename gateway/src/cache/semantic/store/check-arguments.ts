import { SemanticStoreError } from './semantic-store-error.js';
import { MAX_SEMANTIC_K, type SemanticInsert, type SemanticSearchQuery } from './semantic-store.js';

/**
 * Argument checks shared by both stores, so they refuse the same inputs the same way.
 * Empty tenant or scope is refused outright: an empty value is how a missing one looks,
 * and matching on it could join unrelated callers into one bucket.
 */

function nonEmpty(name: string, value: unknown): void {
  if (typeof value !== 'string' || value.length === 0) {
    throw new SemanticStoreError('invalid_input', `${name} must be a non-empty string`);
  }
}

function finiteNumber(name: string, value: unknown): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new SemanticStoreError('invalid_input', `${name} must be a finite number`);
  }
}

export function checkSearchQuery(query: SemanticSearchQuery): void {
  nonEmpty('tenant', query.tenant);
  nonEmpty('scope', query.scope);
  if (!Number.isInteger(query.k) || query.k < 1 || query.k > MAX_SEMANTIC_K) {
    throw new SemanticStoreError('invalid_input', `k must be an integer in 1..${MAX_SEMANTIC_K}`);
  }
  finiteNumber('minSimilarity', query.minSimilarity);
  if (query.minSimilarity < -1 || query.minSimilarity > 1) {
    throw new SemanticStoreError('invalid_input', 'minSimilarity must be in [-1, 1]');
  }
}

export function checkInsert(entry: SemanticInsert, dims: number): void {
  nonEmpty('id', entry.id);
  nonEmpty('tenant', entry.tenant);
  nonEmpty('scope', entry.scope);
  if (typeof entry.text !== 'string') throw new SemanticStoreError('invalid_input', 'text must be a string');
  if (typeof entry.answer !== 'string') throw new SemanticStoreError('invalid_input', 'answer must be a string');
  finiteNumber('createdAt', entry.createdAt);
  finiteNumber('expiresAt', entry.expiresAt);
  if (entry.dims !== dims) {
    throw new SemanticStoreError('invalid_input', `entry dims ${entry.dims} differ from the store's ${dims}`);
  }
}

export function checkStoreOptions(dims: number, maxEntriesPerTenant: number): void {
  if (!Number.isInteger(dims) || dims < 1) throw new SemanticStoreError('invalid_input', 'dims must be a positive integer');
  if (!Number.isInteger(maxEntriesPerTenant) || maxEntriesPerTenant < 1) {
    throw new SemanticStoreError('invalid_input', 'maxEntriesPerTenant must be a positive integer');
  }
}
