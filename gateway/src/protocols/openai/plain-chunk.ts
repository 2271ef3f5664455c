/**
 * Recognises the chunk nearly every OpenAI-compatible stream is made of (text deltas, the
 * finish chunk) without zod: the stream decoder runs once per event, and schema parsing
 * cost as much as the JSON.parse before it. True only when the value certainly satisfies
 * the decoder's chunk schema; anything else (tool calls, usage, odd types) goes through
 * the schema as before, so errors and rare shapes are handled in one place.
 */
export function isPlainChunk(value: unknown): boolean {
  if (!isObject(value)) return false;
  if (!optionalString(value.id) || !optionalString(value.model)) return false;
  // Usage chunks come once per stream: the schema checks them.
  if (value.usage !== undefined && value.usage !== null) return false;
  const choices = value.choices;
  if (choices === undefined || choices === null) return true;
  if (!Array.isArray(choices)) return false;
  for (const choice of choices as unknown[]) {
    if (!isObject(choice)) return false;
    // zod's number() refuses NaN and ±Infinity (JSON cannot carry them, but the check stays exact).
    if (choice.index !== undefined && !Number.isFinite(choice.index)) return false;
    if (!nullishString(choice.finish_reason)) return false;
    const delta = choice.delta;
    if (delta === undefined || delta === null) continue;
    if (!isObject(delta)) return false;
    if (!nullishString(delta.content) || !nullishString(delta.refusal)) return false;
    if (delta.tool_calls !== undefined && delta.tool_calls !== null) return false;
  }
  return true;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalString(value: unknown): boolean {
  return value === undefined || typeof value === 'string';
}

function nullishString(value: unknown): boolean {
  return value === undefined || value === null || typeof value === 'string';
}
