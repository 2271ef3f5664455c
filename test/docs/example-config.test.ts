import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfigFile } from '../../gateway/src/config/load-config.js';

const dir = new URL('../../gateway/configs/', import.meta.url);

describe('shipped configs', () => {
  it.each(readdirSync(dir).filter((f) => f.endsWith('.yaml')))('%s is valid', async (file) => {
    const env = { OPENAI_API_KEY: 'x', ANTHROPIC_API_KEY: 'x', TEAM_B_KEY: 'x', LLM_GATEWAY_ADMIN_KEY: 'x' };
    const config = await loadConfigFile(new URL(file, dir).pathname, env);
    expect(config.hash).toMatch(/^[0-9a-f]{64}$/);
  });
});
