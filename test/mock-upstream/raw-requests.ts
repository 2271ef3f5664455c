// Raw fetch helpers for talking to the mock without an SDK (the mock's own tests use them
// so the wire format, not an SDK's parsing, is what gets asserted).

export const ANTHROPIC_VERSION = '2023-06-01';

export function postJson(url: string, body: unknown, headers: Record<string, string> = {}, signal?: AbortSignal): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    signal,
  });
}

export function postOpenAIChat(baseUrl: string, body: unknown, headers: Record<string, string> = {}, signal?: AbortSignal): Promise<Response> {
  return postJson(`${baseUrl}/v1/chat/completions`, body, headers, signal);
}

export function postAnthropicMessages(
  baseUrl: string,
  body: unknown,
  headers: Record<string, string> = {},
  signal?: AbortSignal,
): Promise<Response> {
  return postJson(`${baseUrl}/v1/messages`, body, { 'anthropic-version': ANTHROPIC_VERSION, ...headers }, signal);
}
