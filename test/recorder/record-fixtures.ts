import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AttemptRecordRow, RequestRecord } from '../../recorder/src/index.js';

/** A temp folder holding one test's chdb data and spill; `remove()` deletes both. */
export function tempRecorderDirs(label: string): { dataDir: string; spillDir: string; remove(): void } {
  const base = mkdtempSync(join(tmpdir(), `recorder-${label}-`));
  return {
    dataDir: join(base, 'clickhouse'),
    spillDir: join(base, 'spill'),
    remove: () => rmSync(base, { recursive: true, force: true }),
  };
}

const STATUSES = [200, 200, 200, 200, 200, 200, 400, 401, 429, 500, 502, 503, 504, 499] as const;
const TARGETS = ['vllm/llama-3-8b', 'openai/gpt-4o-mini', 'anthropic/claude-haiku'] as const;

function errorCodeFor(status: number): string | null {
  if (status === 200) return null;
  if (status === 499) return 'client_closed';
  if (status === 429) return 'rate_limited';
  if (status < 500) return 'invalid_request';
  return status === 504 ? 'upstream_timeout' : 'upstream_error';
}

/**
 * Request `i` of a run, with a deterministic mix of outcomes: statuses 200 / 4xx / 5xx / 499,
 * streams, cache hits, one to three attempts (retries and fallbacks), a trace of ~1.5 KB.
 */
export function makeRecord(runId: string, i: number, startedAt = Date.now()): RequestRecord {
  const status = STATUSES[i % STATUSES.length] ?? 200;
  const stream = i % 2 === 0;
  const upstreamCalled = status !== 400 && status !== 401 && status !== 429;
  const attemptCount = upstreamCalled ? 1 + (i % 3) : 0;
  const attempts: AttemptRecordRow[] = [];
  for (let a = 0; a < attemptCount; a++) {
    const last = a === attemptCount - 1;
    const ok = last && (status === 200 || status === 499);
    attempts.push({
      target: TARGETS[(i + a) % TARGETS.length] ?? 'vllm/llama-3-8b',
      try: a === 1 ? 1 : 0,
      startMs: a * 40,
      latencyMs: 30 + (i % 50) + a,
      ttftMs: stream ? 12.5 + a : null,
      outcome: ok ? (status === 499 ? 'aborted' : 'ok') : 'error',
      errorCode: ok ? null : 'upstream_error',
      decision: ok ? 'success' : last ? 'stop' : a === 0 ? 'retry' : 'fallback',
      why: ok ? null : 'upstream 503',
      passthrough: a % 2 === 0,
      httpStatus: ok ? 200 : 503,
    });
  }
  const requestId = `${runId}-${i}`;
  const cacheHit = status === 200 && i % 10 === 0;
  const trace = {
    id: requestId,
    configHash: 'cfg-1',
    route: { via: 'rule', rule: { index: 0, name: 'default', matched: ['model'] }, candidates: TARGETS },
    attempts,
    rateLimit: { tier: 'standard', checked: ['tenant:t', 'key:k'] },
    outcome: { status, usage: { inputTokens: 100 + (i % 7), outputTokens: 20 + (i % 11) } },
    padding: 'x'.repeat(900),
  };
  return {
    requestId,
    startedAt: startedAt - (i % 1000),
    tenant: `tenant-${i % 5}`,
    keyId: `key-${i % 17}`,
    surface: i % 3 === 0 ? 'anthropic' : 'openai',
    endpoint: 'chat',
    requestedModel: 'smart',
    servedModel: ok200(status) ? (attempts.at(-1)?.target ?? '') : '',
    routeRule: 'default',
    routeVia: 'rule',
    cacheOutcome: cacheHit ? (i % 20 === 0 ? 'hit-exact' : 'hit-semantic') : upstreamCalled ? 'miss' : 'none',
    cacheSimilarity: cacheHit && i % 20 !== 0 ? 0.93 : null,
    rateLimit: JSON.stringify(trace.rateLimit),
    status,
    errorCode: errorCodeFor(status),
    inputTokens: 100 + (i % 7),
    outputTokens: status === 200 ? 20 + (i % 11) : 0,
    costUsd: status === 200 ? 0.0001 * (i % 13) : null,
    latencyTotalMs: 50 + (i % 200),
    latencyUpstreamMs: 40 + (i % 150),
    overheadMs: 10 + (i % 50),
    ttftMs: stream ? 15.25 : null,
    stream,
    configHash: 'cfg-1',
    clientAborted: status === 499,
    partial: status === 499 && stream,
    trace: JSON.stringify(trace),
    requestBody: JSON.stringify({ model: 'smart', messages: [{ role: 'user', content: `question ${i}` }], stream }),
    responseBody: status === 200 ? JSON.stringify({ choices: [{ message: { role: 'assistant', content: `answer ${i}` } }] }) : null,
    attempts,
  };
}

function ok200(status: number): boolean {
  return status === 200 || status === 499;
}

/** Polls `check` until it returns true (or fails the test after `timeoutMs`). */
export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
