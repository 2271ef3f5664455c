import { createHash, randomUUID } from 'node:crypto';
import { eventsFromResponse } from '../canonical/response-events.js';
import type { AssistantPart, CanonicalRequest, CanonicalResponse } from '../canonical/types.js';
import type { ChatCall, ChatOutcome, ChatProvider, UpstreamChunk } from './provider.js';

/**
 * The built-in mock provider: answers in-process so a first run works with no network and
 * no keys. Every answer says it came from the mock, so nobody mistakes it for a model.
 * It calls the first offered tool when the conversation ends on a user turn, so tool
 * round trips can be tried offline too.
 */
export class MockChatProvider implements ChatProvider {
  readonly protocol = undefined;

  constructor(
    readonly name: string,
    private readonly models: readonly string[] | undefined,
  ) {}

  async chat(call: ChatCall): Promise<ChatOutcome> {
    const response = mockResponse(call.request);
    if (!call.request.stream) return { kind: 'json', response, usage: response.usage, stopReason: response.stopReason };
    return { kind: 'stream', passthrough: false, chunks: toChunks(eventsFromResponse(response, 12).map((e) => ({ events: [e] }))) };
  }

  async embeddings(body: Readonly<Record<string, unknown>>): Promise<Record<string, unknown>> {
    const inputs = Array.isArray(body.input) ? body.input : [body.input];
    const dimensions = typeof body.dimensions === 'number' ? body.dimensions : 16;
    const data = inputs.map((input, index) => ({ object: 'embedding', index, embedding: hashVector(JSON.stringify(input), dimensions) }));
    const tokens = inputs.reduce<number>((n, input) => n + wordCount(typeof input === 'string' ? input : JSON.stringify(input)), 0);
    return { object: 'list', data, model: String(body.model), usage: { prompt_tokens: tokens, total_tokens: tokens } };
  }

  async listModels(): Promise<string[]> {
    return this.models === undefined ? ['mock-1'] : [...this.models];
  }

  async close(): Promise<void> {}
}

export const MOCK_NOTICE = '[mock provider] This answer comes from llm-gateway’s built-in mock, not a model.';

function mockResponse(request: CanonicalRequest): CanonicalResponse {
  const last = request.messages[request.messages.length - 1];
  const lastText = last?.role === 'user' ? last.content.flatMap((p) => (p.type === 'text' ? [p.text] : [])).join(' ') : '';
  const endsOnToolResult = last?.role === 'user' && last.content.some((p) => p.type === 'tool_result');
  const tool = pickTool(request);
  let content: AssistantPart[];
  if (tool !== undefined && !endsOnToolResult) {
    content = [{ type: 'tool_call', id: `call_mock_${randomUUID().slice(0, 8)}`, name: tool, arguments: JSON.stringify({ input: lastText }) }];
  } else {
    const echo = endsOnToolResult ? 'the tool result' : `“${lastText.slice(0, 200)}”`;
    content = [{ type: 'text', text: `${MOCK_NOTICE} You said ${echo}. Set OPENAI_API_KEY, ANTHROPIC_API_KEY or VLLM_BASE_URL (or pass --config) to reach a real model.` }];
  }
  const inputTokens = request.messages.reduce((n, m) => n + m.content.reduce((k, p) => k + (p.type === 'text' ? wordCount(p.text) : 1), 0), wordCount(request.system ?? ''));
  const outputTokens = content.reduce((n, p) => n + wordCount(p.type === 'text' ? p.text : p.arguments), 0);
  return {
    id: `mock-${randomUUID()}`,
    model: request.model,
    content,
    stopReason: content[0]?.type === 'tool_call' ? 'tool_use' : 'end',
    usage: { inputTokens, outputTokens },
  };
}

function pickTool(request: CanonicalRequest): string | undefined {
  const choice = request.toolChoice;
  if (request.tools === undefined || request.tools.length === 0 || choice === 'none') return undefined;
  if (typeof choice === 'object') return choice.name;
  return request.tools[0]?.name;
}

function wordCount(text: string): number {
  const trimmed = text.trim();
  return trimmed === '' ? 0 : trimmed.split(/\s+/).length;
}

/** A deterministic unit vector from a hash, so equal inputs embed equally. */
function hashVector(text: string, dimensions: number): number[] {
  const vector: number[] = [];
  for (let i = 0; vector.length < dimensions; i++) {
    const digest = createHash('sha256').update(`${i}:${text}`).digest();
    for (let j = 0; j + 1 < digest.length && vector.length < dimensions; j += 2) vector.push(digest.readInt16BE(j) / 32_768);
  }
  const norm = Math.hypot(...vector) || 1;
  return vector.map((v) => v / norm);
}

async function* toChunks(chunks: UpstreamChunk[]): AsyncGenerator<UpstreamChunk> {
  yield* chunks;
}
