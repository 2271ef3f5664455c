import type { ModelInfo } from '../config/routing-schema.js';

/**
 * List prices (USD per million tokens) and context windows of well-known models, as the
 * vendors published them in 2025. Prices change: `models:` in the config overrides any
 * entry, by `provider/model` or by model name. A model with no entry (a self-hosted vLLM
 * model, say) has no price, and cost caps do not hold it back.
 */
export const BUILT_IN_MODELS: Readonly<Record<string, ModelInfo>> = {
  'gpt-4o': { inputUsdPerMTok: 2.5, outputUsdPerMTok: 10, contextWindow: 128_000 },
  'gpt-4o-mini': { inputUsdPerMTok: 0.15, outputUsdPerMTok: 0.6, contextWindow: 128_000 },
  'gpt-4.1': { inputUsdPerMTok: 2, outputUsdPerMTok: 8, contextWindow: 1_047_576 },
  'gpt-4.1-mini': { inputUsdPerMTok: 0.4, outputUsdPerMTok: 1.6, contextWindow: 1_047_576 },
  'gpt-4.1-nano': { inputUsdPerMTok: 0.1, outputUsdPerMTok: 0.4, contextWindow: 1_047_576 },
  'o3-mini': { inputUsdPerMTok: 1.1, outputUsdPerMTok: 4.4, contextWindow: 200_000 },
  'claude-opus-4-1': { inputUsdPerMTok: 15, outputUsdPerMTok: 75, contextWindow: 200_000 },
  'claude-sonnet-4-5': { inputUsdPerMTok: 3, outputUsdPerMTok: 15, contextWindow: 200_000 },
  'claude-haiku-4-5': { inputUsdPerMTok: 1, outputUsdPerMTok: 5, contextWindow: 200_000 },
  'claude-3-5-haiku-latest': { inputUsdPerMTok: 0.8, outputUsdPerMTok: 4, contextWindow: 200_000 },
  'text-embedding-3-small': { inputUsdPerMTok: 0.02, outputUsdPerMTok: 0, contextWindow: 8_191 },
  'text-embedding-3-large': { inputUsdPerMTok: 0.13, outputUsdPerMTok: 0, contextWindow: 8_191 },
};

/** Config entries first (by provider/model, then model name), then the built-in table. */
export function modelInfo(configured: Readonly<Record<string, ModelInfo>>, provider: string, model: string): ModelInfo | undefined {
  return configured[`${provider}/${model}`] ?? configured[model] ?? BUILT_IN_MODELS[model];
}

export function costUsd(info: ModelInfo | undefined, inputTokens: number, outputTokens: number): number | undefined {
  if (info === undefined) return undefined;
  return (inputTokens * info.inputUsdPerMTok + outputTokens * info.outputUsdPerMTok) / 1_000_000;
}
