import type {
  AssistantPart,
  CanonicalMessage,
  CanonicalRequest,
  ImagePart,
  TextPart,
  ToolCallPart,
  UserPart,
} from '../../canonical/types.js';
import { TranslationError } from '../../canonical/translation-errors.js';
import type { EncodeRequestOptions } from '../chat-protocol.js';
import { JSON_OUTPUT_TOOL_NAME } from './json-output-tool.js';

type WireBlock = Record<string, unknown>;
interface WireTool {
  name: string;
  description?: string;
  input_schema: Record<string, unknown>;
}

/**
 * Canonical -> a POST /v1/messages body for api.anthropic.com. Pure: builds new objects and
 * never touches `req`, which the attempt loop re-encodes for each upstream it tries.
 * Messages are kept as given (Anthropic merges consecutive same-role turns itself).
 */
export function encodeAnthropicRequest(req: CanonicalRequest, options: EncodeRequestOptions): Record<string, unknown> {
  if (req.n !== undefined && req.n > 1) {
    throw new TranslationError(`n=${req.n} cannot be translated: Anthropic returns one choice`, 'n');
  }
  const body: Record<string, unknown> = {
    model: req.model,
    max_tokens: req.maxTokens ?? options.defaultMaxTokens,
    messages: req.messages.map(encodeMessage),
  };
  // Anthropic rejects empty text blocks, and an empty system prompt means "none" anyway.
  if (req.system !== undefined && req.system !== '') body.system = req.system;
  // OpenAI allows temperature up to 2, Anthropic up to 1. Clamping keeps "as random as
  // allowed" instead of failing a request whose client cannot know where it was routed.
  if (req.temperature !== undefined) body.temperature = Math.min(req.temperature, 1);
  if (req.topP !== undefined) body.top_p = req.topP;
  if (req.stop !== undefined && req.stop.length > 0) body.stop_sequences = [...req.stop];
  body.stream = req.stream;
  if (req.user !== undefined) body.metadata = { user_id: req.user };
  Object.assign(body, encodeTools(req));
  return body;
}

/** tools + tool_choice, or the forced-tool emulation of JSON mode. */
function encodeTools(req: CanonicalRequest): Record<string, unknown> {
  const format = req.responseFormat;
  if (format !== undefined && format.type !== 'text') {
    if (req.tools !== undefined && req.tools.length > 0) {
      throw new TranslationError(
        'response_format cannot be combined with tools for Anthropic: JSON mode is emulated with a forced tool',
        'response_format',
      );
    }
    const tool: WireTool = {
      name: JSON_OUTPUT_TOOL_NAME,
      description: 'Write your complete answer as the input of this tool, as JSON matching its schema.',
      input_schema: format.type === 'json_schema' ? structuredClone(format.schema) : { type: 'object' },
    };
    // One forced call, never several: the answer is that single tool input.
    return { tools: [tool], tool_choice: { type: 'tool', name: JSON_OUTPUT_TOOL_NAME, disable_parallel_tool_use: true } };
  }
  // Anthropic rejects tool_choice without tools ("tool_choice may only be specified while
  // providing tools"); without tools there is nothing to choose, so it is dropped.
  if (req.tools === undefined || req.tools.length === 0) return {};
  const tools = req.tools.map((t): WireTool => {
    // Cloned so that a later step editing the body cannot reach back into the canonical request.
    const tool: WireTool = { name: t.name, input_schema: structuredClone(t.parameters) };
    if (t.description !== undefined) tool.description = t.description;
    return tool;
  });
  const choice = encodeToolChoice(req);
  return choice === undefined ? { tools } : { tools, tool_choice: choice };
}

function encodeToolChoice(req: CanonicalRequest): Record<string, unknown> | undefined {
  const disable = req.parallelToolCalls === false ? { disable_parallel_tool_use: true } : {};
  const choice = req.toolChoice;
  // `none` has no disable_parallel_tool_use field: with no calls there is nothing to parallelise.
  if (choice === 'none') return { type: 'none' };
  if (choice === 'required') return { type: 'any', ...disable };
  if (typeof choice === 'object') return { type: 'tool', name: choice.name, ...disable };
  if (choice === 'auto' || req.parallelToolCalls === false) return { type: 'auto', ...disable };
  return undefined;
}

function encodeMessage(message: CanonicalMessage, i: number): Record<string, unknown> {
  if (message.role === 'assistant') {
    const content = dropEmptyText(message.content).map((part, j) => encodeAssistantPart(part, `messages[${i}].content[${j}]`));
    return { role: 'assistant', content };
  }
  // Anthropic requires tool_result blocks before any other block of the user turn
  // (https://docs.anthropic.com/en/docs/build-with-claude/tool-use/implement-tool-use),
  // while OpenAI-shaped history can append the next user text after the tool messages.
  const parts = dropEmptyText(message.content);
  const ordered = [...parts.filter((p) => p.type === 'tool_result'), ...parts.filter((p) => p.type !== 'tool_result')];
  return { role: 'user', content: ordered.map(encodeUserPart) };
}

/**
 * Anthropic rejects empty text blocks, which OpenAI history has plenty of (an assistant
 * turn with content "" and tool calls). A message with nothing else is left as is, so the
 * upstream reports it rather than us inventing content.
 */
function dropEmptyText<P extends UserPart | AssistantPart>(parts: P[]): P[] {
  const kept = parts.filter((p) => p.type !== 'text' || p.text !== '');
  return kept.length > 0 ? kept : parts;
}

function encodeUserPart(part: UserPart): WireBlock {
  switch (part.type) {
    case 'text':
      return encodeText(part);
    case 'image':
      return encodeImage(part);
    case 'tool_result': {
      const block: WireBlock = {
        type: 'tool_result',
        tool_use_id: part.toolCallId,
        content: typeof part.content === 'string' ? part.content : part.content.map((p) => (p.type === 'text' ? encodeText(p) : encodeImage(p))),
      };
      if (part.isError === true) block.is_error = true;
      return block;
    }
  }
}

function encodeAssistantPart(part: AssistantPart, path: string): WireBlock {
  return part.type === 'text' ? encodeText(part) : encodeToolCall(part, path);
}

function encodeText(part: TextPart): WireBlock {
  return { type: 'text', text: part.text };
}

/** `detail` has no Anthropic equivalent and is dropped. */
function encodeImage(part: ImagePart): WireBlock {
  const source = part.source;
  return source.kind === 'url'
    ? { type: 'image', source: { type: 'url', url: source.url } }
    : { type: 'image', source: { type: 'base64', media_type: source.mediaType, data: source.data } };
}

function encodeToolCall(part: ToolCallPart, path: string): WireBlock {
  return { type: 'tool_use', id: part.id, name: part.name, input: parseToolInput(part.arguments, `${path}.arguments`) };
}

/**
 * Anthropic's tool_use.input must be an object. OpenAI models emit "" for a call without
 * arguments, which means {}; anything else that is not a JSON object cannot be sent.
 */
function parseToolInput(args: string, param: string): Record<string, unknown> {
  if (args.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(args);
  } catch {
    throw new TranslationError('tool call arguments are not valid JSON; Anthropic needs a JSON object', param);
  }
  if (!isPlainObject(parsed)) {
    throw new TranslationError('tool call arguments are not a JSON object; Anthropic needs a JSON object', param);
  }
  return parsed;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
