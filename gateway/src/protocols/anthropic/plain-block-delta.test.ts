import { describe, expect, it } from 'vitest';
import { mutateJson } from '../../../../test/support/json-mutants.js';
import { seededRandom } from '../../../../test/support/seeded-random.js';
import { anthropicBlockDeltaSchema, isPlainBlockDelta } from './stream-decoder.js';

const SEEDS: Array<Record<string, unknown>> = [
  { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hello' } },
  { type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: '{"city": "Par' } },
  { type: 'content_block_delta', index: 2, delta: { type: 'thinking_delta', thinking: 'hmm' } },
  { type: 'content_block_delta', index: 0, delta: { type: 'signature_delta', signature: 'sig' } },
  { type: 'content_block_delta', index: 3, delta: { type: 'citations_delta', citation: { cited_text: 'x' } }, extra: [1] },
];

describe('isPlainBlockDelta', () => {
  it('takes every delta type in its usual shape', () => {
    expect(SEEDS.map((s) => isPlainBlockDelta(s))).toEqual([true, true, true, true, true]);
  });

  it('never accepts what the schema rejects, and accepts it unchanged (differential, 20 000 mutants)', () => {
    const random = seededRandom(11);
    let accepted = 0;
    let valid = 0;
    for (let i = 0; i < 20_000; i++) {
      const mutant = mutateJson(SEEDS[i % SEEDS.length], random, ['index', 'delta', 'type', 'text', 'partial_json']);
      if (typeof mutant !== 'object' || mutant === null || Array.isArray(mutant)) continue;
      const parsed = anthropicBlockDeltaSchema.safeParse(mutant);
      if (parsed.success) valid++;
      if (!isPlainBlockDelta(mutant as Record<string, unknown>)) continue;
      accepted++;
      expect(parsed.success, JSON.stringify(mutant)).toBe(true);
      expect(parsed.data).toEqual(mutant);
    }
    expect(accepted).toBeGreaterThan(valid * 0.9);
  });
});
