/**
 * Scales a vector to length 1. Providers mostly return unit vectors already, but not all
 * do (TEI without `normalize`, vLLM with some poolers), and the cache compares by dot
 * product, so every embedder normalises its own output rather than trusting the model.
 * Throws RangeError on a zero or non-finite vector: it has no direction, and storing it
 * would make every lookup score 0 (or NaN) against it.
 */
export function toUnitVector(values: ArrayLike<number>): Float32Array {
  let sumOfSquares = 0;
  for (let i = 0; i < values.length; i += 1) {
    const v = values[i] as number;
    sumOfSquares += v * v;
  }
  const norm = Math.sqrt(sumOfSquares);
  if (!Number.isFinite(norm) || norm === 0) throw new RangeError(`cannot normalise a vector of norm ${norm}`);
  const out = new Float32Array(values.length);
  for (let i = 0; i < values.length; i += 1) out[i] = (values[i] as number) / norm;
  return out;
}
