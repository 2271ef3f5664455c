import type {
  AssistantPart,
  CanonicalMessage,
  CanonicalRequest,
  ImagePart,
  ResponseFormat,
  ToolResultPart,
  UserPart,
} from '../../canonical/types.js';
import { TranslationError } from '../../canonical/translation-errors.js';
import type { EncodeRequestOptions } from '../chat-protocol.js';

type Json = Record<string, unknown>;

/**
 * Canonical request -> OpenAI Chat Completions body, for OpenAI, vLLM or any compatible
 * server. Pure: every object in the result is new or an unmodified reference into `req`
 * (tool schemas), and `req` is never written.
 *
 * Choices a caller should know:
 * - The output limit is sent as `max_completion_tokens` (`max_tokens` is deprecated by
 *   OpenAI and rejected for its reasoning models; vLLM accepts both).
 * - Streaming always asks for `stream_options.include_usage`: the gateway meters usage.
 * - `tool_choice` and `parallel_tool_calls` are only sent with a non-empty `tools`, which
 *   OpenAI requires; an empty `tools` is omitted, as OpenAI rejects `[]`.
 * - Tool results become `tool` messages with string content (text parts joined with a
 *   blank line). OpenAI has no error flag, so `isError` is dropped and the content is sent
 *   as is: the error text itself tells the model what went wrong.
 * - `options.defaultMaxTokens` is not used: OpenAI does not require a limit.
 */
export function encodeOpenAIRequest(req: CanonicalRequest, _options?: EncodeRequestOptions): Json {
  const messages: Json[] = [];
  if (req.system !== undefined && req.system !== '') messages.push({ role: 'system', content: req.system });
  req.messages.forEach((message, i) => messages.push(...encodeMessage(message, `messages[${i}]`)));

  const body: Json = { model: req.model, messages };
  if (req.maxTokens !== undefined) body['max_completion_tokens'] = req.maxTokens;
  if (req.temperature !== undefined) body['temperature'] = req.temperature;
  if (req.topP !== undefined) body['top_p'] = req.topP;
  if (req.stop !== undefined && req.stop.length > 0) body['stop'] = [...req.stop];
  if (req.tools !== undefined && req.tools.length > 0) {
    body['tools'] = req.tools.map((tool) => ({
      type: 'function',
      function: {
        name: tool.name,
        ...(tool.description !== undefined ? { description: tool.description } : {}),
        parameters: tool.parameters,
      },
    }));
    if (req.toolChoice !== undefined) {
      body['tool_choice'] =
        typeof req.toolChoice === 'string'
          ? req.toolChoice
          : { type: 'function', function: { name: req.toolChoice.name } };
    }
    if (req.parallelToolCalls !== undefined) body['parallel_tool_calls'] = req.parallelToolCalls;
  }
  if (req.responseFormat !== undefined) body['response_format'] = encodeResponseFormat(req.responseFormat);
  if (req.user !== undefined) body['user'] = req.user;
  if (req.n !== undefined) body['n'] = req.n;
  body['stream'] = req.stream;
  if (req.stream) body['stream_options'] = { include_usage: true };
  return body;
}

function encodeMessage(message: CanonicalMessage, path: string): Json[] {
  if (message.role === 'assistant') return [encodeAssistant(message.content)];

  // OpenAI wants tool results as separate `tool` messages right after the assistant turn,
  // so they go first and whatever else the user said follows as one user message.
  const out: Json[] = [];
  const rest: Array<Exclude<UserPart, ToolResultPart>> = [];
  message.content.forEach((part, j) => {
    if (part.type === 'tool_result') out.push(encodeToolResult(part, `${path}.content[${j}]`));
    else rest.push(part);
  });
  if (rest.length > 0 || out.length === 0) out.push({ role: 'user', content: encodeUserContent(rest) });
  return out;
}

function encodeUserContent(parts: Array<Exclude<UserPart, ToolResultPart>>): string | Json[] {
  const [first] = parts;
  // One text part is sent as a plain string, the form every compatible server understands.
  if (parts.length === 0) return '';
  if (parts.length === 1 && first?.type === 'text') return first.text;
  return parts.map((part) => (part.type === 'text' ? { type: 'text', text: part.text } : encodeImage(part)));
}

function encodeImage(part: ImagePart): Json {
  const url = part.source.kind === 'url' ? part.source.url : `data:${part.source.mediaType};base64,${part.source.data}`;
  return { type: 'image_url', image_url: part.detail !== undefined ? { url, detail: part.detail } : { url } };
}

function encodeToolResult(part: ToolResultPart, path: string): Json {
  let content: string;
  if (typeof part.content === 'string') {
    content = part.content;
  } else {
    const texts = part.content.map((inner, k) => {
      if (inner.type === 'text') return inner.text;
      throw new TranslationError('OpenAI tool messages cannot carry images', `${path}.content[${k}]`);
    });
    content = texts.join('\n\n');
  }
  return { role: 'tool', tool_call_id: part.toolCallId, content };
}

function encodeAssistant(parts: AssistantPart[]): Json {
  const texts: string[] = [];
  const toolCalls: Json[] = [];
  for (const part of parts) {
    if (part.type === 'text') texts.push(part.text);
    else toolCalls.push({ id: part.id, type: 'function', function: { name: part.name, arguments: part.arguments } });
  }
  // Several text parts (e.g. Anthropic text around a tool_use) stay separate parts rather
  // than being glued with an invented separator; one text part is a plain string.
  let content: string | Json[] | null;
  if (texts.length === 0) content = toolCalls.length > 0 ? null : '';
  else if (texts.length === 1) content = texts[0] ?? '';
  else content = texts.map((text) => ({ type: 'text', text }));
  const message: Json = { role: 'assistant', content };
  if (toolCalls.length > 0) message['tool_calls'] = toolCalls;
  return message;
}

function encodeResponseFormat(format: ResponseFormat): Json {
  if (format.type !== 'json_schema') return { type: format.type };
  const jsonSchema: Json = { name: format.name, schema: format.schema };
  if (format.strict !== undefined) jsonSchema['strict'] = format.strict;
  return { type: 'json_schema', json_schema: jsonSchema };
}
