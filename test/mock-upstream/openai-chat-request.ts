// Reads an OpenAI chat.completions body into a Conversation, with the validation the real
// API does first (https://platform.openai.com/docs/api-reference/chat/create).
import type { Conversation } from './answer-plan.js';
import type { JsonObject } from './json-guards.js';
import { arrayField, isObject, numberField, objectField, stringField, stringListField } from './json-guards.js';
import type { ReadResult } from './request-validation.js';
import { invalid } from './request-validation.js';
import { countWords } from './word-text.js';

export interface OpenAIChatRequest {
  readonly model: string;
  readonly stream: boolean;
  readonly includeUsage: boolean;
  readonly conversation: Conversation;
}

export function readOpenAIChatRequest(body: JsonObject): ReadResult<OpenAIChatRequest> {
  const model = stringField(body, 'model');
  if (model === undefined || model === '') return invalid('you must provide a model parameter');
  const messages = arrayField(body, 'messages');
  if (messages === undefined) {
    return invalid("Missing required parameter: 'messages'.", 'messages', 'missing_required_parameter');
  }
  if (messages.length === 0) {
    return invalid(
      "Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.",
      'messages',
      'empty_array',
    );
  }
  const checked: { role: string; text: string }[] = [];
  for (const [index, message] of messages.entries()) {
    const role = isObject(message) ? stringField(message, 'role') : undefined;
    if (!isObject(message) || role === undefined) {
      return invalid(`Missing required parameter: 'messages[${index}].role'.`, `messages[${index}].role`, 'missing_required_parameter');
    }
    checked.push({ role, text: contentText(message['content']) });
  }
  const streamOptions = objectField(body, 'stream_options');
  return {
    ok: true,
    value: {
      model,
      stream: body['stream'] === true,
      includeUsage: streamOptions?.['include_usage'] === true,
      conversation: summarise(checked, body),
    },
  };
}

function summarise(messages: readonly { role: string; text: string }[], body: JsonObject): Conversation {
  let inputWords = 0;
  for (const message of messages) inputWords += countWords(message.text);
  const last = messages[messages.length - 1];
  return {
    lastUserText: messages.findLast((m) => m.role === 'user')?.text ?? '',
    toolResultText: last?.role === 'tool' ? trailingToolResults(messages) : null,
    lastIsUser: last?.role === 'user',
    inputWords,
    toolName: chosenTool(body),
    stop: stringListField(body, 'stop'),
    maxTokens: numberField(body, 'max_completion_tokens') ?? numberField(body, 'max_tokens') ?? null,
  };
}

/** Parallel tool calls come back as several `tool` messages in a row: answer all of them. */
function trailingToolResults(messages: readonly { role: string; text: string }[]): string {
  const texts: string[] = [];
  for (let i = messages.length - 1; i >= 0 && messages[i]?.role === 'tool'; i--) {
    texts.unshift(messages[i]?.text ?? '');
  }
  return texts.join(' ');
}

/** `content` is a string, null (assistant tool calls) or an array of parts; only text counts. */
function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  const texts: string[] = [];
  for (const part of content) {
    if (isObject(part) && part['type'] === 'text') texts.push(stringField(part, 'text') ?? '');
  }
  return texts.join(' ');
}

function chosenTool(body: JsonObject): string | null {
  const tools = arrayField(body, 'tools');
  if (tools === undefined || tools.length === 0) return null;
  const choice = body['tool_choice'];
  if (choice === 'none') return null;
  if (isObject(choice)) {
    const forced = objectField(choice, 'function');
    const forcedName = forced === undefined ? undefined : stringField(forced, 'name');
    if (forcedName !== undefined) return forcedName;
  }
  const first = tools[0];
  const fn = isObject(first) ? objectField(first, 'function') : undefined;
  return (fn === undefined ? undefined : stringField(fn, 'name')) ?? null;
}
