export type { Embedder } from './embedder.js';
export { LocalUseEmbedder, type LocalUseEmbedderOptions, type UseRunner } from './local-use-embedder.js';
export {
  decodeBase64Floats,
  OpenAiCompatibleEmbedder,
  type EmbeddingsCall,
  type EmbeddingsRequestBody,
  type OpenAiCompatibleEmbedderOptions,
} from './openai-compatible-embedder.js';
export { CachedEmbedder, type CachedEmbedderOptions, type CachedEmbedderStats } from './cached-embedder.js';
export { cosineSimilarity } from './cosine-similarity.js';
export { toUnitVector } from './unit-vector.js';
