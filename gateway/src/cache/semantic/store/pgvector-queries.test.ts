import { describe, expect, it } from 'vitest';
import { searchBeginSql, toVectorParam } from './pgvector-queries.js';

describe('pgvector query parameters', () => {
  it('encodes a vector in the binary layout vector_recv reads', () => {
    const buffer = toVectorParam(Float32Array.from([0.5, -2, 1e-7]));
    expect(buffer.length).toBe(4 + 3 * 4);
    expect(buffer.readInt16BE(0)).toBe(3);
    expect(buffer.readInt16BE(2)).toBe(0);
    expect([buffer.readFloatBE(4), buffer.readFloatBE(8), buffer.readFloatBE(12)]).toEqual([0.5, -2, Math.fround(1e-7)]);
  });

  it('scopes the search settings to the transaction', () => {
    expect(searchBeginSql({ efSearch: 40, iterativeScan: 'relaxed_order', timeoutMs: 500 })).toBe(
      'BEGIN; SET LOCAL hnsw.ef_search = 40; SET LOCAL statement_timeout = 500; SET LOCAL hnsw.iterative_scan = relaxed_order',
    );
    expect(searchBeginSql({ efSearch: 64, iterativeScan: undefined, timeoutMs: 100 })).not.toMatch(/iterative/);
  });
});
