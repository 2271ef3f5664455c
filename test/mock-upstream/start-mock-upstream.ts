// Starts the mock upstream on node:http (no framework: benchmarks push it past 10k req/s,
// and tests need raw control over sockets for reset / stall / truncation faults).
import { createServer } from 'node:http';
import type { ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { MockState } from './mock-state.js';
import { handleRequest } from './request-router.js';
import type { MockUpstream, MockUpstreamOptions, RecordedRequest } from './types.js';

const DEFAULT_MAX_RECORDED = 1000;
const WAIT_POLL_MS = 10;

export async function startMockUpstream(options: MockUpstreamOptions = {}): Promise<MockUpstream> {
  const state = new MockState(options.requireKey, options.record ?? true, options.maxRecorded ?? DEFAULT_MAX_RECORDED);
  const server = createServer((req, res) => {
    handleRequest(req, res, state).catch((error: unknown) => failInternally(res, error));
  });
  // Outlive typical client idle timeouts so the client, not the mock, closes idle sockets
  // (a server-side close racing a reused socket shows up as spurious ECONNRESETs).
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('mock-upstream: server has no TCP address');
  const urlHost = host.includes(':') ? `[${host}]` : host;
  const requests: readonly RecordedRequest[] = state.log?.entries ?? [];
  let closing: Promise<void> | undefined;

  return {
    url: `http://${urlHost}:${address.port}`,
    port: address.port,
    requests,
    reset: () => state.reset(),
    async waitFor(predicate, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(requests)) {
        if (Date.now() > deadline) throw new Error(`mock-upstream: waitFor condition not met within ${timeoutMs} ms`);
        await sleep(WAIT_POLL_MS);
      }
    },
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        state.shuttingDown = true;
        server.close((error) => (error ? reject(error) : resolve()));
        // Stalled streams never end on their own; drop them so close() returns.
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

function failInternally(res: ServerResponse, error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`mock-upstream: internal error: ${message}`);
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const payload = JSON.stringify({ error: { message: `mock-upstream internal error: ${message}`, type: 'server_error', param: null, code: null } });
  res.writeHead(500, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) });
  res.end(payload);
}
