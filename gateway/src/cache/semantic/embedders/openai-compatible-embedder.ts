import { z } from 'zod';
import { GatewayError } from '../../../errors/gateway-error.js';
import type { Embedder } from './embedder.js';
import { toUnitVector } from './unit-vector.js';

/** The body of an OpenAI `POST /v1/embeddings` request (https://platform.openai.com/docs/api-reference/embeddings/create). */
export interface EmbeddingsRequestBody {
  model: string;
  input: string[];
  encoding_format?: 'float' | 'base64';
  dimensions?: number;
}

/**
 * Sends one embeddings request and returns the parsed JSON body. Injected so the request
 * goes through the gateway's own provider config (auth, base URL, breakers, timeouts)
 * instead of an HTTP client of this module's own. Returns `unknown`: the body is parsed here.
 */
export type EmbeddingsCall = (body: EmbeddingsRequestBody) => Promise<unknown>;

export interface OpenAiCompatibleEmbedderOptions {
  /** Upstream model name, e.g. `text-embedding-3-small`, `BAAI/bge-small-en-v1.5`. */
  model: string;
  /** Vector length the model returns (checked on every response: the store's column has a fixed size). */
  dims: number;
  call: EmbeddingsCall;
  /** Default `openai:<model>`; set it per deployment when two providers serve the same name differently. */
  id?: string;
  /**
   * Ask for base64 (4 bytes a dimension instead of ~10 characters of JSON). Off by default:
   * OpenAI and vLLM accept it, but not every OpenAI-compatible server does.
   */
  base64?: boolean;
  /**
   * Send `dimensions: dims` (text-embedding-3-* can shorten its vectors). Off by default:
   * most other servers reject the field.
   */
  sendDimensions?: boolean;
  /** Most inputs per request (OpenAI allows 2048; servers such as TEI default to 32). */
  maxBatch?: number;
}

const responseSchema = z.object({
  data: z.array(
    z.object({
      // Float array, or base64 of little-endian float32 when encoding_format is base64.
      embedding: z.union([z.array(z.number()), z.string()]),
      index: z.number().int().nonnegative(),
    }),
  ),
});

/** Production embedder: any OpenAI-compatible `/v1/embeddings` (OpenAI, vLLM, TEI, Ollama). */
export class OpenAiCompatibleEmbedder implements Embedder {
  readonly id: string;
  readonly dims: number;
  private readonly options: OpenAiCompatibleEmbedderOptions;
  private readonly maxBatch: number;

  constructor(options: OpenAiCompatibleEmbedderOptions) {
    if (!Number.isInteger(options.dims) || options.dims <= 0) throw new RangeError(`dims must be a positive integer, got ${options.dims}`);
    this.options = options;
    this.dims = options.dims;
    this.maxBatch = Math.max(1, options.maxBatch ?? 256);
    // Shortened vectors live in their own space: a different id keeps them apart in the store.
    this.id = options.id ?? `openai:${options.model}${options.sendDimensions === true ? `@${options.dims}` : ''}`;
  }

  async embed(texts: string[]): Promise<Float32Array[]> {
    const batches: string[][] = [];
    for (let i = 0; i < texts.length; i += this.maxBatch) batches.push(texts.slice(i, i + this.maxBatch));
    const results = await Promise.all(batches.map((batch) => this.embedBatch(batch)));
    return results.flat();
  }

  private async embedBatch(input: string[]): Promise<Float32Array[]> {
    const body: EmbeddingsRequestBody = { model: this.options.model, input };
    if (this.options.base64 === true) body.encoding_format = 'base64';
    if (this.options.sendDimensions === true) body.dimensions = this.dims;
    const parsed = responseSchema.safeParse(await this.options.call(body));
    if (!parsed.success) throw this.protocolError(`unexpected response shape (${parsed.error.issues[0]?.message ?? 'invalid'})`);
    const { data } = parsed.data;
    if (data.length !== input.length) throw this.protocolError(`${data.length} embeddings for ${input.length} inputs`);
    const out: Array<Float32Array | undefined> = new Array<Float32Array | undefined>(input.length);
    for (const item of data) {
      // Servers may answer out of order; `index` says which input each vector belongs to.
      if (item.index >= input.length || out[item.index] !== undefined) throw this.protocolError(`bad or repeated index ${item.index}`);
      const raw = typeof item.embedding === 'string' ? decodeBase64Floats(item.embedding) : item.embedding;
      if (raw.length !== this.dims) throw this.protocolError(`${raw.length}-dimensional vector, expected ${this.dims}`);
      try {
        out[item.index] = toUnitVector(raw);
      } catch (error) {
        throw this.protocolError(error instanceof Error ? error.message : String(error));
      }
    }
    return out as Float32Array[];
  }

  private protocolError(detail: string): GatewayError {
    return new GatewayError('upstream_protocol_error', `embeddings from ${this.id}: ${detail}`);
  }
}

/** Base64 of little-endian float32s (what OpenAI sends for `encoding_format: base64`). */
export function decodeBase64Floats(base64: string): Float32Array {
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length % 4 !== 0) throw new GatewayError('upstream_protocol_error', `base64 embedding of ${bytes.length} bytes is not a float32 array`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Float32Array(bytes.length / 4);
  // DataView with littleEndian=true reads correctly on any host byte order.
  for (let i = 0; i < out.length; i += 1) out[i] = view.getFloat32(i * 4, true);
  return out;
}
