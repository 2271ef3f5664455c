// Deterministic embeddings without a model: each word hashes to a pseudo-random vector and
// a text is the normalised sum of its words' vectors. Identical texts get identical
// vectors, and texts that share words point in similar directions, which is what a
// semantic-cache test needs (use `dimensions` of 64+ for stable similarities; at the
// default 8 dimensions unrelated words collide often).

/** FNV-1a, 32-bit: tiny, fast and stable across runs and platforms. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** mulberry32: a seeded PRNG so one word always expands to the same vector. */
function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORD_SPLIT = /[^\p{L}\p{N}]+/u;

/** A unit vector of `dimensions` float32 values (float32 so base64 and float output agree). */
export function hashedEmbedding(text: string, dimensions: number): Float32Array {
  const sum = new Float64Array(dimensions);
  const words = text.toLowerCase().split(WORD_SPLIT).filter((word) => word !== '');
  // An empty or punctuation-only text still gets a (fixed) vector, never all zeros.
  for (const word of words.length === 0 ? [''] : words) {
    const random = seededRandom(fnv1a(word));
    for (let i = 0; i < dimensions; i++) sum[i] = (sum[i] ?? 0) + random() * 2 - 1;
  }
  let norm = 0;
  for (const value of sum) norm += value * value;
  norm = Math.sqrt(norm) || 1;
  const vector = new Float32Array(dimensions);
  for (let i = 0; i < dimensions; i++) vector[i] = (sum[i] ?? 0) / norm;
  return vector;
}

/** OpenAI's `encoding_format: "base64"`: little-endian float32 bytes, base64-encoded. */
export function embeddingToBase64(vector: Float32Array): string {
  return Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength).toString('base64');
}
