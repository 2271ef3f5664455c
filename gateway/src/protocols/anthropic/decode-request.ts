import type {
  AssistantPart,
  CanonicalMessage,
  CanonicalRequest,
  ImagePart,
  TextPart,
  ToolChoice,
  ToolDefinition,
  UserPart,
} from '../../canonical/types.js';
import { TranslationError } from '../../canonical/translation-errors.js';
import {
  KNOWN_CONTENT_BLOCK_TYPES,
  KNOWN_TOOL_RESULT_CONTENT_BLOCK_TYPES,
  type AnthropicKnownContentBlock,
  type AnthropicKnownToolResultContentBlock,
  type AnthropicMessage,
  type AnthropicMessagesRequest,
  type AnthropicTool,
  type AnthropicToolChoice,
  type AnthropicToolResultContentBlock,
  type AnthropicUnknownContentBlock,
} from './request-schema.js';

type AnyBlock = AnthropicKnownContentBlock | AnthropicUnknownContentBlock;
type ImageBlock = Extract<AnthropicKnownContentBlock, { type: 'image' }>;

const knownTypes: ReadonlySet<string> = new Set(KNOWN_CONTENT_BLOCK_TYPES);
const knownToolResultTypes: ReadonlySet<string> = new Set(KNOWN_TOOL_RESULT_CONTENT_BLOCK_TYPES);

/** The schema lets unknown block types through; these tell TypeScript which kind we hold. */
function isKnownBlock(block: AnyBlock): block is AnthropicKnownContentBlock {
  return knownTypes.has(block.type);
}
function isKnownToolResultBlock(block: AnthropicToolResultContentBlock): block is AnthropicKnownToolResultContentBlock {
  return knownToolResultTypes.has(block.type);
}

/**
 * A validated Anthropic request -> canonical. Dropped on purpose, because canonical (and
 * OpenAI) has nowhere to put them: `top_k`, `cache_control`, text `citations`, the
 * `thinking` config, and thinking / redacted_thinking blocks (their signatures only
 * verify against Anthropic, so they cannot be carried to another protocol). What would
 * change the meaning if dropped (documents, server tools, file images) is a TranslationError.
 */
export function decodeAnthropicRequest(body: AnthropicMessagesRequest): CanonicalRequest {
  const req: CanonicalRequest = {
    model: body.model,
    messages: body.messages.map(decodeMessage),
    maxTokens: body.max_tokens,
    stream: body.stream ?? false,
  };
  const system = decodeSystem(body.system);
  if (system !== undefined) req.system = system;
  if (body.temperature !== undefined) req.temperature = body.temperature;
  if (body.top_p !== undefined) req.topP = body.top_p;
  if (body.stop_sequences !== undefined) req.stop = [...body.stop_sequences];
  if (body.tools !== undefined) req.tools = body.tools.map(decodeTool);
  if (body.tool_choice !== undefined) {
    req.toolChoice = decodeToolChoice(body.tool_choice);
    const disable = 'disable_parallel_tool_use' in body.tool_choice ? body.tool_choice.disable_parallel_tool_use : undefined;
    if (typeof disable === 'boolean') req.parallelToolCalls = !disable;
  }
  const user = body.metadata?.user_id;
  if (typeof user === 'string') req.user = user;
  return req;
}

function decodeSystem(system: AnthropicMessagesRequest['system']): string | undefined {
  if (system === undefined) return undefined;
  if (typeof system === 'string') return system;
  return system.length === 0 ? undefined : system.map((block) => block.text).join('\n\n');
}

function decodeTool(tool: AnthropicTool, i: number): ToolDefinition {
  if (tool.type !== undefined && tool.type !== 'custom') {
    throw new TranslationError(
      `server tool "${tool.type}" runs inside Anthropic and cannot be sent to another provider`,
      `tools[${i}].type`,
    );
  }
  const def: ToolDefinition = { name: tool.name, parameters: tool.input_schema ?? { type: 'object' } };
  if (tool.description !== undefined) def.description = tool.description;
  return def;
}

function decodeToolChoice(choice: AnthropicToolChoice): ToolChoice {
  switch (choice.type) {
    case 'auto':
      return 'auto';
    case 'any':
      return 'required';
    case 'none':
      return 'none';
    case 'tool':
      return { name: choice.name };
  }
}

function decodeMessage(message: AnthropicMessage, i: number): CanonicalMessage {
  const blocks: AnyBlock[] =
    typeof message.content === 'string' ? [{ type: 'text', text: message.content }] : message.content;
  const path = (j: number) => `messages[${i}].content[${j}]`;
  if (message.role === 'user') {
    const content: UserPart[] = [];
    blocks.forEach((block, j) => {
      const part = decodeUserBlock(block, path(j));
      if (part !== undefined) content.push(part);
    });
    return { role: 'user', content };
  }
  const content: AssistantPart[] = [];
  blocks.forEach((block, j) => {
    const part = decodeAssistantBlock(block, path(j));
    if (part !== undefined) content.push(part);
  });
  return { role: 'assistant', content };
}

function decodeUserBlock(block: AnyBlock, path: string): UserPart | undefined {
  if (!isKnownBlock(block)) throw unsupportedBlock(block.type, path);
  switch (block.type) {
    case 'text':
      return { type: 'text', text: block.text };
    case 'image':
      return decodeImage(block, path);
    case 'tool_result': {
      const content = block.content ?? '';
      return {
        type: 'tool_result',
        toolCallId: block.tool_use_id,
        content: typeof content === 'string' ? content : content.map((b, k) => decodeToolResultBlock(b, `${path}.content[${k}]`)),
        ...(block.is_error === true ? { isError: true } : {}),
      };
    }
    case 'thinking':
    case 'redacted_thinking':
      return undefined;
    default:
      throw unsupportedBlock(block.type, path, 'in a user message');
  }
}

function decodeAssistantBlock(block: AnyBlock, path: string): AssistantPart | undefined {
  if (!isKnownBlock(block)) throw unsupportedBlock(block.type, path);
  switch (block.type) {
    case 'text':
      return { type: 'text', text: block.text };
    case 'tool_use':
      return { type: 'tool_call', id: block.id, name: block.name, arguments: JSON.stringify(block.input) };
    case 'thinking':
    case 'redacted_thinking':
      return undefined;
    default:
      throw unsupportedBlock(block.type, path, 'in an assistant message');
  }
}

function decodeToolResultBlock(block: AnthropicToolResultContentBlock, path: string): TextPart | ImagePart {
  if (!isKnownToolResultBlock(block)) throw unsupportedBlock(block.type, path, 'inside a tool_result');
  switch (block.type) {
    case 'text':
      return { type: 'text', text: block.text };
    case 'image':
      return decodeImage(block, path);
    default:
      throw unsupportedBlock(block.type, path, 'inside a tool_result');
  }
}

function decodeImage(block: ImageBlock, path: string): ImagePart {
  const source = block.source;
  switch (source.type) {
    case 'base64':
      return { type: 'image', source: { kind: 'base64', mediaType: source.media_type, data: source.data } };
    case 'url':
      return { type: 'image', source: { kind: 'url', url: source.url } };
    case 'file':
      throw new TranslationError('images from the Anthropic Files API cannot be sent to another provider', `${path}.source.type`);
  }
}

function unsupportedBlock(type: string, path: string, where?: string): TranslationError {
  const place = where === undefined ? '' : ` ${where}`;
  return new TranslationError(`content block type "${type}"${place} cannot be translated to another protocol`, `${path}.type`);
}
