import type { Usage } from '../../canonical/types.js';

/** Anthropic's usage object; counts may be null in message_delta (cumulative, "when known"). */
export interface AnthropicUsageFields {
  input_tokens?: number | null;
  output_tokens?: number | null;
  cache_creation_input_tokens?: number | null;
  cache_read_input_tokens?: number | null;
}

/**
 * Anthropic's `input_tokens` excludes cache writes and reads, while canonical (like OpenAI's
 * prompt_tokens) counts every input token, so the three are summed; cache reads are also
 * reported as `cachedInputTokens` (only when the upstream sent the field).
 * https://docs.anthropic.com/en/docs/build-with-claude/prompt-caching#tracking-cache-performance
 */
export function decodeAnthropicUsage(raw: AnthropicUsageFields): Usage {
  const cacheRead = raw.cache_read_input_tokens ?? undefined;
  const usage: Usage = {
    inputTokens: (raw.input_tokens ?? 0) + (raw.cache_creation_input_tokens ?? 0) + (cacheRead ?? 0),
    outputTokens: raw.output_tokens ?? 0,
  };
  if (cacheRead !== undefined) usage.cachedInputTokens = cacheRead;
  return usage;
}

export interface EncodedAnthropicUsage {
  input_tokens: number;
  output_tokens: number;
  cache_read_input_tokens?: number;
}

/**
 * The inverse for Anthropic clients: cached tokens move back out of `input_tokens` into
 * `cache_read_input_tokens`, so a client summing the fields (as Anthropic documents) gets
 * the total once. Cache writes cannot be told apart any more and stay in `input_tokens`.
 */
export function encodeAnthropicUsage(usage: Usage): EncodedAnthropicUsage {
  const cached = Math.min(usage.cachedInputTokens ?? 0, usage.inputTokens);
  const encoded: EncodedAnthropicUsage = {
    input_tokens: usage.inputTokens - cached,
    output_tokens: usage.outputTokens,
  };
  if (usage.cachedInputTokens !== undefined) encoded.cache_read_input_tokens = cached;
  return encoded;
}
