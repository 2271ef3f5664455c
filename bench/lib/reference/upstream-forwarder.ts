import { Pool, type Dispatcher } from 'undici';

/**
 * The work every gateway must do per chat request, and nothing more: the parsed body gets
 * its `provider/` prefix removed from the model, is serialized again and sent over a
 * keep-alive pool. The pool matches the gateway's (256 connections, 30 s keep-alive).
 */
export class UpstreamForwarder {
  private readonly pool: Pool;
  private readonly chatPath: string;

  constructor(baseUrl: string) {
    const url = new URL(baseUrl);
    this.pool = new Pool(url.origin, { connections: 256, keepAliveTimeout: 30_000 });
    this.chatPath = `${url.pathname.replace(/\/$/, '')}/chat/completions`;
  }

  send(body: Record<string, unknown>): Promise<Dispatcher.ResponseData> {
    const model = body.model;
    if (typeof model === 'string') body.model = model.slice(model.indexOf('/') + 1);
    return this.pool.request({
      path: this.chatPath,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}

export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function upstreamContentType(response: Dispatcher.ResponseData, fallback: string): string {
  const value = response.headers['content-type'];
  return typeof value === 'string' ? value : fallback;
}
