/**
 * Cosine similarity of two unit vectors (what every Embedder returns): their dot product.
 * Accumulates in float64 so 512 float32 products do not drift in the last digits that a
 * threshold such as 0.90 could fall between.
 */
export function cosineSimilarity(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) throw new RangeError(`vectors differ in length (${a.length} vs ${b.length})`);
  let dot = 0;
  for (let i = 0; i < a.length; i += 1) dot += (a[i] as number) * (b[i] as number);
  return dot;
}
