// The model-name directives that act before or instead of an answer, shared by every
// generating route (chat, messages, embeddings). Order: delay, reset, fail-first, status,
// garbage; the stream-only ones live in stream-player.ts.
import type { ErrorReply } from './error-reply.js';
import type { Exchange } from './exchange.js';
import type { MockState } from './mock-state.js';
import type { Directives, ModelSpec } from './model-directives.js';

/** Renders the protocol's error for a status (OpenAI or Anthropic shape); 'context' is a context-window overflow. */
export type StatusErrorRenderer = (status: number | 'context', model: string) => ErrorReply;

const GARBAGE_JSON = '<html><body>this is not json {"id": </body></html>';
// Looks like SSE framing but the payloads do not parse, and there is no terminator.
const GARBAGE_SSE = 'data: {"id":"garbage",,,\n\ndata: this is not json\n\n';

export function sendError(ex: Exchange, reply: ErrorReply): void {
  ex.json(reply.status, reply.body, reply.headers);
}

/** Returns true when a directive has answered (or abandoned) the request. */
export async function injectFaults(
  ex: Exchange,
  spec: ModelSpec,
  state: MockState,
  renderError: StatusErrorRenderer,
  stream: boolean,
): Promise<boolean> {
  const d = spec.directives;
  if (d.delayMs > 0 && !(await ex.wait(d.delayMs))) return true;
  if (d.reset) {
    ex.resetConnection();
    return true;
  }
  if (d.failFirst !== null && state.countAttempt(spec.raw) <= d.failFirst) {
    sendError(ex, renderError(500, spec.model));
    return true;
  }
  if (d.contextOverflow) {
    sendError(ex, renderError('context', spec.model));
    return true;
  }
  if (d.status !== null) {
    sendError(ex, renderError(d.status, spec.model));
    return true;
  }
  if (d.garbage) {
    if (stream) {
      ex.openStream();
      ex.end(GARBAGE_SSE);
    } else {
      ex.text(200, 'application/json', GARBAGE_JSON);
    }
    return true;
  }
  return false;
}

/** A non-stream answer with the directives that still apply to JSON. */
export async function sendJsonAnswer(ex: Exchange, directives: Directives, body: unknown): Promise<void> {
  // ttft on a JSON request is simply time to first byte.
  if (directives.ttftMs > 0 && !(await ex.wait(directives.ttftMs))) return;
  if (directives.stall) return; // never answer; the client's timeout has to fire
  if (directives.midstreamError) {
    // JSON has no error event: the nearest real failure is a body cut off mid-way.
    ex.truncate(200, 'application/json', JSON.stringify(body));
    return;
  }
  ex.json(200, body);
}
