import { z } from 'zod';
import type { Usage } from '../../canonical/types.js';

/** OpenAI `usage`, in responses and in the last stream chunk. Extra fields (vLLM, reasoning details) are ignored. */
export const openaiUsageSchema = z.looseObject({
  prompt_tokens: z.number().int().min(0),
  completion_tokens: z.number().int().min(0),
  prompt_tokens_details: z.looseObject({ cached_tokens: z.number().int().min(0).nullish() }).nullish(),
});

export function decodeOpenAIUsage(usage: z.output<typeof openaiUsageSchema>): Usage {
  const out: Usage = { inputTokens: usage.prompt_tokens, outputTokens: usage.completion_tokens };
  const cached = usage.prompt_tokens_details?.cached_tokens;
  if (cached != null) out.cachedInputTokens = cached;
  return out;
}

/** Canonical usage -> OpenAI `usage`, in the shape OpenAI sends (`total_tokens` included). */
export function encodeOpenAIUsage(usage: Usage): Record<string, unknown> {
  const out: Record<string, unknown> = {
    prompt_tokens: usage.inputTokens,
    completion_tokens: usage.outputTokens,
    total_tokens: usage.inputTokens + usage.outputTokens,
  };
  if (usage.cachedInputTokens !== undefined) out['prompt_tokens_details'] = { cached_tokens: usage.cachedInputTokens };
  return out;
}
