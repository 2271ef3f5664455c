// Public types of the mock upstream (re-exported from index.ts).
import type { IncomingHttpHeaders } from 'node:http';

export interface MockUpstreamOptions {
  /** Port to listen on; 0 (default) picks a free one. */
  readonly port?: number;
  /** Interface to bind; default 127.0.0.1. */
  readonly host?: string;
  /** When set, OpenAI routes need `Authorization: Bearer <key>` and Anthropic routes `x-api-key: <key>`. */
  readonly requireKey?: string;
  /** Record requests for assertions (default true). Benchmarks turn it off. */
  readonly record?: boolean;
  /** How many recent requests to keep (default 1000); older ones are dropped. */
  readonly maxRecorded?: number;
}

/** One request as the gateway sent it, plus what the mock did with it. */
export interface RecordedRequest {
  /** 1-based arrival order since start or the last reset(). */
  readonly seq: number;
  readonly method: string;
  /** URL path without the query string. */
  readonly path: string;
  /** Query string including `?`, or '' when there is none. */
  readonly query: string;
  /** Header names are lower-case (Node's IncomingHttpHeaders). */
  readonly headers: IncomingHttpHeaders;
  /** Parsed JSON body; the raw text when it was not JSON; undefined when empty. */
  body: unknown;
  /** Date.now() when the request arrived. */
  readonly time: number;
  /** Status the mock sent, or null when it sent no headers (stall, reset, client gone first). */
  status: number | null;
  /** The client closed the connection before the response finished. Set asynchronously: use waitFor(). */
  aborted: boolean;
}

export interface MockUpstream {
  /** Base URL without trailing slash, e.g. http://127.0.0.1:43121 (add /v1 for SDK base URLs). */
  readonly url: string;
  readonly port: number;
  /** Recorded requests, oldest first (the same array instance across reset()). */
  readonly requests: readonly RecordedRequest[];
  /** Forget recorded requests, fail-first counters and id counters. */
  reset(): void;
  /** Resolve once predicate(requests) is true; reject after timeoutMs (default 5000). */
  waitFor(predicate: (requests: readonly RecordedRequest[]) => boolean, timeoutMs?: number): Promise<void>;
  /** Stop listening and drop every open connection, stalled streams included. */
  close(): Promise<void>;
}
