import type { z } from 'zod';
import { TranslationError } from '../../canonical/translation-errors.js';
import type { CanonicalRequest } from '../../canonical/types.js';
import type { Surface } from '../../errors/error-envelope.js';
import { GatewayError } from '../../errors/gateway-error.js';
import { fastValid } from '../../protocols/fast-check/index.js';
import { PROTOCOLS } from '../../protocols/protocol-registry.js';

export interface IngressResult {
  body: Record<string, unknown>;
  request: CanonicalRequest;
}

/**
 * Validates the client's body against its surface's schema and decodes it to canonical form.
 * A common, certainly valid body skips zod (`fastValid`): zod would only return a deep-equal
 * copy of it. Anything else, including every invalid body, goes through zod as before.
 */
export function ingress(surface: Surface, body: unknown): IngressResult {
  const protocol = PROTOCOLS[surface];
  let data: Record<string, unknown>;
  if (fastValid(surface, body)) data = body;
  else {
    const parsed = protocol.requestSchema.safeParse(body);
    if (!parsed.success) throw schemaError(parsed.error);
    data = parsed.data;
  }
  try {
    return { body: data, request: protocol.decodeRequest(data) };
  } catch (error) {
    throw asTranslationError(error);
  }
}

export function asTranslationError(error: unknown): unknown {
  if (!(error instanceof TranslationError)) return error;
  return new GatewayError('unsupported_translation', error.message, error.param === undefined ? {} : { param: error.param });
}

/** A schema violation as a 400 whose message and `param` name the first bad field. */
export function schemaError(error: z.ZodError): GatewayError {
  const issue = error.issues[0];
  if (issue === undefined) return new GatewayError('invalid_request', 'Invalid request body.');
  const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0] ?? ''] : issue.path;
  const param = path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`)).join('');
  const message = param === '' ? `Invalid request body: ${issue.message}` : `Invalid value for '${param}': ${issue.message}`;
  return new GatewayError('invalid_request', message, param === '' ? {} : { param });
}
