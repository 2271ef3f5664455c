import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { isJsonObject, upstreamContentType, type UpstreamForwarder } from './upstream-forwarder.js';

const CHAT_PATH = '/v1/chat/completions';

/** The reference proxy on plain node:http: no framework, no routing table, no hooks. */
export function createNodeHttpReference(forwarder: UpstreamForwarder): Server {
  const server = createServer((req, res) => {
    handle(forwarder, req, res).catch((error: unknown) => fail(res, error));
  });
  // Outlive the load generator's keep-alive so the client, not the server, closes sockets.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  return server;
}

async function handle(forwarder: UpstreamForwarder, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'POST' || req.url !== CHAT_PATH) {
    await drain(req);
    reply(res, 404, '{"error":{"message":"not found"}}');
    return;
  }
  let body: unknown;
  try {
    body = JSON.parse(await readText(req));
  } catch {
    reply(res, 400, '{"error":{"message":"body is not JSON"}}');
    return;
  }
  if (!isJsonObject(body)) {
    reply(res, 400, '{"error":{"message":"body is not a JSON object"}}');
    return;
  }
  const upstream = await forwarder.send(body);
  if (body.stream === true) {
    // SSE bytes are piped through untouched: a gateway must at least relay them.
    res.writeHead(upstream.statusCode, { 'content-type': upstreamContentType(upstream, 'text/event-stream'), 'cache-control': 'no-cache' });
    // pipe() plus two listeners, not stream.pipeline(): same backpressure, less bookkeeping.
    upstream.body.once('error', () => res.destroy());
    res.once('close', () => upstream.body.destroy());
    upstream.body.pipe(res);
    return;
  }
  // JSON is parsed and serialized again: the least a gateway does to read usage / rewrite it.
  const answer: unknown = await upstream.body.json();
  reply(res, upstream.statusCode, JSON.stringify(answer));
}

function reply(res: ServerResponse, status: number, payload: string): void {
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) });
  res.end(payload);
}

/** Plain 'data'/'end' listeners: an async iterator per request costs more than the parse. */
function readText(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.once('end', () => resolve(chunks.length === 1 ? (chunks[0]?.toString('utf8') ?? '') : Buffer.concat(chunks).toString('utf8')));
    req.once('error', reject);
  });
}

function drain(req: IncomingMessage): Promise<void> {
  // Discard: the connection stays usable only once the request body is consumed.
  return new Promise((resolve) => req.resume().once('end', resolve).once('error', () => resolve()));
}

function fail(res: ServerResponse, error: unknown): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  reply(res, 502, JSON.stringify({ error: { message: error instanceof Error ? error.message : String(error) } }));
}
