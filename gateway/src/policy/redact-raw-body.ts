import { createTextRedactor, type PiiRedactOptions, type PiiSummary, type TextRedactor } from './pii-redactor.js';
import { redactJsonText } from './redact-json-text.js';

/**
 * Redacts the client's raw request body, which same-protocol traffic forwards upstream as
 * is (so unknown fields survive). Every string under the fields that carry conversation
 * text is walked, whatever the surface (OpenAI chat, Anthropic messages, legacy completions'
 * `prompt`, Responses-style `input`); everything else in the body (model, tools, sampling
 * settings, metadata) is copied unchanged.
 *
 * Pure: returns a new body; unwalked subtrees are shared, nothing is mutated.
 */

const TEXT_ROOTS = ['messages', 'system', 'input', 'prompt'] as const;

/**
 * Keys whose values are structure, not prose: ids must match across turns, binary payloads
 * (base64 images, audio, files) would be corrupted by a false positive, and `signature`/
 * `encrypted_content` are verified by the provider.
 */
const STRUCTURAL_KEYS: ReadonlySet<string> = new Set([
  'role',
  'type',
  'id',
  'tool_call_id',
  'tool_use_id',
  'name',
  'model',
  'media_type',
  'data',
  'url',
  'image_url',
  'cache_control',
  'file_data',
  'file_id',
  'signature',
  'encrypted_content',
]);

/**
 * Blocks the provider signed or produced opaquely: Anthropic rejects a thinking block whose
 * text changed, and their text came from that provider in the first place.
 */
const OPAQUE_BLOCK_TYPES: ReadonlySet<string> = new Set(['thinking', 'redacted_thinking', 'reasoning']);

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function redactRawBody(body: Json, options: PiiRedactOptions = {}): PiiSummary & { body: Json } {
  const redactor = createTextRedactor(options);
  const out: Json = { ...body };
  for (const key of TEXT_ROOTS) {
    if (Object.hasOwn(body, key)) out[key] = walk(body[key], redactor, false);
  }
  return { body: out, ...redactor.summary() };
}

/** `free` is set inside tool inputs, where every key is the caller's data, not protocol structure. */
function walk(value: unknown, redactor: TextRedactor, free: boolean): unknown {
  if (typeof value === 'string') return redactor.redact(value);
  if (Array.isArray(value)) return value.map((v) => walk(v, redactor, free));
  if (!isRecord(value)) return value;
  if (!free && typeof value['type'] === 'string' && OPAQUE_BLOCK_TYPES.has(value['type'])) return value;
  // fromEntries defines properties, so a `__proto__` key in client JSON stays a plain key.
  return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, walkField(key, v, value, redactor, free)]));
}

function walkField(key: string, value: unknown, parent: Json, redactor: TextRedactor, free: boolean): unknown {
  if (free) return walk(value, redactor, true);
  // OpenAI tool_calls[].function.arguments: JSON text that must stay valid.
  if (key === 'arguments' && typeof value === 'string') return redactJsonText(value, redactor);
  // Anthropic tool_use.input: the arguments as an object whose keys may be named `name`, `id`…
  if (key === 'input' && isRecord(value)) return walk(value, redactor, true);
  // Anthropic plain-text document source: `{ type: 'text', media_type: 'text/plain', data }` is prose.
  if (key === 'data' && parent['type'] === 'text' && typeof value === 'string') return redactor.redact(value);
  if (STRUCTURAL_KEYS.has(key)) return value;
  return walk(value, redactor, false);
}
