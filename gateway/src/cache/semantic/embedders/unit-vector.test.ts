import { describe, expect, it } from 'vitest';
import { cosineSimilarity } from './cosine-similarity.js';
import { toUnitVector } from './unit-vector.js';

describe('toUnitVector', () => {
  it('scales to length 1 and keeps the direction', () => {
    const v = toUnitVector([3, 4]);
    expect(Array.from(v)).toEqual([expect.closeTo(0.6, 6), expect.closeTo(0.8, 6)]);
    expect(cosineSimilarity(v, v)).toBeCloseTo(1, 6);
  });

  it.each([[[0, 0, 0]], [[1, Number.NaN]], [[Number.POSITIVE_INFINITY, 1]]])('refuses %j: it has no direction', (values) => {
    expect(() => toUnitVector(values)).toThrow(RangeError);
  });
});

describe('cosineSimilarity', () => {
  it('is the dot product of unit vectors', () => {
    expect(cosineSimilarity(toUnitVector([1, 0]), toUnitVector([1, 1]))).toBeCloseTo(Math.SQRT1_2, 6);
  });

  it('refuses vectors of different length', () => {
    expect(() => cosineSimilarity(new Float32Array(2), new Float32Array(3))).toThrow(RangeError);
  });
});
