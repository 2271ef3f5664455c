/**
 * NOT a model: a lexical baseline for the measurement. Counts hashed character trigrams
 * of the lower-cased text into 512 buckets. It shows how much of the semantic embedder's
 * separation plain string overlap already gives; it knows nothing of meaning
 * ("fast" and "quick" share no trigram). Never use it as a cache embedder.
 */
import type { Embedder } from '../../gateway/src/cache/semantic/embedders/embedder.js';
import { toUnitVector } from '../../gateway/src/cache/semantic/embedders/unit-vector.js';

const DIMS = 512;

export class HashedNgramEmbedder implements Embedder {
  readonly id = 'baseline-char3-512';
  readonly dims = DIMS;

  async embed(texts: string[]): Promise<Float32Array[]> {
    return texts.map((text) => {
      const counts = new Float64Array(DIMS);
      const padded = ` ${text.toLowerCase().replace(/\s+/g, ' ').trim()} `;
      for (let i = 0; i + 3 <= padded.length; i += 1) {
        const bucket = fnv1a(padded.slice(i, i + 3)) % DIMS;
        counts[bucket] = (counts[bucket] ?? 0) + 1;
      }
      return toUnitVector(counts);
    });
  }
}

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i += 1) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}
