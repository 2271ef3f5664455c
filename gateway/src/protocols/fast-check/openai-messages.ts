import { isObj, isNonEmptyString, isOptionalArrayOf, isStringOrArrayOf, nullishBool, optString, isUnknownRecord } from './guards.js';

/**
 * Hand-written mirror of the message and tool parts of openai/request-schema.ts. Every
 * function answers true only for values that schema certainly accepts unchanged.
 */

/** `textPart`: `{type:'text', text: string}` (loose). */
function isTextPart(part: unknown): boolean {
  return isObj(part) && part['type'] === 'text' && typeof part['text'] === 'string';
}

/** `stringOrArrayOf(textPart)`; an empty array is valid (the array has no `.min`). */
function isTextContent(content: unknown): boolean {
  return isStringOrArrayOf(content, isTextPart);
}

/** One `userContentPart`: the text / image_url / input_audio / file discriminated union. */
function isUserPart(part: unknown): boolean {
  if (!isObj(part)) return false;
  switch (part['type']) {
    case 'text':
      return typeof part['text'] === 'string';
    case 'image_url': {
      const image = part['image_url'];
      if (!isObj(image) || typeof image['url'] !== 'string') return false;
      // `.optional()`, not nullish: null is rejected.
      const detail = image['detail'];
      return detail === undefined || detail === 'auto' || detail === 'low' || detail === 'high';
    }
    case 'input_audio': {
      const audio = part['input_audio'];
      return isObj(audio) && typeof audio['data'] === 'string' && typeof audio['format'] === 'string';
    }
    case 'file':
      return isObj(part['file']);
    default:
      return false;
  }
}

function isUserContent(content: unknown): boolean {
  return isStringOrArrayOf(content, isUserPart);
}

/** `assistantContentPart`: text or refusal. */
function isAssistantPart(part: unknown): boolean {
  if (!isObj(part)) return false;
  const type = part['type'];
  return type === 'text' ? typeof part['text'] === 'string' : type === 'refusal' && typeof part['refusal'] === 'string';
}

/** `toolCall`: `{id, type:'function', function:{name, arguments}}`, all strings (empty allowed). */
function isToolCall(call: unknown): boolean {
  if (!isObj(call) || typeof call['id'] !== 'string' || call['type'] !== 'function') return false;
  const fn = call['function'];
  return isObj(fn) && typeof fn['name'] === 'string' && typeof fn['arguments'] === 'string';
}

function isAssistantMessage(m: Record<string, unknown>): boolean {
  const content = m['content'];
  const refusal = m['refusal'];
  const toolCalls = m['tool_calls'];
  if (!optString(m['name'])) return false;
  if (refusal !== undefined && refusal !== null && typeof refusal !== 'string') return false;
  // `tool_calls` is `.optional()` (null is rejected) and may be empty.
  if (!isOptionalArrayOf(toolCalls, isToolCall)) return false;
  const callCount = Array.isArray(toolCalls) ? toolCalls.length : 0;
  if (content !== undefined && content !== null) return isStringOrArrayOf(content, isAssistantPart);
  // The schema's `.check`: null/absent content needs tool calls, a refusal or a function_call.
  const functionCall = m['function_call'];
  return callCount > 0 || (refusal !== undefined && refusal !== null) || (functionCall !== undefined && functionCall !== null);
}

/** One entry of `messages`: the discriminated union on `role`. */
export function isOpenAIMessage(m: unknown): boolean {
  if (!isObj(m)) return false;
  switch (m['role']) {
    case 'user':
      return optString(m['name']) && isUserContent(m['content']);
    case 'system':
    case 'developer':
      return optString(m['name']) && isTextContent(m['content']);
    case 'assistant':
      return isAssistantMessage(m);
    case 'tool':
      // The tool message declares no `name`; any extra key is passed through.
      return typeof m['tool_call_id'] === 'string' && isTextContent(m['content']);
    default:
      return false;
  }
}

/** One entry of `tools`. */
export function isOpenAITool(tool: unknown): boolean {
  if (!isObj(tool) || tool['type'] !== 'function') return false;
  const fn = tool['function'];
  if (!isObj(fn) || !isNonEmptyString(fn['name']) || !optString(fn['description'])) return false;
  const parameters = fn['parameters'];
  return (parameters === undefined || isUnknownRecord(parameters)) && nullishBool(fn['strict']);
}

/** `tool_choice`: `'none' | 'auto' | 'required'` or `{type:'function', function:{name}}`. */
export function isOpenAIToolChoice(choice: unknown): boolean {
  if (choice === 'none' || choice === 'auto' || choice === 'required') return true;
  if (!isObj(choice) || choice['type'] !== 'function') return false;
  const fn = choice['function'];
  // Here `name` is a plain z.string(): empty is allowed.
  return isObj(fn) && typeof fn['name'] === 'string';
}

/** `response_format`: text | json_object | json_schema. */
export function isOpenAIResponseFormat(format: unknown): boolean {
  if (!isObj(format)) return false;
  const type = format['type'];
  if (type === 'text' || type === 'json_object') return true;
  if (type !== 'json_schema') return false;
  const spec = format['json_schema'];
  if (!isObj(spec) || !isNonEmptyString(spec['name']) || !optString(spec['description'])) return false;
  const schema = spec['schema'];
  return (schema === undefined || isUnknownRecord(schema)) && nullishBool(spec['strict']);
}
