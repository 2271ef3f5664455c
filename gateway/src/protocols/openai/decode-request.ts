import type {
  AssistantPart,
  CanonicalMessage,
  CanonicalRequest,
  ImagePart,
  ResponseFormat,
  TextPart,
  ToolChoice,
  ToolDefinition,
  UserPart,
} from '../../canonical/types.js';
import { TranslationError } from '../../canonical/translation-errors.js';
import type { OpenAIChatRequest } from './request-schema.js';

type OpenAIMessage = OpenAIChatRequest['messages'][number];
type UserContent = Extract<OpenAIMessage, { role: 'user' }>['content'];
type AssistantContent = Extract<OpenAIMessage, { role: 'assistant' }>['content'];
type TextContent = Extract<OpenAIMessage, { role: 'system' }>['content'];

/** Separator between hoisted system/developer messages, and between text parts of one. */
const SYSTEM_SEPARATOR = '\n\n';


/**
 * OpenAI request body -> canonical request. Pure: builds new objects, never mutates `body`.
 *
 * Fields the canonical format has no place for (seed, penalties, logprobs, metadata, store,
 * tool `strict`, ...) are dropped here; same-protocol traffic is expected to pass the raw body.
 */
export function decodeOpenAIRequest(body: OpenAIChatRequest): CanonicalRequest {
  const system: string[] = [];
  const messages: CanonicalMessage[] = [];

  body.messages.forEach((message, i) => {
    const path = `messages[${i}]`;
    switch (message.role) {
      case 'system':
      case 'developer':
        // Hoisted: the canonical format (like Anthropic) has one system prompt.
        system.push(textOf(message.content));
        return;
      case 'user':
        appendUserParts(messages, decodeUserContent(message.content, path));
        return;
      case 'assistant':
        messages.push({ role: 'assistant', content: decodeAssistant(message, path) });
        return;
      case 'tool': {
        const content = typeof message.content === 'string' ? message.content : message.content.map(toTextPart);
        appendUserParts(messages, [{ type: 'tool_result', toolCallId: message.tool_call_id, content }]);
        return;
      }
    }
  });

  const req: CanonicalRequest = { model: body.model, messages, stream: body.stream ?? false };
  if (system.length > 0) req.system = system.join(SYSTEM_SEPARATOR);
  const maxTokens = body.max_completion_tokens ?? body.max_tokens;
  if (maxTokens != null) req.maxTokens = maxTokens;
  if (body.temperature != null) req.temperature = body.temperature;
  if (body.top_p != null) req.topP = body.top_p;
  if (body.stop != null) req.stop = typeof body.stop === 'string' ? [body.stop] : [...body.stop];
  if (body.tools !== undefined) req.tools = body.tools.map(decodeTool);
  if (body.tool_choice !== undefined) req.toolChoice = decodeToolChoice(body.tool_choice);
  if (body.parallel_tool_calls !== undefined) req.parallelToolCalls = body.parallel_tool_calls;
  if (body.response_format !== undefined) req.responseFormat = decodeResponseFormat(body.response_format);
  if (body.user !== undefined) req.user = body.user;
  if (body.n != null) req.n = body.n;
  return req;
}

/**
 * Tool results travel as parts of a user message (canonical/Anthropic shape). Consecutive
 * `tool` messages share one user message, and a user message right after them joins it too,
 * so the canonical conversation keeps alternating user/assistant turns.
 */
function appendUserParts(messages: CanonicalMessage[], parts: UserPart[]): void {
  const last = messages.at(-1);
  // Only a message built from tool results is extended; two plain user messages stay two.
  if (last?.role === 'user' && last.content.length > 0 && !last.content.some((p) => p.type !== 'tool_result')) {
    last.content.push(...parts);
    return;
  }
  messages.push({ role: 'user', content: parts });
}

function textOf(content: TextContent): string {
  return typeof content === 'string' ? content : content.map((p) => p.text).join(SYSTEM_SEPARATOR);
}

function toTextPart(part: { text: string }): TextPart {
  return { type: 'text', text: part.text };
}

function decodeUserContent(content: UserContent, path: string): UserPart[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  return content.map((part, j): UserPart => {
    switch (part.type) {
      case 'text':
        return toTextPart(part);
      case 'image_url':
        return decodeImage(part.image_url.url, part.image_url.detail);
      default:
        throw new TranslationError(
          `content part type '${part.type}' cannot be translated for this model`,
          `${path}.content[${j}].type`,
        );
    }
  });
}

/** `data:<mediaType>;base64,<data>` becomes inline data; any other URL is passed as a URL. */
function decodeImage(url: string, detail: ImagePart['detail']): ImagePart {
  const match = /^data:([^;,]+);base64,(.*)$/s.exec(url);
  const image: ImagePart =
    match?.[1] !== undefined && match[2] !== undefined
      ? { type: 'image', source: { kind: 'base64', mediaType: match[1], data: match[2] } }
      : { type: 'image', source: { kind: 'url', url } };
  if (detail !== undefined) image.detail = detail;
  return image;
}

function decodeAssistant(message: Extract<OpenAIMessage, { role: 'assistant' }>, path: string): AssistantPart[] {
  const parts: AssistantPart[] = decodeAssistantContent(message.content);
  // A refusal is what the model said; in history it is plain assistant text.
  if (message.refusal != null && message.refusal !== '') parts.push({ type: 'text', text: message.refusal });
  if (message['function_call'] != null) {
    throw new TranslationError('deprecated function_call cannot be translated; use tool_calls', `${path}.function_call`);
  }
  for (const call of message.tool_calls ?? []) {
    parts.push({ type: 'tool_call', id: call.id, name: call.function.name, arguments: call.function.arguments });
  }
  return parts;
}

function decodeAssistantContent(content: AssistantContent): AssistantPart[] {
  if (content == null) return [];
  if (typeof content === 'string') return content === '' ? [] : [{ type: 'text', text: content }];
  return content.map((part) => ({ type: 'text', text: part.type === 'text' ? part.text : part.refusal }));
}

function decodeTool(tool: NonNullable<OpenAIChatRequest['tools']>[number]): ToolDefinition {
  const def: ToolDefinition = {
    name: tool.function.name,
    // OpenAI does not require parameters; the canonical format does, so "no arguments" is spelled out.
    parameters: tool.function.parameters ?? { type: 'object', properties: {} },
  };
  if (tool.function.description !== undefined) def.description = tool.function.description;
  return def;
}

function decodeToolChoice(choice: NonNullable<OpenAIChatRequest['tool_choice']>): ToolChoice {
  return typeof choice === 'string' ? choice : { name: choice.function.name };
}

function decodeResponseFormat(format: NonNullable<OpenAIChatRequest['response_format']>): ResponseFormat {
  switch (format.type) {
    case 'text':
      return { type: 'text' };
    case 'json_object':
      return { type: 'json_object' };
    case 'json_schema': {
      const out: ResponseFormat = {
        type: 'json_schema',
        name: format.json_schema.name,
        // OpenAI allows a schema-less json_schema; an empty schema accepts any JSON.
        schema: format.json_schema.schema ?? {},
      };
      if (format.json_schema.strict != null) out.strict = format.json_schema.strict;
      return out;
    }
  }
}
