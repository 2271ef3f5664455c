/**
 * An OpenAI-compatible embedder for the measurement, when the environment names one:
 *
 *   EMBEDDINGS_BASE_URL=https://api.openai.com/v1 EMBEDDINGS_MODEL=text-embedding-3-small \
 *   EMBEDDINGS_DIMS=1536 EMBEDDINGS_API_KEY=... npx tsx evals/cache/measure-semantic-cache.ts
 *
 * The gateway routes embeddings through its own providers; this script has no gateway
 * running, so it posts with fetch. Not reachable from the development machines (npm and apt
 * only), so the committed results have no remote column.
 */
import { OpenAiCompatibleEmbedder } from '../../gateway/src/cache/semantic/embedders/openai-compatible-embedder.js';

export function remoteEmbedderFromEnv(env: NodeJS.ProcessEnv = process.env): OpenAiCompatibleEmbedder | undefined {
  const baseUrl = env.EMBEDDINGS_BASE_URL;
  const model = env.EMBEDDINGS_MODEL;
  if (baseUrl === undefined || model === undefined) return undefined;
  const dims = Number(env.EMBEDDINGS_DIMS);
  if (!Number.isInteger(dims) || dims <= 0) throw new Error('EMBEDDINGS_DIMS must be the model’s vector length');
  const apiKey = env.EMBEDDINGS_API_KEY;
  return new OpenAiCompatibleEmbedder({
    model,
    dims,
    maxBatch: 128,
    call: async (body) => {
      const response = await fetch(`${baseUrl.replace(/\/$/, '')}/embeddings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(apiKey === undefined ? {} : { authorization: `Bearer ${apiKey}` }) },
        body: JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`${baseUrl}: HTTP ${response.status} ${await response.text()}`);
      return response.json() as Promise<unknown>;
    },
  });
}
