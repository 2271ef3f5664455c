import { describe, expect, it } from 'vitest';
import type { CanonicalRequest } from '../canonical/types.js';
import { resolveConfig } from '../config/load-config.js';
import { GatewayError } from '../errors/gateway-error.js';
import { requestFeatures } from './request-features.js';
import type { BreakerStateName, RouteInput } from './route-types.js';
import { decideRoute } from './router.js';

const config = resolveConfig(
  {
    providers: { openai: { type: 'openai' }, anthropic: { type: 'anthropic' }, vllm: { type: 'openai', baseUrl: 'http://v/v1' } },
    aliases: { fast: 'openai/gpt-4o-mini' },
    chains: {
      smart: { deadlineMs: 9_000, costCapUsd: 0.5, steps: [{ target: 'vllm/big', ttftTimeoutMs: 500, retries: 2 }, 'anthropic/claude-sonnet-4-5', 'openai/gpt-4o'] },
      canary: { steps: ['anthropic/claude-haiku-4-5'] },
    },
    routing: {
      deadlineMs: 30_000,
      rules: [
        { name: 'team-b-to-anthropic', when: { tenant: 'team-b', model: 'fast' }, use: 'anthropic/claude-haiku-4-5' },
        { name: 'task-header', when: { headers: { 'x-task': '/^summar/' } }, use: 'canary' },
        { name: 'sql', when: { keywords: ['SELECT', 'join'], model: 'auto' }, use: 'smart' },
        { name: 'tools-json', when: { hasTools: true, jsonMode: true }, use: 'openai/gpt-4o' },
        { name: 'long', when: { minInputTokens: 1_000, model: 'auto' }, use: 'smart' },
        { name: 'ab', when: { model: 'ab' }, split: [{ weight: 90, use: 'fast' }, { weight: 10, use: 'canary' }] },
        { name: 'auto-complex', when: { model: 'auto', complexity: 'complex' }, use: 'smart' },
        { name: 'auto-rest', when: { model: 'auto' }, use: 'fast' },
      ],
    },
  },
  'test',
  {},
);

function input(model: string, text: string, extra: Partial<RouteInput> = {}, request: Partial<CanonicalRequest> = {}): RouteInput {
  const canonical: CanonicalRequest = { model, messages: [{ role: 'user', content: [{ type: 'text', text }] }], stream: false, ...request };
  return {
    requestedModel: model,
    tenant: 'team-a',
    keyId: 'k',
    surface: 'openai',
    headers: {},
    metadata: {},
    user: undefined,
    features: requestFeatures(canonical),
    request: canonical,
    splitDraw: 0.5,
    ...extra,
  };
}

const healthy = new Map<string, BreakerStateName>();
const targets = (i: RouteInput, health = healthy) => decideRoute(i, config, health).candidates.map((c) => c.target);

describe('decideRoute', () => {
  it.each([
    ['a tenant rule', input('fast', 'hi', { tenant: 'team-b' }), ['anthropic/claude-haiku-4-5'], 'team-b-to-anthropic'],
    ['no rule: an alias', input('fast', 'hi'), ['openai/gpt-4o-mini'], undefined],
    ['no rule: a chain by name', input('smart', 'hi'), ['vllm/big', 'anthropic/claude-sonnet-4-5', 'openai/gpt-4o'], undefined],
    ['no rule: provider/model', input('openai/o3-mini', 'hi'), ['openai/o3-mini'], undefined],
    ['a header regex', input('fast', 'hi', { headers: { 'x-task': 'summarize' } }), ['anthropic/claude-haiku-4-5'], 'task-header'],
    ['keywords, case-insensitive', input('auto', 'select * from t inner JOIN u'), ['vllm/big', 'anthropic/claude-sonnet-4-5', 'openai/gpt-4o'], 'sql'],
    [
      'request features',
      input('fast', 'x', {}, { tools: [{ name: 'f', parameters: {} }], responseFormat: { type: 'json_object' } }),
      ['openai/gpt-4o'],
      'tools-json',
    ],
    ['estimated input tokens', input('auto', 'lorem ipsum '.repeat(400)), ['vllm/big', 'anthropic/claude-sonnet-4-5', 'openai/gpt-4o'], 'long'],
  ])('%s', (_name, routeInput, expected, rule) => {
    const decision = decideRoute(routeInput, config, healthy);
    expect(decision.candidates.map((c) => c.target)).toEqual(expected);
    expect(decision.rule?.name).toBe(rule);
  });

  it('records why a rule matched', () => {
    const decision = decideRoute(input('auto', 'please JOIN these tables'), config, healthy);
    expect(decision.rule).toEqual({ index: 2, name: 'sql', matched: ['model=auto', 'keyword "join"'] });
  });

  it('routes `auto` by the classifier and records its verdict', () => {
    const hard = decideRoute(
      input('auto', 'Design a multi-region active-active architecture for a payments ledger; prove the consistency guarantees, analyze failure modes and trade-offs step by step.'),
      config,
      healthy,
    );
    expect(hard.rule?.name).toBe('auto-complex');
    expect(hard.classifier?.label).toBe('complex');
    const easy = decideRoute(input('auto', 'What is the capital of France?'), config, healthy);
    expect(easy.rule?.name).toBe('auto-rest');
    expect(easy.classifier?.label).not.toBe('complex');
  });

  it('does not run the classifier when no rule asks for it', () => {
    expect(decideRoute(input('fast', 'hi'), config, healthy).classifier).toBeUndefined();
  });

  it('resolves chain settings into candidates', () => {
    const [first] = decideRoute(input('smart', 'hi'), config, healthy).candidates;
    expect(first).toMatchObject({ target: 'vllm/big', provider: 'vllm', model: 'big', ttftTimeoutMs: 500, retries: 2, timeoutMs: 600_000, breaker: 'closed' });
    const decision = decideRoute(input('smart', 'hi'), config, healthy);
    expect(decision.deadlineMs).toBe(9_000);
    expect(decision.costCapUsd).toBe(0.5);
    expect(decision.candidates[1]?.info).toMatchObject({ inputUsdPerMTok: 3, contextWindow: 200_000 });
  });

  it('lets a client header lower the delay budget but never raise it', () => {
    expect(decideRoute(input('fast', 'x', { headers: { 'x-gateway-deadline-ms': '1500' } }), config, healthy).deadlineMs).toBe(1_500);
    expect(decideRoute(input('fast', 'x', { headers: { 'x-gateway-deadline-ms': '999999' } }), config, healthy).deadlineMs).toBe(30_000);
  });

  it('excludes upstreams whose breaker is open, keeps half-open ones', () => {
    const health = new Map<string, BreakerStateName>([
      ['vllm/big', 'open'],
      ['anthropic/claude-sonnet-4-5', 'half_open'],
    ]);
    const decision = decideRoute(input('smart', 'hi'), config, health);
    expect(decision.candidates.map((c) => [c.target, c.breaker])).toEqual([
      ['anthropic/claude-sonnet-4-5', 'half_open'],
      ['openai/gpt-4o', 'closed'],
    ]);
    expect(decision.excluded).toEqual([{ target: 'vllm/big', reason: 'circuit breaker open' }]);
  });

  it('answers no_route_available when every candidate is open', () => {
    const health = new Map<string, BreakerStateName>([['openai/gpt-4o-mini', 'open']]);
    expect(() => decideRoute(input('fast', 'hi'), config, health)).toThrow(expect.objectContaining({ code: 'no_route_available', status: 503 }));
    expect(() => decideRoute(input('fast', 'hi'), config, health)).toThrow(GatewayError);
  });

  it('splits by weight with the caller’s draw when no user is named', () => {
    const counts = { fast: 0, canary: 0 };
    for (let i = 0; i < 1000; i++) {
      const decision = decideRoute(input('ab', 'x', { splitDraw: i / 1000 }), config, healthy);
      counts[decision.split!.chosen as 'fast' | 'canary']++;
    }
    expect(counts).toEqual({ fast: 900, canary: 100 });
  });

  it('sticks a named user to one arm whatever the draw, and spreads users by weight', () => {
    const arm = (user: string, draw: number) => decideRoute(input('ab', 'x', { user, splitDraw: draw }), config, healthy).split;
    expect(arm('user-42', 0.01)?.chosen).toBe(arm('user-42', 0.99)?.chosen);
    expect(arm('user-42', 0.5)?.sticky).toBe(true);
    let canary = 0;
    for (let i = 0; i < 2000; i++) if (arm(`user-${i}`, 0)?.chosen === 'canary') canary++;
    expect(canary).toBeGreaterThan(140);
    expect(canary).toBeLessThan(260);
  });

  it('is a pure function: same input, same decision', () => {
    const i = input('auto', 'Explain the trade-offs of B-trees versus LSM trees for write-heavy workloads.');
    expect(decideRoute(i, config, healthy)).toEqual(decideRoute(structuredClone(i), config, healthy));
  });

  it('names unknown models', () => {
    expect(() => targets(input('nope', 'x'))).toThrow(expect.objectContaining({ code: 'model_not_found' }));
  });
});
