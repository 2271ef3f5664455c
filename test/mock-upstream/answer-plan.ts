// Decides what the mock "model" says. Protocol-neutral: the OpenAI and Anthropic request
// readers reduce a body to a Conversation, and the encoders turn the Answer into each
// wire format, so both surfaces behave identically for the same conversation.
import type { Directives } from './model-directives.js';
import { countWords, firstWords, numberedWords } from './word-text.js';

export interface Conversation {
  /** Text of the last user message (its text parts joined by a space). */
  readonly lastUserText: string;
  /** Text of the tool results when the last turn is a tool result, else null. */
  readonly toolResultText: string | null;
  /** The last message is a plain user turn (not a tool result). */
  readonly lastIsUser: boolean;
  /** Words in every message text plus the system prompt. */
  readonly inputWords: number;
  /** The tool to call (forced, or the first one); null when no tools or tool_choice none. */
  readonly toolName: string | null;
  readonly stop: readonly string[];
  readonly maxTokens: number | null;
}

/** Why the text ended, in neutral terms; each encoder maps it to its own vocabulary. */
export type TextEnding = 'end' | 'stop_sequence' | 'max_tokens';

export interface TextAnswer {
  readonly kind: 'text';
  readonly text: string;
  readonly ending: TextEnding;
  readonly stopSequence: string | null;
  readonly inputTokens: number;
  readonly outputTokens: number;
}

export interface ToolAnswer {
  readonly kind: 'tool';
  readonly toolName: string;
  readonly input: { readonly query: string };
  /** The arguments exactly as serialised on the wire (OpenAI `arguments`, Anthropic deltas). */
  readonly argumentsJson: string;
  readonly inputTokens: number;
  readonly outputTokens: number;
}

export type Answer = TextAnswer | ToolAnswer;

export function planAnswer(conversation: Conversation, directives: Directives): Answer {
  const inputTokens = conversation.inputWords;
  if (conversation.toolName !== null && conversation.lastIsUser) {
    const input = { query: conversation.lastUserText };
    const argumentsJson = JSON.stringify(input);
    return {
      kind: 'tool',
      toolName: conversation.toolName,
      input,
      argumentsJson,
      inputTokens,
      outputTokens: countWords(argumentsJson),
    };
  }
  const full = baseText(conversation, directives);
  return limitText(full, conversation.stop, conversation.maxTokens, inputTokens);
}

function baseText(conversation: Conversation, directives: Directives): string {
  if (directives.words !== null) return numberedWords(directives.words);
  if (conversation.toolResultText !== null) return `tool said: ${conversation.toolResultText}`;
  return `mock reply to: ${conversation.lastUserText}`;
}

/** Applies stop sequences, then max_tokens, as a real model would: whichever hits first. */
function limitText(
  full: string,
  stop: readonly string[],
  maxTokens: number | null,
  inputTokens: number,
): TextAnswer {
  let text = full;
  let ending: TextEnding = 'end';
  let stopSequence: string | null = null;
  const cut = earliestStop(full, stop);
  if (cut !== null) {
    // Like the real APIs, the stop sequence itself is not part of the returned text.
    text = full.slice(0, cut.index);
    ending = 'stop_sequence';
    stopSequence = cut.sequence;
  }
  let outputTokens = countWords(text);
  if (maxTokens !== null && outputTokens > maxTokens) {
    text = firstWords(text, maxTokens);
    ending = 'max_tokens';
    stopSequence = null;
    outputTokens = maxTokens;
  }
  return { kind: 'text', text, ending, stopSequence, inputTokens, outputTokens };
}

function earliestStop(text: string, stop: readonly string[]): { index: number; sequence: string } | null {
  let best: { index: number; sequence: string } | null = null;
  for (const sequence of stop) {
    const index = text.indexOf(sequence);
    if (index !== -1 && (best === null || index < best.index)) best = { index, sequence };
  }
  return best;
}
