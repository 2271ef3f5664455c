import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../../errors/gateway-error.js';
import { decodeBase64Floats, OpenAiCompatibleEmbedder, type EmbeddingsRequestBody } from './openai-compatible-embedder.js';

function base64Of(values: number[]): string {
  const buffer = Buffer.alloc(values.length * 4);
  values.forEach((v, i) => buffer.writeFloatLE(v, i * 4));
  return buffer.toString('base64');
}

/** A fake upstream: vector i of a request is [i+1, 1] (or what `answer` says). */
function fakeCall(answer?: (body: EmbeddingsRequestBody) => unknown) {
  const bodies: EmbeddingsRequestBody[] = [];
  const call = async (body: EmbeddingsRequestBody): Promise<unknown> => {
    bodies.push(body);
    if (answer !== undefined) return answer(body);
    return { object: 'list', data: body.input.map((_, index) => ({ object: 'embedding', index, embedding: [index + 1, 1] })) };
  };
  return { call, bodies };
}

describe('OpenAiCompatibleEmbedder', () => {
  it('sends model and input, returns unit vectors in input order', async () => {
    const { call, bodies } = fakeCall();
    const embedder = new OpenAiCompatibleEmbedder({ model: 'text-embedding-3-small', dims: 2, call });
    const [a, b] = await embedder.embed(['x', 'y']);
    expect(bodies).toEqual([{ model: 'text-embedding-3-small', input: ['x', 'y'] }]);
    expect(embedder.id).toBe('openai:text-embedding-3-small');
    expect(Array.from(a ?? [])).toEqual([expect.closeTo(Math.SQRT1_2, 6), expect.closeTo(Math.SQRT1_2, 6)]);
    expect(b?.[0]).toBeCloseTo(2 / Math.sqrt(5), 6);
  });

  it('decodes base64 (little-endian float32) and asks for it when told to', async () => {
    const { call, bodies } = fakeCall(() => ({ data: [{ index: 0, embedding: base64Of([0, 2]) }] }));
    const embedder = new OpenAiCompatibleEmbedder({ model: 'm', dims: 2, call, base64: true });
    const [v] = await embedder.embed(['x']);
    expect(bodies[0]?.encoding_format).toBe('base64');
    expect(Array.from(v ?? [])).toEqual([0, 1]);
  });

  it('places vectors by `index` when the server answers out of order', async () => {
    const { call } = fakeCall(() => ({ data: [{ index: 1, embedding: [0, 1] }, { index: 0, embedding: [1, 0] }] }));
    const [a, b] = await new OpenAiCompatibleEmbedder({ model: 'm', dims: 2, call }).embed(['a', 'b']);
    expect(Array.from(a ?? [])).toEqual([1, 0]);
    expect(Array.from(b ?? [])).toEqual([0, 1]);
  });

  it('splits large inputs into batches of maxBatch and keeps the order', async () => {
    const { call, bodies } = fakeCall();
    const vectors = await new OpenAiCompatibleEmbedder({ model: 'm', dims: 2, call, maxBatch: 2 }).embed(['a', 'b', 'c']);
    expect(bodies.map((b) => b.input)).toEqual([['a', 'b'], ['c']]);
    expect(vectors).toHaveLength(3);
    expect(vectors[2]?.[0]).toBeCloseTo(Math.SQRT1_2, 6);
  });

  it('sends dimensions and gets an id of its own when shortening', async () => {
    const { call, bodies } = fakeCall();
    const embedder = new OpenAiCompatibleEmbedder({ model: 'text-embedding-3-large', dims: 2, call, sendDimensions: true });
    await embedder.embed(['x']);
    expect(bodies[0]?.dimensions).toBe(2);
    expect(embedder.id).toBe('openai:text-embedding-3-large@2');
  });

  it.each<[string, unknown]>([
    ['not an object', 'nope'],
    ['no data', { object: 'list' }],
    ['too few vectors', { data: [{ index: 0, embedding: [1, 0] }] }],
    ['repeated index', { data: [{ index: 0, embedding: [1, 0] }, { index: 0, embedding: [1, 0] }] }],
    ['index out of range', { data: [{ index: 0, embedding: [1, 0] }, { index: 2, embedding: [1, 0] }] }],
    ['wrong dims', { data: [{ index: 0, embedding: [1, 0, 0] }, { index: 1, embedding: [1, 0] }] }],
    ['zero vector', { data: [{ index: 0, embedding: [0, 0] }, { index: 1, embedding: [1, 0] }] }],
  ])('rejects a malformed response (%s) as upstream_protocol_error', async (_why, body) => {
    const { call } = fakeCall(() => body);
    const error: unknown = await new OpenAiCompatibleEmbedder({ model: 'm', dims: 2, call }).embed(['a', 'b']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GatewayError);
    expect((error as GatewayError).code).toBe('upstream_protocol_error');
  });

  it('refuses a non-positive dims at construction', () => {
    expect(() => new OpenAiCompatibleEmbedder({ model: 'm', dims: 0, call: async () => ({}) })).toThrow(RangeError);
  });
});

describe('decodeBase64Floats', () => {
  it('round-trips float32 values', () => {
    expect(Array.from(decodeBase64Floats(base64Of([1.5, -2, 0.25])))).toEqual([1.5, -2, 0.25]);
  });

  it('refuses a byte count that is not a multiple of 4', () => {
    expect(() => decodeBase64Floats(Buffer.from([1, 2, 3]).toString('base64'))).toThrow(GatewayError);
  });
});
