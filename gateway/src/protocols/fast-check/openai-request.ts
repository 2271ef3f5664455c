import { inRange, isArrayOf, isIntMin, isOptionalArrayOf, isNonEmptyString, isNumberRecord, isObj, isStringArray, isStringRecord, nullishBool, optBool, optString } from './guards.js';
import { isOpenAIMessage, isOpenAIResponseFormat, isOpenAITool, isOpenAIToolChoice } from './openai-messages.js';

/**
 * Fast mirror of `openaiChatRequestSchema` (openai/request-schema.ts). True only when zod
 * would certainly accept the body and return a deep-equal copy; false means "ask zod".
 * Most parameters are `.nullish()` there; the few that are only `.optional()` (tools,
 * tool_choice, parallel_tool_calls, response_format, user) reject null here too.
 */
export function fastValidOpenAI(body: unknown): body is Record<string, unknown> {
  if (!isObj(body) || !isNonEmptyString(body['model'])) return false;
  const messages = body['messages'];
  if (!isArrayOf(messages, isOpenAIMessage) || messages.length === 0) return false;
  return samplingValid(body) && extrasValid(body) && toolingValid(body);
}

function isNullish(value: unknown): value is null | undefined {
  return value === undefined || value === null;
}

/** `positiveInt.nullish()`: a safe integer ≥ 1, null or absent. */
function nullishPositiveInt(value: unknown): boolean {
  return isNullish(value) || isIntMin(value, 1);
}

function samplingValid(body: Record<string, unknown>): boolean {
  const streamOptions = body['stream_options'];
  if (!nullishBool(body['stream'])) return false;
  if (!isNullish(streamOptions) && !(isObj(streamOptions) && optBool(streamOptions['include_usage']))) return false;
  const stop = body['stop'];
  if (!isNullish(stop) && typeof stop !== 'string' && !isStringArray(stop, 4)) return false;
  const temperature = body['temperature'];
  const topP = body['top_p'];
  return (
    (isNullish(temperature) || inRange(temperature, 0, 2)) &&
    (isNullish(topP) || inRange(topP, 0, 1)) &&
    nullishPositiveInt(body['n']) &&
    nullishPositiveInt(body['max_tokens']) &&
    nullishPositiveInt(body['max_completion_tokens'])
  );
}

/** The pass-through parameters the canonical format does not carry. */
function extrasValid(body: Record<string, unknown>): boolean {
  const seed = body['seed'];
  const presence = body['presence_penalty'];
  const frequency = body['frequency_penalty'];
  const logitBias = body['logit_bias'];
  const topLogprobs = body['top_logprobs'];
  const metadata = body['metadata'];
  return (
    optString(body['user']) &&
    (isNullish(seed) || Number.isSafeInteger(seed)) &&
    (isNullish(presence) || inRange(presence, -2, 2)) &&
    (isNullish(frequency) || inRange(frequency, -2, 2)) &&
    (isNullish(logitBias) || isNumberRecord(logitBias)) &&
    nullishBool(body['logprobs']) &&
    (isNullish(topLogprobs) || (Number.isSafeInteger(topLogprobs) && inRange(topLogprobs, 0, 20))) &&
    (isNullish(metadata) || isStringRecord(metadata)) &&
    nullishBool(body['store'])
  );
}

function toolingValid(body: Record<string, unknown>): boolean {
  if (!isOptionalArrayOf(body['tools'], isOpenAITool)) return false;
  const toolChoice = body['tool_choice'];
  const format = body['response_format'];
  return (
    (toolChoice === undefined || isOpenAIToolChoice(toolChoice)) &&
    optBool(body['parallel_tool_calls']) &&
    (format === undefined || isOpenAIResponseFormat(format))
  );
}
