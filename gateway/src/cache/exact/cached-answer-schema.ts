import { z } from 'zod';
import type { AssistantPart, CanonicalResponse, StopReason, Usage } from '../../canonical/types.js';
import type { CachedAnswer } from './exact-cache-store.js';

/*
 * A CachedAnswer as read back from Redis, where anything (an older gateway, an operator, a
 * bug) may have written the key: what fails this schema is a miss, never a malformed answer
 * sent to a client. Objects are loose (not strict) so a field added later by a newer gateway
 * does not turn every entry into a miss during a rolling deploy.
 */

const assistantPartSchema = z.union([
  z.object({ type: z.literal('text'), text: z.string() }),
  z.object({ type: z.literal('tool_call'), id: z.string(), name: z.string(), arguments: z.string() }),
]) satisfies z.ZodType<AssistantPart>;

const stopReasonSchema = z.enum(['end', 'max_tokens', 'stop_sequence', 'tool_use', 'content_filter', 'refusal']) satisfies z.ZodType<StopReason>;

const usageSchema = z.object({
  inputTokens: z.number(),
  outputTokens: z.number(),
  cachedInputTokens: z.number().optional(),
}) satisfies z.ZodType<Usage>;

const responseSchema = z.object({
  id: z.string(),
  model: z.string(),
  content: z.array(assistantPartSchema),
  stopReason: stopReasonSchema,
  stopSequence: z.string().optional(),
  usage: usageSchema,
}) satisfies z.ZodType<CanonicalResponse>;

export const cachedAnswerSchema = z.object({
  response: responseSchema,
  storedAt: z.number(),
  model: z.string(),
  requestedModel: z.string(),
}) satisfies z.ZodType<CachedAnswer>;

/** Parses a stored value; throws (with zod's description of what is wrong) when it is not an answer. */
export function decodeCachedAnswer(json: string): CachedAnswer {
  return cachedAnswerSchema.parse(JSON.parse(json));
}
