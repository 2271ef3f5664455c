// The models GET /v1/models lists, in each provider's list format
// (https://platform.openai.com/docs/api-reference/models/list,
// https://docs.claude.com/en/api/models-list).

const OPENAI_MODELS = [
  { id: 'gpt-4o', object: 'model', created: 1715367049, owned_by: 'system' },
  { id: 'gpt-4o-mini', object: 'model', created: 1721172741, owned_by: 'system' },
  { id: 'text-embedding-3-small', object: 'model', created: 1705948997, owned_by: 'system' },
] as const;

const ANTHROPIC_MODELS = [
  { type: 'model', id: 'claude-sonnet-4-5-20250929', display_name: 'Claude Sonnet 4.5', created_at: '2025-09-29T00:00:00Z' },
  { type: 'model', id: 'claude-haiku-4-5-20251001', display_name: 'Claude Haiku 4.5', created_at: '2025-10-01T00:00:00Z' },
  { type: 'model', id: 'claude-opus-4-1-20250805', display_name: 'Claude Opus 4.1', created_at: '2025-08-05T00:00:00Z' },
] as const;

export const OPENAI_MODEL_LIST = { object: 'list', data: OPENAI_MODELS };

export const ANTHROPIC_MODEL_LIST = {
  data: ANTHROPIC_MODELS,
  has_more: false,
  first_id: ANTHROPIC_MODELS[0].id,
  last_id: ANTHROPIC_MODELS[ANTHROPIC_MODELS.length - 1]?.id ?? null,
};

export function findOpenAIModel(id: string): object | undefined {
  return OPENAI_MODELS.find((model) => model.id === id);
}

export function findAnthropicModel(id: string): object | undefined {
  return ANTHROPIC_MODELS.find((model) => model.id === id);
}
