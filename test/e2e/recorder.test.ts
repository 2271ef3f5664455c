import OpenAI from 'openai';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRecorder } from '@llm-gateway/recorder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockUpstream, type MockUpstream } from '../mock-upstream/index.js';
import { startGatewayProcess } from '../helpers/gateway-process.js';
import { TEST_KEY_ENV, TEST_KEYS, testConfig } from '../helpers/test-config.js';

let upstream: MockUpstream;
const EMAIL = 'someone.private@example.org';

beforeAll(async () => {
  upstream = await startMockUpstream();
});
afterAll(async () => {
  await upstream?.close();
});

describe('the gateway records every request into ClickHouse (embedded)', () => {
  it('records redacted bodies and the trace, flushes on shutdown, and serves old requests from the recorder', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'llm-gateway-recorder-e2e-'));
    const recorder = { enabled: true, target: 'embedded', dataDir: join(folder, 'clickhouse'), spillDir: join(folder, 'spill') };
    const config = testConfig(upstream.url, { recorder, policy: { default: { pii: { mode: 'redact', kinds: ['email'] } } } });
    const gateway = await startGatewayProcess({ config, env: TEST_KEY_ENV });
    const client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: TEST_KEYS.teamA, maxRetries: 0 });
    const ids: string[] = [];
    for (const content of [`mail ${EMAIL} please`, 'second', 'third']) {
      const { response } = await client.chat.completions.create({ model: 'fast', messages: [{ role: 'user', content }] }).withResponse();
      ids.push(response.headers.get('x-request-id')!);
    }
    // A stream's answer is recorded as the canonical answer that was delivered.
    const { data: stream, response: streamed } = await client.chat.completions.create({ model: 'fast', stream: true, messages: [{ role: 'user', content: 'stream me' }] }).withResponse();
    let streamedText = '';
    for await (const chunk of stream) streamedText += chunk.choices[0]?.delta.content ?? '';
    const failed = await client.chat.completions.create({ model: 'openai/x+status=500', messages: [{ role: 'user', content: 'x' }] }).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(OpenAI.APIError);
    expect(await gateway.stop()).toBe(0);

    // Read what landed, with the recorder library itself (the gateway is gone).
    const reader = createRecorder({ target: { kind: 'embedded', dataDir: recorder.dataDir }, spillDir: join(folder, 'spill-reader') });
    await reader.ready();
    const rows = (await reader.query('SELECT count() AS n, uniqExact(request_id) AS u FROM requests')) as Array<{ n: string | number; u: string | number }>;
    expect(Number(rows[0]?.n)).toBe(5);
    expect(Number(rows[0]?.u)).toBe(5);
    const first = await reader.getRequest(ids[0]!);
    expect(first?.request).toMatchObject({ tenant: 'team-a', requestedModel: 'fast', servedModel: 'openai/gpt-4o-mini', status: 200, routeVia: 'alias' });
    expect(first?.attempts).toHaveLength(1);
    expect(first?.request.requestBody).toContain('[EMAIL]');
    expect(JSON.stringify(first)).not.toContain(EMAIL);
    expect(first?.trace).toMatchObject({ id: ids[0], policy: { request: [{ hook: 'pii' }] } });
    expect(first?.request.responseBody).toContain('mock reply to:');
    const streamRow = await reader.getRequest(streamed.headers.get('x-request-id')!);
    expect(streamedText).toContain('stream me');
    expect(streamRow?.request.stream).toBe(true);
    expect(streamRow?.request.responseBody).toContain(JSON.stringify(streamedText).slice(1, -1));
    await reader.close();

    // A new gateway process on the same data finds the old request through the recorder.
    const again = await startGatewayProcess({ config: { ...config }, env: TEST_KEY_ENV });
    try {
      const response = await fetch(`${again.url}/admin/requests/${ids[1]}`, { headers: { authorization: `Bearer ${TEST_KEYS.admin}` } });
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ id: ids[1], requestedModel: 'fast' });
    } finally {
      await again.stop();
    }
  });
});
