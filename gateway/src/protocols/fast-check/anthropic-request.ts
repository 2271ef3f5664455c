import { isAnthropicContentBlock, isAnthropicTextBlock } from './anthropic-blocks.js';
import { inRange, isArrayOf, isIntMin, isNonEmptyString, isObj, isOptionalArrayOf, isStringArray, isStringOrArrayOf, isUnknownRecord, optBool, optString } from './guards.js';

/**
 * Fast mirror of `anthropicMessagesRequestSchema` (anthropic/request-schema.ts). True only
 * when zod would certainly accept the body and return a deep-equal copy; false means "ask
 * zod". Every optional field there is `.optional()` only, so null is rejected throughout.
 */
export function fastValidAnthropic(body: unknown): body is Record<string, unknown> {
  if (!isObj(body) || !isNonEmptyString(body['model']) || !isIntMin(body['max_tokens'], 1)) return false;
  const messages = body['messages'];
  if (!isArrayOf(messages, isMessage) || messages.length === 0) return false;
  return paramsValid(body) && toolsValid(body);
}

function isMessage(m: unknown): boolean {
  if (!isObj(m)) return false;
  const role = m['role'];
  if (role !== 'user' && role !== 'assistant') return false;
  // An empty block array is valid: the schema sets no `.min`.
  return isStringOrArrayOf(m['content'], isAnthropicContentBlock);
}

function paramsValid(body: Record<string, unknown>): boolean {
  const system = body['system'];
  if (system !== undefined && !isStringOrArrayOf(system, isAnthropicTextBlock)) return false;
  const stopSequences = body['stop_sequences'];
  const temperature = body['temperature'];
  const topP = body['top_p'];
  const topK = body['top_k'];
  const metadata = body['metadata'];
  return (
    (stopSequences === undefined || isStringArray(stopSequences, Infinity)) &&
    (temperature === undefined || inRange(temperature, 0, 1)) &&
    (topP === undefined || inRange(topP, 0, 1)) &&
    (topK === undefined || isIntMin(topK, 0)) &&
    optBool(body['stream']) &&
    (metadata === undefined || (isObj(metadata) && (metadata['user_id'] === null || optString(metadata['user_id']))))
  );
}

/** `toolSchema`: custom tools (no type, or `custom`) need an input_schema; server tools not. */
function isTool(tool: unknown): boolean {
  if (!isObj(tool)) return false;
  const type = tool['type'];
  const inputSchema = tool['input_schema'];
  if (!optString(type) || !isNonEmptyString(tool['name']) || !optString(tool['description'])) return false;
  if (inputSchema !== undefined) return isUnknownRecord(inputSchema);
  return type !== undefined && type !== 'custom';
}

/** `toolChoiceSchema`: auto | any | none | tool. */
function isToolChoice(choice: unknown): boolean {
  if (!isObj(choice)) return false;
  switch (choice['type']) {
    case 'auto':
    case 'any':
      return optBool(choice['disable_parallel_tool_use']);
    case 'none':
      return true;
    case 'tool':
      return isNonEmptyString(choice['name']) && optBool(choice['disable_parallel_tool_use']);
    default:
      return false;
  }
}

function toolsValid(body: Record<string, unknown>): boolean {
  if (!isOptionalArrayOf(body['tools'], isTool)) return false;
  const choice = body['tool_choice'];
  return choice === undefined || isToolChoice(choice);
}
