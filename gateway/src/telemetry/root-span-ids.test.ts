import { describe, expect, it } from 'vitest';
import { rootSpanIds, traceResponseHeader } from './root-span-ids.js';
import { traceExtras } from './trace-extras.js';
import type { Trace } from '../trace/trace.js';

describe('rootSpanIds', () => {
  it('continues a valid client trace and keeps its tracestate', () => {
    const ids = rootSpanIds('req_0af7651916cd43dd8448eb211c80319c', '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01', 'vendor=abc');
    expect(ids.traceId).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    expect(ids.parent).toMatchObject({ spanId: '00f067aa0ba902b7', traceFlags: 1, isRemote: true });
    expect(ids.parent?.traceState?.get('vendor')).toBe('abc');
  });

  it('ignores an invalid traceparent (all-zero trace id) and uses the request id', () => {
    const ids = rootSpanIds('req_0af7651916cd43dd8448eb211c80319c', '00-00000000000000000000000000000000-00f067aa0ba902b7-01');
    expect(ids.parent).toBeUndefined();
    expect(ids.traceId).toBe('0af7651916cd43dd8448eb211c80319c');
  });

  it('hashes a request id that is not 32 hex digits into a valid, stable trace id', () => {
    const a = rootSpanIds('custom-id-1');
    expect(a.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(a.spanId).toMatch(/^[0-9a-f]{16}$/);
    expect(rootSpanIds('custom-id-1')).toEqual(a);
    expect(rootSpanIds('custom-id-2').traceId).not.toBe(a.traceId);
    expect(traceResponseHeader(a, false)).toBe(`00-${a.traceId}-${a.spanId}-00`);
  });
});

describe('traceExtras', () => {
  const base = { id: 'r', configHash: 'h', startedAt: 0, surface: 'openai', endpoint: 'chat', attempts: [], timings: {} } as Trace;
  const cacheOf = (cache: unknown) => traceExtras({ ...base, cache } as Trace).cache;

  it("reads the recorder's cache outcome vocabulary as well as per-layer lookups", () => {
    expect(cacheOf('hit-semantic')).toEqual([{ layer: 'semantic', outcome: 'hit' }]);
    expect(cacheOf({ outcome: 'hit-exact' })).toEqual([{ layer: 'exact', outcome: 'hit' }]);
    expect(cacheOf({ outcome: 'miss' })).toEqual([{ layer: 'all', outcome: 'miss' }]);
    expect(cacheOf({ outcome: 'none' })).toEqual([]);
    expect(cacheOf({ lookups: [{ layer: 'exact', outcome: 'miss' }, { layer: 'semantic', outcome: 'error' }] })).toHaveLength(2);
  });

  it('is empty for a trace without the fields, and ignores values of the wrong type', () => {
    expect(traceExtras(base)).toEqual({ cache: [], traceContext: {}, maxTokens: undefined });
    expect(traceExtras({ ...base, traceContext: { traceparent: 7 }, maxTokens: 'many' } as unknown as Trace)).toEqual({ cache: [], traceContext: {}, maxTokens: undefined });
  });
});
