import type { AssistantPart, CanonicalMessage, CanonicalRequest, ImagePart, TextPart, UserPart } from '../canonical/types.js';
import { createTextRedactor, type PiiRedactOptions, type PiiSummary, type TextRedactor } from './pii-redactor.js';
import { redactJsonText } from './redact-json-text.js';

/**
 * Redacts every piece of text in a canonical request that reaches an upstream or the trace:
 * the system prompt, text parts, tool-call arguments (as JSON text, kept valid) and tool
 * results. Images, ids, tool names and tool definitions are left alone. Pure: a new
 * request is returned (untouched subtrees such as images and tools are shared, never
 * modified) and the input is not mutated.
 */
export function redactCanonicalRequest(
  request: CanonicalRequest,
  options: PiiRedactOptions = {},
): PiiSummary & { request: CanonicalRequest } {
  const redactor = createTextRedactor(options);
  const redacted: CanonicalRequest = {
    ...request,
    messages: request.messages.map((m) => redactMessage(m, redactor)),
  };
  if (request.system !== undefined) redacted.system = redactor.redact(request.system);
  return { request: redacted, ...redactor.summary() };
}

function redactMessage(message: CanonicalMessage, redactor: TextRedactor): CanonicalMessage {
  if (message.role === 'assistant') {
    return { role: 'assistant', content: message.content.map((p) => redactAssistantPart(p, redactor)) };
  }
  return { role: 'user', content: message.content.map((p) => redactUserPart(p, redactor)) };
}

function redactAssistantPart(part: AssistantPart, redactor: TextRedactor): AssistantPart {
  if (part.type === 'text') return { ...part, text: redactor.redact(part.text) };
  return { ...part, arguments: redactJsonText(part.arguments, redactor) };
}

function redactUserPart(part: UserPart, redactor: TextRedactor): UserPart {
  switch (part.type) {
    case 'text':
      return { ...part, text: redactor.redact(part.text) };
    case 'image':
      return part;
    case 'tool_result':
      return {
        ...part,
        content: typeof part.content === 'string' ? redactor.redact(part.content) : part.content.map((p) => redactResultPart(p, redactor)),
      };
  }
}

function redactResultPart(part: TextPart | ImagePart, redactor: TextRedactor): TextPart | ImagePart {
  return part.type === 'text' ? { ...part, text: redactor.redact(part.text) } : part;
}
