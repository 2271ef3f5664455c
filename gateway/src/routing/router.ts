import { createHash } from 'node:crypto';
import type { ResolvedConfig } from '../config/resolved-config.js';
import type { ChainConfig } from '../config/routing-schema.js';
import { GatewayError } from '../errors/gateway-error.js';
import { classifyComplexity, type ComplexityResult } from './complexity-classifier.js';
import { matchRule } from './match-rule.js';
import { modelInfo } from './model-catalog.js';
import { resolveModel } from './resolve-model.js';
import type { BreakerStateName, Candidate, RouteDecision, RouteInput } from './route-types.js';

type Resolved = { via: RouteDecision['via']; uses: string; chain: ChainConfig };

/**
 * The router: a pure function of (request, config, upstream health) to an ordered chain of
 * candidates with the reasons behind it. Rules are tried in order; the first that matches
 * names a chain (directly or through a weighted split). Without a matching rule the
 * requested name itself is resolved: a chain, an alias, or a single provider/model.
 * Upstreams whose breaker is open are excluded, and so recorded.
 */
export function decideRoute(input: RouteInput, config: ResolvedConfig, health: ReadonlyMap<string, BreakerStateName>): RouteDecision {
  let complexity: ComplexityResult | undefined;
  let lower: string | undefined;
  const context = {
    classify: (): ComplexityResult => (complexity ??= classifyComplexity(input.request, config.raw.routing.classifier)),
    lowerText: (): string => (lower ??= input.features.lastUserText.toLowerCase()),
  };
  let resolved: Resolved | undefined;
  let rule: RouteDecision['rule'];
  let split: RouteDecision['split'];
  const rules = config.raw.routing.rules;
  for (let index = 0; index < rules.length && resolved === undefined; index++) {
    const candidate = rules[index]!;
    const matched = matchRule(candidate.when, input, context);
    if (matched === undefined) continue;
    rule = { index, name: candidate.name, matched };
    let use = candidate.use;
    if (candidate.split !== undefined) {
      split = chooseArm(candidate.name, candidate.split, input);
      use = split.chosen;
    }
    resolved = { ...resolveUse(use ?? '', config), via: 'rule' };
  }
  resolved ??= resolveUse(input.requestedModel, config);
  const { candidates, excluded } = buildCandidates(resolved.chain, config, health);
  const decision: RouteDecision = {
    via: resolved.via,
    uses: resolved.uses,
    candidates,
    excluded,
    deadlineMs: deadline(resolved.chain, config, input),
    costCapUsd: resolved.chain.costCapUsd ?? config.raw.routing.costCapUsd,
  };
  if (rule !== undefined) decision.rule = rule;
  if (split !== undefined) decision.split = split;
  if (complexity !== undefined) decision.classifier = { label: complexity.label, score: complexity.score, features: complexity.features };
  if (candidates.length === 0) throw noRoute(decision);
  return decision;
}

/**
 * Resolutions per config: the same name under the same (frozen) config always resolves the
 * same way, so the work is done once per name. Bounded, because names come from clients.
 */
const resolvedByConfig = new WeakMap<ResolvedConfig, Map<string, Resolved>>();
const MAX_REMEMBERED_NAMES = 1_024;

/** A chain name, an alias or a model name, as a chain. */
function resolveUse(name: string, config: ResolvedConfig): Resolved {
  let known = resolvedByConfig.get(config);
  if (known === undefined) resolvedByConfig.set(config, (known = new Map()));
  const remembered = known.get(name);
  if (remembered !== undefined) return remembered;
  const resolved = resolveUseOnce(name, config);
  if (known.size < MAX_REMEMBERED_NAMES) known.set(name, resolved);
  return resolved;
}

function resolveUseOnce(name: string, config: ResolvedConfig): Resolved {
  const chain = config.raw.chains[name];
  if (chain !== undefined) return { via: 'chain', uses: name, chain };
  const target = resolveModel(name, config);
  return { via: target.reason, uses: name, chain: { steps: [`${target.provider}/${target.model}`] } };
}

/**
 * Per chain, its candidates as they are while every breaker is closed: everything that
 * depends only on the (frozen) config, worked out once, shared and frozen.
 */
const closedCandidatesByChain = new WeakMap<ChainConfig, readonly Candidate[]>();

function closedCandidates(chain: ChainConfig, config: ResolvedConfig): readonly Candidate[] {
  let known = closedCandidatesByChain.get(chain);
  if (known === undefined) {
    known = Object.freeze(chain.steps.map((step) => Object.freeze(candidateOf(step, config))));
    closedCandidatesByChain.set(chain, known);
  }
  return known;
}

function candidateOf(step: ChainConfig['steps'][number], config: ResolvedConfig): Candidate {
  const spec = typeof step === 'string' ? { target: step } : step;
  const slash = spec.target.indexOf('/');
  const provider = spec.target.slice(0, slash);
  const model = spec.target.slice(slash + 1);
  const providerConfig = config.providers.get(provider);
  const settings = typeof step === 'string' ? undefined : step;
  return {
    target: spec.target,
    provider,
    model,
    timeoutMs: settings?.timeoutMs ?? (providerConfig !== undefined && providerConfig.type !== 'mock' ? providerConfig.timeoutMs : 600_000),
    ttftTimeoutMs: settings?.ttftTimeoutMs,
    retries: settings?.retries ?? 0,
    backoffMs: settings?.backoffMs ?? 200,
    maxBackoffMs: settings?.maxBackoffMs ?? 5_000,
    info: modelInfo(config.raw.models, provider, model),
    breaker: 'closed',
  };
}

function buildCandidates(chain: ChainConfig, config: ResolvedConfig, health: ReadonlyMap<string, BreakerStateName>): { candidates: readonly Candidate[]; excluded: RouteDecision['excluded'] } {
  const closed = closedCandidates(chain, config);
  // The health map lists only breakers that are not closed: normally it is empty.
  if (health.size === 0) return { candidates: closed, excluded: [] };
  const candidates: Candidate[] = [];
  const excluded: RouteDecision['excluded'] = [];
  for (const candidate of closed) {
    const state = health.get(candidate.target) ?? 'closed';
    if (state === 'open') {
      excluded.push({ target: candidate.target, reason: 'circuit breaker open' });
      continue;
    }
    candidates.push(state === 'closed' ? candidate : { ...candidate, breaker: state });
  }
  return { candidates, excluded };
}

/** Weighted choice; sticky per end user (a hash of rule and user), else the caller's draw. */
function chooseArm(ruleName: string, arms: ReadonlyArray<{ use: string; weight: number }>, input: RouteInput): NonNullable<RouteDecision['split']> {
  const sticky = input.user !== undefined && input.user !== '';
  const draw = sticky ? hashToUnit(`${ruleName}\u0000${input.user}`) : input.splitDraw;
  const total = arms.reduce((sum, arm) => sum + arm.weight, 0);
  let point = draw * total;
  let chosen = arms[arms.length - 1]!.use;
  for (const arm of arms) {
    if (point < arm.weight) {
      chosen = arm.use;
      break;
    }
    point -= arm.weight;
  }
  return { draw, sticky, arms: arms.map((a) => ({ use: a.use, weight: a.weight })), chosen };
}

function hashToUnit(text: string): number {
  return createHash('sha256').update(text).digest().readUInt32BE(0) / 2 ** 32;
}

/** The chain's budget (or the default), lowered, never raised, by an `x-gateway-deadline-ms` header. */
function deadline(chain: ChainConfig, config: ResolvedConfig, input: RouteInput): number {
  const configured = chain.deadlineMs ?? config.raw.routing.deadlineMs;
  const header = input.headers['x-gateway-deadline-ms'];
  const asked = typeof header === 'string' ? Number(header) : Number.NaN;
  return Number.isFinite(asked) && asked > 0 ? Math.min(configured, asked) : configured;
}

function noRoute(decision: RouteDecision): GatewayError {
  const list = decision.excluded.map((e) => `${e.target} (${e.reason})`).join(', ');
  return new GatewayError('no_route_available', `No upstream can take this request now: ${list}.`, { retryAfterSeconds: 1 });
}
