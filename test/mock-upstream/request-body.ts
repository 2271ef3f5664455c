// Reads and parses a request body once, for both the answer and the recording.
import type { IncomingMessage } from 'node:http';

export type RequestBody =
  | { readonly kind: 'empty' }
  | { readonly kind: 'json'; readonly value: unknown }
  | { readonly kind: 'invalid'; readonly raw: string };

const EMPTY: RequestBody = Object.freeze({ kind: 'empty' });

/** Resolves null when the client went away before the body was complete. */
export function readRequestBody(req: IncomingMessage): Promise<RequestBody | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(parseBody(chunks)));
    req.on('error', () => resolve(null));
    req.on('close', () => {
      if (!req.complete) resolve(null);
    });
  });
}

function parseBody(chunks: readonly Buffer[]): RequestBody {
  if (chunks.length === 0) return EMPTY;
  const [first] = chunks;
  const text = chunks.length === 1 && first !== undefined ? first.toString('utf8') : Buffer.concat(chunks).toString('utf8');
  try {
    return { kind: 'json', value: JSON.parse(text) as unknown };
  } catch {
    return { kind: 'invalid', raw: text };
  }
}

/** What RecordedRequest.body holds: parsed JSON, raw text if not JSON, undefined if empty. */
export function recordedBody(body: RequestBody): unknown {
  if (body.kind === 'json') return body.value;
  return body.kind === 'invalid' ? body.raw : undefined;
}
