// OpenAI POST /v1/embeddings: request reading and the response
// (https://platform.openai.com/docs/api-reference/embeddings). The official SDK asks for
// base64 unless told otherwise, so both encodings are served.
import { embeddingToBase64, hashedEmbedding } from './hashed-embedding.js';
import type { JsonObject } from './json-guards.js';
import { numberField, stringField } from './json-guards.js';
import type { ReadResult } from './request-validation.js';
import { invalid } from './request-validation.js';
import { countWords } from './word-text.js';

const DEFAULT_DIMENSIONS = 8;

export interface OpenAIEmbeddingsRequest {
  readonly model: string;
  readonly inputs: readonly string[];
  readonly dimensions: number;
  readonly base64: boolean;
}

export function readOpenAIEmbeddingsRequest(body: JsonObject): ReadResult<OpenAIEmbeddingsRequest> {
  const model = stringField(body, 'model');
  if (model === undefined || model === '') return invalid('you must provide a model parameter');
  const inputs = readInputs(body['input']);
  if (inputs === null) return invalid("Missing required parameter: 'input'.", 'input', 'missing_required_parameter');
  if (inputs.length === 0) return invalid("Invalid 'input': empty array. Expected an array with minimum length 1.", 'input', 'empty_array');
  const dimensions = numberField(body, 'dimensions') ?? DEFAULT_DIMENSIONS;
  if (!Number.isInteger(dimensions) || dimensions < 1) {
    return invalid(`Invalid 'dimensions': ${dimensions}. Expected a positive integer.`, 'dimensions', 'invalid_value');
  }
  return { ok: true, value: { model, inputs, dimensions, base64: body['encoding_format'] === 'base64' } };
}

/** `input` is a string, strings, a token array or token arrays; token arrays hash as their text. */
function readInputs(input: unknown): string[] | null {
  if (typeof input === 'string') return [input];
  if (!Array.isArray(input)) return null;
  if (input.length > 0 && input.every((item) => typeof item === 'number')) return [input.join(' ')];
  const texts: string[] = [];
  for (const item of input) {
    if (typeof item === 'string') texts.push(item);
    else if (Array.isArray(item)) texts.push(item.join(' '));
    else return null;
  }
  return texts;
}

export function buildOpenAIEmbeddings(request: OpenAIEmbeddingsRequest, model: string): object {
  let promptTokens = 0;
  const data = request.inputs.map((text, index) => {
    promptTokens += countWords(text);
    const vector = hashedEmbedding(text, request.dimensions);
    return { object: 'embedding', index, embedding: request.base64 ? embeddingToBase64(vector) : Array.from(vector) };
  });
  return { object: 'list', data, model, usage: { prompt_tokens: promptTokens, total_tokens: promptTokens } };
}
