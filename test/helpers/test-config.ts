import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A gateway config whose providers all point at one mock upstream: `openai` and `vllm` in
 * the OpenAI protocol, `anthropic` in the Anthropic protocol, plus aliases and two keys.
 */
export const TEST_KEYS = { teamA: 'sk-test-team-a', teamB: 'sk-test-team-b', admin: 'sk-test-admin' } as const;

export const TEST_KEY_ENV: Record<string, string> = {
  TEAM_A_KEY: TEST_KEYS.teamA,
  TEAM_B_KEY: TEST_KEYS.teamB,
  ADMIN_KEY: TEST_KEYS.admin,
  UPSTREAM_KEY: 'sk-upstream',
};

export function testConfig(upstreamUrl: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    // Each gateway keeps its prompts in a fresh folder, never in the repository.
    prompts: { directory: mkdtempSync(join(tmpdir(), 'llm-gateway-prompts-')) },
    // The embedded ClickHouse is one process per data folder and heavy to start: only the
    // recorder's own tests turn it on (with folders of their own).
    recorder: { enabled: false },
    providers: {
      openai: { type: 'openai', baseUrl: `${upstreamUrl}/v1`, apiKey: { env: 'UPSTREAM_KEY' }, timeoutMs: 2_000 },
      vllm: { type: 'openai', baseUrl: `${upstreamUrl}/v1`, timeoutMs: 2_000 },
      anthropic: { type: 'anthropic', baseUrl: upstreamUrl, apiKey: { env: 'UPSTREAM_KEY' }, timeoutMs: 2_000 },
      dead: { type: 'openai', baseUrl: 'http://127.0.0.1:9/v1', timeoutMs: 2_000 },
    },
    aliases: { fast: 'openai/gpt-4o-mini', smart: 'anthropic/claude-sonnet-4-5', local: 'vllm/qwen2.5-7b' },
    auth: {
      keys: [
        { id: 'team-a-key', tenant: 'team-a', env: 'TEAM_A_KEY' },
        { id: 'team-b-key', tenant: 'team-b', env: 'TEAM_B_KEY' },
      ],
      admin: { env: 'ADMIN_KEY' },
    },
    ...overrides,
  };
}
