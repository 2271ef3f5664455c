import type { CanonicalRequest } from '../canonical/types.js';
import type { ModelInfo } from '../config/routing-schema.js';
import type { Surface } from '../errors/error-envelope.js';
import type { ComplexityResult } from './complexity-classifier.js';
import type { RequestFeatures } from './request-features.js';

export type BreakerStateName = 'closed' | 'open' | 'half_open';

/** Everything the router reads about a request. All of it goes into the trace. */
export interface RouteInput {
  requestedModel: string;
  tenant: string;
  keyId: string;
  surface: Surface;
  headers: Readonly<Record<string, string | string[] | undefined>>;
  /** String fields of the request's `metadata`. */
  metadata: Readonly<Record<string, string>>;
  /** The end user the request names (OpenAI `user`, Anthropic `metadata.user_id`): splits stick to it. */
  user: string | undefined;
  features: RequestFeatures;
  request: CanonicalRequest;
  /** Uniform draw in [0, 1) for splits without a user; the caller draws it so a replay can reuse it. */
  splitDraw: number;
}

/** One step of the chain the attempt loop will walk, with everything it needs resolved. */
export interface Candidate {
  target: string;
  provider: string;
  model: string;
  timeoutMs: number;
  ttftTimeoutMs: number | undefined;
  retries: number;
  backoffMs: number;
  maxBackoffMs: number;
  info: ModelInfo | undefined;
  breaker: Exclude<BreakerStateName, 'open'>;
}

export interface RouteDecision {
  /** How the requested model was resolved. */
  via: 'rule' | 'chain' | 'alias' | 'provider/model' | 'provider model list' | 'default provider';
  rule?: { index: number; name: string; matched: string[] };
  /** The chain, alias or target the decision used. */
  uses: string;
  split?: { draw: number; sticky: boolean; arms: Array<{ use: string; weight: number }>; chosen: string };
  classifier?: Pick<ComplexityResult, 'label' | 'score' | 'features'>;
  /** Shared and frozen when no breaker is in the way: read it, never change it. */
  candidates: readonly Candidate[];
  excluded: Array<{ target: string; reason: string }>;
  deadlineMs: number;
  costCapUsd: number | undefined;
}
