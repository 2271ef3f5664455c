/**
 * Vectors computed by earlier runs, one JSON line per text (`{ t, v }`, v = base64 float32),
 * under evals/cache/.data/ (gitignored). Appended as batches finish, so an interrupted
 * run resumes where it stopped. Keyed by embedder id: another model gets another file.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Embedder } from '../../gateway/src/cache/semantic/embedders/embedder.js';

export async function embedAllWithFileCache(
  embedder: Embedder,
  texts: readonly string[],
  dataDir: string,
  onProgress: (done: number, total: number) => void = () => undefined,
  batchSize = 64,
): Promise<Map<string, Float32Array>> {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, `embeddings-${embedder.id.replace(/[^a-zA-Z0-9._-]/g, '_')}.jsonl`);
  const vectors = load(file, embedder.dims);
  const missing = [...new Set(texts)].filter((t) => !vectors.has(t));
  for (let i = 0; i < missing.length; i += batchSize) {
    const batch = missing.slice(i, i + batchSize);
    const out = await embedder.embed(batch);
    const lines = batch.map((t, j) => {
      const v = out[j] as Float32Array;
      vectors.set(t, v);
      return JSON.stringify({ t, v: Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64') });
    });
    appendFileSync(file, `${lines.join('\n')}\n`);
    onProgress(Math.min(i + batchSize, missing.length), missing.length);
  }
  return vectors;
}

function load(file: string, dims: number): Map<string, Float32Array> {
  const vectors = new Map<string, Float32Array>();
  if (!existsSync(file)) return vectors;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line === '') continue;
    // A line cut short by an interrupted run is skipped and recomputed.
    let row: { t?: unknown; v?: unknown };
    try {
      row = JSON.parse(line) as { t?: unknown; v?: unknown };
    } catch {
      continue;
    }
    if (typeof row.t !== 'string' || typeof row.v !== 'string') continue;
    const bytes = Buffer.from(row.v, 'base64');
    if (bytes.length !== dims * 4) continue;
    const copy = new Uint8Array(bytes);
    vectors.set(row.t, new Float32Array(copy.buffer));
  }
  return vectors;
}
