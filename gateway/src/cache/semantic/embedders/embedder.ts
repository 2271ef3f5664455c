/**
 * Turns texts into vectors for the semantic cache.
 *
 * `id` names the vector space, not just the model: two embedders with the same id must
 * produce comparable vectors, because the store keeps vectors per id and a lookup only
 * compares vectors of one id. Change the id when the model, its dimensions or its
 * normalisation change, or old entries would be matched against vectors of another space.
 */
export interface Embedder {
  /** E.g. `local-use-512`, `openai:text-embedding-3-small`. */
  readonly id: string;
  readonly dims: number;
  /**
   * One unit-length vector per text, in input order, so cosine similarity is a dot product
   * (and pgvector's inner-product and cosine operators agree).
   */
  embed(texts: string[]): Promise<Float32Array[]>;
  /** Releases what the embedder holds (a worker thread); optional because most hold nothing. */
  close?(): Promise<void>;
}
