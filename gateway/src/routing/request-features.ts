import type { CanonicalRequest } from '../canonical/types.js';

/** What routing rules (and later the rate limiter) look at in a request; recorded in the trace. */
export interface RequestFeatures {
  /** Estimated input tokens (see estimateInputTokens). */
  inputTokens: number;
  /** Number of user turns. */
  turns: number;
  hasTools: boolean;
  hasImages: boolean;
  jsonMode: boolean;
  stream: boolean;
  /** The text of the last user message (matched by keywords and patterns). */
  lastUserText: string;
}

/** Tokens charged per image before the upstream says better; a mid-size image on both vendors. */
const IMAGE_TOKENS = 765;

/**
 * Estimated input tokens: characters / 4 over everything the model reads (system, message
 * text, tool calls and results, tool definitions) plus a flat charge per image. English
 * prose runs at ~4 characters per token with the GPT and Claude tokenizers; code and
 * non-Latin scripts run denser, so this under-counts them (by up to ~2× for CJK text).
 * Settlement with the upstream's real usage corrects it wherever that matters.
 */
export function estimateInputTokens(request: CanonicalRequest): number {
  let chars = request.system?.length ?? 0;
  let images = 0;
  for (const message of request.messages) {
    for (const part of message.content) {
      if (part.type === 'text') chars += part.text.length;
      else if (part.type === 'image') images++;
      else if (part.type === 'tool_call') chars += part.name.length + part.arguments.length;
      else if (typeof part.content === 'string') chars += part.content.length;
      else {
        for (const inner of part.content) {
          if (inner.type === 'text') chars += inner.text.length;
          else images++;
        }
      }
    }
    chars += 16; // role markers and message framing
  }
  for (const tool of request.tools ?? []) chars += tool.name.length + (tool.description?.length ?? 0) + JSON.stringify(tool.parameters).length;
  return Math.ceil(chars / 4) + images * IMAGE_TOKENS;
}

export function requestFeatures(request: CanonicalRequest): RequestFeatures {
  let turns = 0;
  let hasImages = false;
  let lastUserText = '';
  for (const message of request.messages) {
    if (message.role !== 'user') continue;
    const texts: string[] = [];
    for (const part of message.content) {
      if (part.type === 'text') texts.push(part.text);
      else if (part.type === 'image') hasImages = true;
    }
    if (texts.length > 0) {
      turns++;
      lastUserText = texts.join('\n');
    }
  }
  return {
    inputTokens: estimateInputTokens(request),
    turns,
    hasTools: (request.tools?.length ?? 0) > 0,
    hasImages,
    jsonMode: request.responseFormat !== undefined && request.responseFormat.type !== 'text',
    stream: request.stream,
    lastUserText,
  };
}
