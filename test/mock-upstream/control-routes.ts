// Test-control endpoints for out-of-process use (CLI, benchmarks): never recorded, never
// authenticated, never fault-injected.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MockState } from './mock-state.js';

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) });
  res.end(payload);
}

export function handleControl(req: IncomingMessage, res: ServerResponse, path: string, state: MockState): void {
  req.resume(); // drain any body so the keep-alive connection stays usable
  if (req.method === 'GET' && path === '/_mock/requests') return sendJson(res, 200, state.log?.entries ?? []);
  if (req.method === 'POST' && path === '/_mock/reset') {
    state.reset();
    return sendJson(res, 200, { reset: true });
  }
  sendJson(res, 404, { error: `unknown control endpoint ${req.method ?? ''} ${path}` });
}
