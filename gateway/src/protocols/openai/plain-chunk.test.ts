import { describe, expect, it } from 'vitest';
import { mutateJson } from '../../../../test/support/json-mutants.js';
import { seededRandom } from '../../../../test/support/seeded-random.js';
import { isPlainChunk } from './plain-chunk.js';
import { openaiChunkSchema } from './stream-decoder.js';

const SEEDS: unknown[] = [
  { id: 'c1', object: 'chat.completion.chunk', model: 'gpt-4o-mini', choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] },
  { id: 'c1', model: 'm', choices: [{ index: 0, delta: { content: 'Hello' }, finish_reason: null, logprobs: null }] },
  { id: 'c1', choices: [{ index: 0, delta: {}, finish_reason: 'stop', stop_reason: null }] },
  { id: 'c1', choices: [{ index: 0, finish_reason: 'length' }] },
  { id: 'c1', choices: [{ index: 0, delta: { refusal: 'no' }, finish_reason: null }] },
  { id: '', model: '', choices: [], prompt_filter_results: [{ prompt_index: 0 }] },
  { id: 'c1', choices: [], usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 } },
  { id: 'c1', choices: [{ index: 0, delta: { tool_calls: [{ index: 0, id: 't', function: { name: 'f', arguments: '' } }] } }] },
  { id: 'c1', choices: [{ index: 1, delta: { content: 'second choice' } }, { index: 0, delta: { content: null } }] },
];

describe('isPlainChunk', () => {
  it('takes the common text and finish chunks, and leaves usage and tool calls to the schema', () => {
    expect(SEEDS.map((s) => isPlainChunk(s))).toEqual([true, true, true, true, true, true, false, false, true]);
  });

  it('never accepts what the schema rejects, and accepts it unchanged (differential, 20 000 mutants)', () => {
    const random = seededRandom(7);
    let accepted = 0;
    let valid = 0;
    for (let i = 0; i < 20_000; i++) {
      const mutant = mutateJson(SEEDS[i % SEEDS.length], random, ['id', 'model', 'usage', 'choices', 'delta', 'content', 'tool_calls', 'finish_reason', 'index']);
      const parsed = openaiChunkSchema.safeParse(mutant);
      if (parsed.success) valid++;
      if (!isPlainChunk(mutant)) continue;
      accepted++;
      expect(parsed.success, JSON.stringify(mutant)).toBe(true);
      expect(parsed.data).toEqual(mutant);
    }
    // The fast path must carry real traffic, not pass by refusing everything.
    expect(accepted).toBeGreaterThan(valid * 0.3);
  });
});
