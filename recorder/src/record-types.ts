/**
 * What the recorder stores: one `RequestRecord` per request, carrying one `AttemptRecordRow`
 * per upstream attempt. Plain JSON-able data on purpose: the recorder must not import from
 * the gateway (the gateway depends on the recorder and maps its `Trace` onto these types), and
 * records cross a thread boundary and land in a spill file as JSON.
 */

/** How the cache took part in a request. 'none' = no cache configured for the route. */
export type CacheOutcome = 'miss' | 'hit-exact' | 'hit-semantic' | 'bypass' | 'none';

export const CACHE_OUTCOMES: readonly CacheOutcome[] = ['miss', 'hit-exact', 'hit-semantic', 'bypass', 'none'];

/** One upstream call made for a request, or a step the chain skipped (outcome 'skipped'). */
export interface AttemptRecordRow {
  /** provider/model the attempt went to. */
  target: string;
  /** 0 for a step's first try, 1.. for its retries. */
  try: number;
  /** Milliseconds from the request's start to this attempt's start. */
  startMs: number;
  latencyMs: number;
  /** Streams: ms from the attempt's start to the first upstream event; null otherwise. */
  ttftMs: number | null;
  outcome: 'ok' | 'error' | 'aborted' | 'skipped';
  /** Error code from the gateway's registry; null when the attempt succeeded. */
  errorCode: string | null;
  /** What the chain did next: 'success' | 'retry' | 'fallback' | 'stop' | 'skip'; null if unknown. */
  decision: string | null;
  why: string | null;
  /** Same-protocol pass-through (true) or translated through the canonical format. */
  passthrough: boolean;
  /** Upstream HTTP status, when one was received. Optional so older mappers still type-check. */
  httpStatus?: number | null;
}

/** One request, as the gateway finished it (settle stage). */
export interface RequestRecord {
  requestId: string;
  /** Epoch milliseconds when the gateway received the request. */
  startedAt: number;
  /** '' when the request was refused before authentication. */
  tenant: string;
  keyId: string;
  surface: string;
  endpoint: string;
  requestedModel: string;
  /** provider/model that answered; '' when nothing did. */
  servedModel: string;
  /** Name of the routing rule that matched; '' when none did. */
  routeRule: string;
  /** How the router got there (rule, chain, alias, ...); '' when routing did not run. */
  routeVia: string;
  cacheOutcome: CacheOutcome;
  cacheSimilarity: number | null;
  /** JSON string: the request's rate-limit decisions (buckets checked, reserved, settled, refusals). */
  rateLimit: string;
  /** HTTP status sent to the client (499 = client went away). */
  status: number;
  errorCode: string | null;
  inputTokens: number;
  outputTokens: number;
  /** USD; null when the price is unknown. */
  costUsd: number | null;
  latencyTotalMs: number;
  latencyUpstreamMs: number;
  /** Gateway's own time: total minus upstream. */
  overheadMs: number;
  ttftMs: number | null;
  stream: boolean;
  configHash: string;
  clientAborted: boolean;
  /** A stream that broke off after its first byte reached the client. */
  partial: boolean;
  /** JSON string: the whole decision trace. The lab replays from it. */
  trace: string;
  /** JSON string of the request body after redaction; null when bodies are switched off. */
  requestBody: string | null;
  /** JSON string of the response body after redaction; null when bodies are switched off. */
  responseBody: string | null;
  attempts: AttemptRecordRow[];
}

/** A request as read back from ClickHouse: the record without its attempts, plus when it landed. */
export type StoredRequest = Omit<RequestRecord, 'attempts'> & {
  /** Epoch ms when the row was written (later than startedAt by the batching or spill delay). */
  recordedAt: number;
};

/** What `Recorder.getRequest` returns: the row, its attempts in order, and the trace parsed. */
export interface RecordedRequest {
  request: StoredRequest;
  attempts: AttemptRecordRow[];
  /** `request.trace` parsed; undefined only if the stored string is not JSON. */
  trace: unknown;
  /** 'memory': still queued in the writer (recordedAt is 0), not yet in ClickHouse. */
  source: 'clickhouse' | 'memory';
}
