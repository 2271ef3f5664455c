import type { CanonicalMessage, CanonicalRequest, ImagePart, TextPart, ToolDefinition } from '../canonical/types.js';
import {
  CODE_LINE_END,
  CODE_LINE_START,
  CONSTRAINT,
  GREETING,
  LIST_ITEM,
  MATH_FUNCTION,
  MATH_SYMBOL,
  MATH_WORD,
  PROOF_CUE,
  REASONING_CUES,
  SENTENCE_END,
  SIMPLE_CUES,
  STACK_TRACE,
} from './complexity-patterns.js';

/**
 * What the complexity classifier looked at. Only numbers and booleans, so it can go into the
 * request's trace as-is and the lab can replay the score from it without the prompt text.
 * docs/complexity-classifier.md explains every field and why it is there.
 */
export interface ComplexityFeatures {
  /** Whole request: system + all messages + tool definitions, chars/4, images at a flat rate. */
  estimatedInputTokens: number;
  systemTokens: number;
  /** Last user text, all of it (instruction + pasted material). */
  lastUserTokens: number;
  /** The part of the last user text that reads as the instruction (see `instructionRegion`). */
  instructionTokens: number;
  /** The rest of the last user text: pasted article, transcript, list, code. */
  materialTokens: number;
  /** Everything that is not the last user text: system, earlier turns, tools, images. */
  contextTokens: number;
  /** User messages with text or images: turns a person wrote (tool-result-only messages are `toolResults`). */
  turns: number;
  hasTools: boolean;
  toolResults: number;
  images: number;
  /** `responseFormat` asks for JSON (object or schema). */
  jsonMode: boolean;
  sentences: number;
  questions: number;
  constraints: number;
  listItems: number;
  codeFence: boolean;
  codeLines: number;
  stackTrace: boolean;
  mathSignals: number;
  proofCue: boolean;
  /** Distinct reasoning cue groups matched (analyze, trade-offs, step by step, ...). */
  reasoningCues: number;
  /** Distinct simple-task cue groups matched (translate, define, spell, convert, ...). */
  simpleCues: number;
  greeting: boolean;
}

// chars/4 is OpenAI's published rule of thumb for English; it is within ~20% of real
// tokenizers for prose and under-counts code a little. Good enough to rank prompts.
const CHARS_PER_TOKEN = 4;
// OpenAI bills a low-detail image at 85 tokens and a typical 1024px high-detail one at 765
// (https://platform.openai.com/docs/guides/images-vision#calculating-costs).
const IMAGE_TOKENS_LOW = 85;
const IMAGE_TOKENS_DEFAULT = 765;
// Text features scan at most head + tail of the last user text, so a 1 MB paste costs the
// same as a 12 kB one. Lengths still use the full text (String.length is O(1)).
const SCAN_HEAD_CHARS = 8_000;
const SCAN_TAIL_CHARS = 4_000;
// Instructions lead or trail pasted material; a last paragraph that is one line of at most
// this many characters is read as a trailing instruction ("Summarize the above.").
const INSTRUCTION_TAIL_MAX_CHARS = 160;
const INSTRUCTION_HEAD_MAX_CHARS = 1_500;
const MIN_INSTRUCTION_LINE_WORDS = 4;
const WORD = /[A-Za-z\u00C0-\u024F]{2,}/g;

const tokens = (chars: number): number => Math.ceil(chars / CHARS_PER_TOKEN);

export function extractComplexityFeatures(request: CanonicalRequest): ComplexityFeatures {
  const messages: readonly CanonicalMessage[] = Array.isArray(request.messages) ? request.messages : [];
  const system = typeof request.system === 'string' ? request.system : '';
  const tools: readonly ToolDefinition[] = Array.isArray(request.tools) ? request.tools : [];

  const totals = countConversation(messages);
  const lastUser = lastUserText(messages);
  const toolChars = tools.reduce((sum, tool) => sum + toolDefinitionChars(tool), 0);
  const estimatedInputTokens = tokens(system.length + totals.chars + toolChars) + totals.imageTokens;

  const scanned = boundedScan(lastUser);
  const prose = scanned.replace(/```[\s\S]*?(?:```|$)/g, '\n[code]\n');
  const instruction = instructionRegion(prose);
  const lower = instruction.toLowerCase();
  const lastUserTokens = tokens(lastUser.length);
  const instructionTokens = Math.min(lastUserTokens, tokens(instruction.length));

  return {
    estimatedInputTokens,
    systemTokens: tokens(system.length),
    lastUserTokens,
    instructionTokens,
    materialTokens: lastUserTokens - instructionTokens,
    contextTokens: Math.max(0, estimatedInputTokens - lastUserTokens),
    turns: totals.userMessages,
    hasTools: tools.length > 0 && request.toolChoice !== 'none',
    toolResults: totals.toolResults,
    images: totals.images,
    jsonMode: request.responseFormat?.type === 'json_object' || request.responseFormat?.type === 'json_schema',
    sentences: Math.max(lower.trim() === '' ? 0 : 1, count(SENTENCE_END, lower)),
    questions: count(/\?/g, instruction),
    constraints: count(CONSTRAINT, lower),
    listItems: count(LIST_ITEM, instruction),
    codeFence: scanned.includes('```'),
    codeLines: countCodeLines(scanned),
    stackTrace: STACK_TRACE.test(scanned),
    mathSignals: count(MATH_SYMBOL, instruction) + count(MATH_FUNCTION, lower) + count(MATH_WORD, lower),
    proofCue: PROOF_CUE.test(lower),
    reasoningCues: REASONING_CUES.filter((cue) => cue.test(lower)).length,
    simpleCues: SIMPLE_CUES.filter((cue) => cue.test(lower)).length,
    greeting: GREETING.test(lower) && instruction.length < 120,
  };
}

interface ConversationTotals {
  chars: number;
  imageTokens: number;
  images: number;
  toolResults: number;
  userMessages: number;
}

function countConversation(messages: readonly CanonicalMessage[]): ConversationTotals {
  const totals: ConversationTotals = { chars: 0, imageTokens: 0, images: 0, toolResults: 0, userMessages: 0 };
  for (const message of messages) {
    const parts: readonly unknown[] = Array.isArray(message?.content) ? message.content : [];
    for (const part of parts) addPart(totals, part);
    if (message?.role === 'user' && parts.some(isAuthoredPart)) totals.userMessages += 1;
  }
  return totals;
}

// Parts arrive typed, but the classifier must not throw on a malformed request that slipped
// past a lenient surface, so every field is checked before use.
function addPart(totals: ConversationTotals, part: unknown): void {
  if (typeof part !== 'object' || part === null) return;
  const p = part as { type?: unknown };
  if (p.type === 'text') totals.chars += textOf(part as TextPart).length;
  else if (p.type === 'image') addImage(totals, part as ImagePart);
  else if (p.type === 'tool_call') {
    const args = (part as { arguments?: unknown }).arguments;
    totals.chars += typeof args === 'string' ? args.length : 0;
  } else if (p.type === 'tool_result') {
    totals.toolResults += 1;
    const content = (part as { content?: unknown }).content;
    if (typeof content === 'string') totals.chars += content.length;
    else if (Array.isArray(content)) for (const inner of content) addPart(totals, inner);
  }
}

function isAuthoredPart(part: unknown): boolean {
  const type = typeof part === 'object' && part !== null ? (part as { type?: unknown }).type : undefined;
  return type === 'text' || type === 'image';
}

function addImage(totals: ConversationTotals, part: ImagePart): void {
  totals.images += 1;
  totals.imageTokens += part.detail === 'low' ? IMAGE_TOKENS_LOW : IMAGE_TOKENS_DEFAULT;
}

function textOf(part: TextPart): string {
  return typeof part.text === 'string' ? part.text : '';
}

function toolDefinitionChars(tool: ToolDefinition): number {
  const name = typeof tool?.name === 'string' ? tool.name.length : 0;
  const description = typeof tool?.description === 'string' ? tool.description.length : 0;
  let schema = 0;
  try {
    schema = JSON.stringify(tool?.parameters ?? {})?.length ?? 0;
  } catch {
    // A cyclic schema cannot be sent upstream anyway; it must not break routing.
  }
  return name + description + schema;
}

/**
 * The text of the latest user message that has any. In an agent loop the last user message
 * often holds only tool results; the task is still the one the user typed earlier.
 */
function lastUserText(messages: readonly CanonicalMessage[]): string {
  for (let i = messages.length - 1; i >= 0; i -= 1) {
    const message = messages[i];
    if (message?.role !== 'user' || !Array.isArray(message.content)) continue;
    const text = message.content
      .filter((part): part is TextPart => part?.type === 'text')
      .map(textOf)
      .join('\n');
    // Only the scanned window is checked for content, so a huge all-whitespace part stays cheap.
    if (/\S/.test(boundedScan(text))) return text;
  }
  return '';
}

function boundedScan(text: string): string {
  if (text.length <= SCAN_HEAD_CHARS + SCAN_TAIL_CHARS) return text;
  return `${text.slice(0, SCAN_HEAD_CHARS)}\n${text.slice(-SCAN_TAIL_CHARS)}`;
}

/**
 * The part of a message that is the ask, not the material it is about: the first paragraph
 * plus a last paragraph that is one short line, without the data-like lines inside them.
 * "Translate this article:\n\n<article>" must be judged by its first line, not by whatever
 * words the article happens to contain, and a pasted table or list of UI strings is not
 * a longer instruction.
 */
function instructionRegion(text: string): string {
  const paragraphs = text.split(/\n\s*\n/).map((p) => p.trim()).filter((p) => p !== '');
  const head = (paragraphs[0] ?? '').slice(0, INSTRUCTION_HEAD_MAX_CHARS);
  const last = paragraphs.length > 1 ? (paragraphs[paragraphs.length - 1] ?? '') : '';
  // A head ending in ':' introduces material ("Translate this:"), so what follows, tail
  // included, is material; otherwise a short one-line tail is the ask after a paste.
  const headIntroducesMaterial = head.trimEnd().endsWith(':');
  const tailIsInstruction =
    !headIntroducesMaterial && last !== '' && last !== '[code]' && last.length <= INSTRUCTION_TAIL_MAX_CHARS && !last.includes('\n');
  const region = tailIsInstruction ? `${head}\n${last}` : head;
  const lines = region.split('\n');
  if (lines.length <= 1) return region;
  // The first line is always the ask's start; later lines with fewer than four words are
  // data (list entries, table rows, numbers), not instructions.
  return lines.filter((line, i) => i === 0 || (line.match(WORD) ?? []).length >= MIN_INSTRUCTION_LINE_WORDS).join('\n');
}

function countCodeLines(text: string): number {
  let lines = 0;
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (trimmed !== '' && (CODE_LINE_START.test(trimmed) || CODE_LINE_END.test(trimmed))) lines += 1;
  }
  return lines;
}

function count(pattern: RegExp, text: string): number {
  // Patterns are global; String.match with /g ignores and resets lastIndex, so it is safe to share them.
  return text.match(pattern)?.length ?? 0;
}
