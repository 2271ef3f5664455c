import type { CanonicalResponse, StreamEvent } from './types.js';

/**
 * A complete response as the stream of events that would have produced it, so an answer
 * that exists whole (a mock, a cache hit, an upstream that ignored `stream`) can be served
 * to a streaming client. `chunkChars` splits text the way a model would stream it.
 */
export function eventsFromResponse(response: CanonicalResponse, chunkChars = 24): StreamEvent[] {
  const events: StreamEvent[] = [{ type: 'start', id: response.id, model: response.model, inputTokens: response.usage.inputTokens }];
  let toolIndex = 0;
  for (const part of response.content) {
    if (part.type === 'text') {
      for (let i = 0; i < part.text.length; i += chunkChars) events.push({ type: 'text', text: part.text.slice(i, i + chunkChars) });
    } else {
      const index = toolIndex++;
      events.push({ type: 'tool_call_start', index, id: part.id, name: part.name });
      if (part.arguments !== '') events.push({ type: 'tool_call_delta', index, argumentsDelta: part.arguments });
    }
  }
  events.push(
    response.stopSequence === undefined
      ? { type: 'finish', stopReason: response.stopReason }
      : { type: 'finish', stopReason: response.stopReason, stopSequence: response.stopSequence },
  );
  events.push({ type: 'usage', usage: response.usage });
  return events;
}

/**
 * Folds a stream's events back into one response: the inverse of eventsFromResponse, used
 * to account for and record what a stream delivered.
 */
export class ResponseAccumulator {
  private id = '';
  private model = '';
  private readonly content: CanonicalResponse['content'] = [];
  private readonly tools = new Map<number, { type: 'tool_call'; id: string; name: string; arguments: string }>();
  private stopReason: CanonicalResponse['stopReason'] | undefined;
  private stopSequence: string | undefined;
  private usage: CanonicalResponse['usage'] | undefined;
  private inputTokens = 0;

  push(event: StreamEvent): void {
    switch (event.type) {
      case 'start':
        this.id = event.id;
        this.model = event.model;
        this.inputTokens = event.inputTokens ?? 0;
        break;
      case 'text': {
        const last = this.content[this.content.length - 1];
        if (last?.type === 'text') last.text += event.text;
        else this.content.push({ type: 'text', text: event.text });
        break;
      }
      case 'tool_call_start': {
        const part = { type: 'tool_call' as const, id: event.id, name: event.name, arguments: '' };
        this.tools.set(event.index, part);
        this.content.push(part);
        break;
      }
      case 'tool_call_delta': {
        const part = this.tools.get(event.index);
        if (part !== undefined) part.arguments += event.argumentsDelta;
        break;
      }
      case 'finish':
        this.stopReason = event.stopReason;
        this.stopSequence = event.stopSequence;
        break;
      case 'usage':
        this.usage = event.usage;
        break;
    }
  }

  /** True once the stream said why it stopped: a stream cut before that is partial. */
  get complete(): boolean {
    return this.stopReason !== undefined;
  }

  /**
   * The upstream's usage when it sent one; otherwise counted from what was delivered
   * (characters / 4, the estimator of routing/request-features.ts), so a stream cut short
   * is still charged for what it produced.
   */
  usageOrCounted(): CanonicalResponse['usage'] {
    if (this.usage !== undefined) return this.usage;
    let chars = 0;
    for (const part of this.content) chars += part.type === 'text' ? part.text.length : part.name.length + part.arguments.length;
    return { inputTokens: this.inputTokens, outputTokens: Math.ceil(chars / 4) };
  }

  result(): CanonicalResponse {
    const response: CanonicalResponse = {
      id: this.id,
      model: this.model,
      content: this.content.map((part) => ({ ...part })),
      stopReason: this.stopReason ?? 'end',
      usage: this.usage ?? { inputTokens: this.inputTokens, outputTokens: 0 },
    };
    if (this.stopSequence !== undefined) response.stopSequence = this.stopSequence;
    return response;
  }
}
