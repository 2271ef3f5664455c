import type { ResolvedConfig } from '../config/resolved-config.js';
import type { Logger } from '../deps.js';
import { createExactCacheRedis, MemoryExactCache, RedisExactCache, type ExactCacheStore } from '../cache/exact/index.js';
import { CachedEmbedder } from '../cache/semantic/embedders/cached-embedder.js';
import type { Embedder } from '../cache/semantic/embedders/embedder.js';
import { LocalUseEmbedder } from '../cache/semantic/embedders/local-use-embedder.js';
import { OpenAiCompatibleEmbedder } from '../cache/semantic/embedders/openai-compatible-embedder.js';
import { createPgvectorSemanticCache, MemorySemanticCache, type SemanticCacheStore } from '../cache/semantic/store/index.js';
import type { ChatProvider } from '../providers/provider.js';
import { Cancellation } from '../http/cancellation.js';

export interface Caches {
  exact: ExactCacheStore | undefined;
  semantic: { store: SemanticCacheStore; embedder: Embedder } | undefined;
  close(): Promise<void>;
}

type Env = Readonly<Record<string, string | undefined>>;

/**
 * The caches the config asks for: nothing when no route turns one on; otherwise the exact
 * store (in-process LRU or Redis) and, when a route wants it, the semantic store (in-process
 * or pgvector) with its embedder (local USE model, or a provider/model through the gateway's
 * own providers), embeddings cached.
 */
export async function createCaches(config: ResolvedConfig, providers: ReadonlyMap<string, ChatProvider>, env: Env, logger: Logger): Promise<Caches> {
  const settings = config.raw.cache;
  const routes = Object.values(settings.routes);
  const closers: Array<() => Promise<void>> = [];
  let exact: ExactCacheStore | undefined;
  if (routes.some((r) => r.exact)) {
    if (settings.exact.store === 'memory') {
      exact = new MemoryExactCache({ maxBytes: settings.exact.maxBytes, maxBytesPerTenant: settings.exact.maxBytesPerTenant, maxEntriesPerTenant: settings.exact.maxEntriesPerTenant });
    } else {
      const redis = createExactCacheRedis({ url: fromEnv(settings.exact.redis.url, env), onError: (error) => logger.warn({ err: error.message }, 'exact-cache Redis unreachable') });
      exact = new RedisExactCache({ redis, keyPrefix: settings.exact.redis.keyPrefix, maxEntriesPerTenant: settings.exact.maxEntriesPerTenant });
      closers.push(async () => void redis.disconnect());
    }
    const store = exact;
    closers.push(() => store.close());
  }
  let semantic: Caches['semantic'];
  if (routes.some((r) => r.semantic)) {
    const embedder = new CachedEmbedder(embedderFor(settings.semantic.embedder, settings.semantic.embedderDims, providers));
    closers.push(async () => embedder.close?.());
    const store =
      settings.semantic.store === 'memory'
        ? new MemorySemanticCache({ dims: embedder.dims, maxEntriesPerTenant: settings.semantic.maxEntriesPerTenant })
        : await createPgvectorSemanticCache({
            dims: embedder.dims,
            connectionString: fromEnv(settings.semantic.postgres.url, env),
            schema: settings.semantic.postgres.schema,
            maxEntriesPerTenant: settings.semantic.maxEntriesPerTenant,
          });
    closers.push(() => store.close());
    // Expired entries are never served; this sweep only keeps the table small. Off the hot path.
    const sweep = setInterval(() => void store.deleteExpired?.().catch((error: unknown) => logger.warn({ err: error }, 'semantic-cache sweep failed')), 10 * 60_000);
    sweep.unref();
    closers.push(async () => clearInterval(sweep));
    semantic = { store, embedder };
  }
  return { exact, semantic, close: async () => void (await Promise.allSettled(closers.map((c) => c()))) };
}

function embedderFor(name: string, dims: number, providers: ReadonlyMap<string, ChatProvider>): Embedder {
  if (name === 'local') {
    const local = new LocalUseEmbedder();
    // Load the model now, in its worker, so the first cacheable request does not pay 1-2 s.
    void local.warmUp().catch(() => undefined);
    return local;
  }
  const slash = name.indexOf('/');
  const provider = slash > 0 ? providers.get(name.slice(0, slash)) : undefined;
  if (provider === undefined) throw new Error(`cache.semantic.embedder: "${name}" is neither "local" nor provider/model of a configured provider`);
  const model = name.slice(slash + 1);
  // Remote embeddings go through the gateway's own provider (keys, pools, timeouts).
  // The id names the vector space: two providers serving one model name may differ.
  return new OpenAiCompatibleEmbedder({ id: `${provider.name}:${model}`, model, dims, call: (body) => provider.embeddings({ ...body }, new Cancellation()) });
}

function fromEnv(url: string | { env: string; default?: string | undefined }, env: Env): string {
  if (typeof url === 'string') return url;
  const value = env[url.env] || url.default;
  if (value === undefined) throw new Error(`environment variable ${url.env} is not set`);
  return value;
}
