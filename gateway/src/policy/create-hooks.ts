import type { RequestHook, ResponseHook } from './hook-contract.js';
import { createModelAllowList } from './model-allow-list.js';
import { createOutputFilter } from './output-filter.js';
import { createPiiHook } from './pii-hook.js';
import type { PolicyConfig } from './policy-config-schema.js';

export interface PolicyHooks {
  /** In run order: the model allow-list first (a cheap deny before any text is scanned), then PII. */
  request: RequestHook[];
  response: ResponseHook[];
}

/**
 * Builds the hooks for one parsed policy config (one route × tenant). Call it at start-up and
 * keep the result: it compiles every pattern, and hooks hold no per-request state (stream
 * filters are made per stream by `createStreamFilter`).
 */
export function createHooks(config: PolicyConfig): PolicyHooks {
  const request: RequestHook[] = [];
  const response: ResponseHook[] = [];
  if (config.allowModels !== undefined) request.push(createModelAllowList(config.allowModels));
  if (config.pii !== undefined) {
    const { mode, modes, kinds } = config.pii;
    request.push(createPiiHook({ mode, ...(modes === undefined ? {} : { modes }), ...(kinds === undefined ? {} : { kinds }) }));
  }
  if (config.outputFilter !== undefined) response.push(createOutputFilter(config.outputFilter));
  return { request, response };
}
