// Reads an Anthropic /v1/messages body into a Conversation, with the validation the real
// API does first (https://docs.claude.com/en/api/messages).
import type { Conversation } from './answer-plan.js';
import type { JsonObject } from './json-guards.js';
import { arrayField, isObject, numberField, objectField, stringField, stringListField } from './json-guards.js';
import type { ReadResult } from './request-validation.js';
import { invalid } from './request-validation.js';
import { countWords } from './word-text.js';

export interface AnthropicMessagesRequest {
  readonly model: string;
  readonly stream: boolean;
  readonly conversation: Conversation;
}

interface MessageTexts {
  readonly role: string;
  /** Text blocks (or string content) joined by a space. */
  readonly text: string;
  /** Texts of tool_result blocks; null when the message has none. */
  readonly toolResults: string | null;
}

export function readAnthropicMessagesRequest(body: JsonObject, requireMaxTokens = true): ReadResult<AnthropicMessagesRequest> {
  const model = stringField(body, 'model');
  if (model === undefined || model === '') return invalid('model: Field required');
  const messages = arrayField(body, 'messages');
  if (messages === undefined) return invalid('messages: Field required');
  const maxTokens = numberField(body, 'max_tokens');
  if (requireMaxTokens && maxTokens === undefined) return invalid('max_tokens: Field required');
  if (messages.length === 0) return invalid('messages: at least one message is required');
  const checked: MessageTexts[] = [];
  for (const [index, message] of messages.entries()) {
    const role = isObject(message) ? stringField(message, 'role') : undefined;
    if (!isObject(message) || role === undefined) return invalid(`messages.${index}.role: Field required`);
    checked.push(readMessage(role, message['content']));
  }
  return {
    ok: true,
    value: { model, stream: body['stream'] === true, conversation: summarise(checked, body, maxTokens ?? null) },
  };
}

function summarise(messages: readonly MessageTexts[], body: JsonObject, maxTokens: number | null): Conversation {
  let inputWords = countWords(blocksText(body['system']));
  for (const message of messages) {
    inputWords += countWords(message.text) + countWords(message.toolResults ?? '');
  }
  const last = messages[messages.length - 1];
  const lastIsToolResult = last?.role === 'user' && last.toolResults !== null;
  return {
    lastUserText: messages.findLast((m) => m.role === 'user' && m.toolResults === null)?.text ?? '',
    toolResultText: lastIsToolResult ? (last.toolResults ?? '') : null,
    lastIsUser: last?.role === 'user' && !lastIsToolResult,
    inputWords,
    toolName: chosenTool(body),
    stop: stringListField(body, 'stop_sequences'),
    maxTokens,
  };
}

function readMessage(role: string, content: unknown): MessageTexts {
  if (!Array.isArray(content)) return { role, text: typeof content === 'string' ? content : '', toolResults: null };
  const texts: string[] = [];
  let results: string[] | null = null;
  for (const block of content) {
    if (!isObject(block)) continue;
    if (block['type'] === 'text') texts.push(stringField(block, 'text') ?? '');
    if (block['type'] === 'tool_result') (results ??= []).push(blocksText(block['content']));
  }
  return { role, text: texts.join(' '), toolResults: results === null ? null : results.join(' ') };
}

/** `system` and tool_result `content` are either a string or a list of text blocks. */
function blocksText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (!Array.isArray(value)) return '';
  const texts: string[] = [];
  for (const block of value) {
    if (isObject(block) && block['type'] === 'text') texts.push(stringField(block, 'text') ?? '');
  }
  return texts.join(' ');
}

function chosenTool(body: JsonObject): string | null {
  const tools = arrayField(body, 'tools');
  if (tools === undefined || tools.length === 0) return null;
  const choice = objectField(body, 'tool_choice');
  if (choice?.['type'] === 'none') return null;
  if (choice?.['type'] === 'tool') {
    const forced = stringField(choice, 'name');
    if (forced !== undefined) return forced;
  }
  const first = tools[0];
  return (isObject(first) ? stringField(first, 'name') : undefined) ?? null;
}
