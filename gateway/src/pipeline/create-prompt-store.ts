import type { ResolvedConfig } from '../config/resolved-config.js';
import { createPgPromptStore, FilePromptStore, type PromptStore } from '../prompts/index.js';

/** The prompt store the config asks for: files (embedded default) or PostgreSQL (migrated on start). */
export async function createPromptStore(config: ResolvedConfig, env: Readonly<Record<string, string | undefined>>): Promise<PromptStore> {
  const settings = config.raw.prompts;
  if (settings.store === 'file') return new FilePromptStore({ directory: settings.directory });
  const { url } = settings.postgres;
  const connectionString = env[url.env] || url.default;
  if (connectionString === undefined) throw new Error(`prompts.postgres.url: environment variable ${url.env} is not set`);
  return createPgPromptStore({ connectionString, schema: settings.postgres.schema });
}
