import { describe, expect, it } from 'vitest';
import type { CanonicalRequest, CanonicalResponse, UserPart } from '../canonical/types.js';
import { answerStorable, cacheDecision, type CacheDecision, type CacheRequestHeaders, type CacheRoutePolicy } from './cache-policy.js';

const request: CanonicalRequest = {
  model: 'fast',
  messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
  temperature: 0,
  stream: false,
};
const route: CacheRoutePolicy = { exact: true, semantic: true, ttlMs: 60_000, allowNondeterministic: false, allowTools: false };
const tools: CanonicalRequest['tools'] = [{ name: 'weather', parameters: { type: 'object' } }];
const withParts = (...parts: UserPart[]): CanonicalRequest => ({ ...request, messages: [{ role: 'user', content: parts }] });
const urlImage: UserPart = { type: 'image', source: { kind: 'url', url: 'https://example.com/cat.png' } };
const inlineImage: UserPart = { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'iVBORw0KGgo=' } };

interface Case {
  name: string;
  request?: Partial<CanonicalRequest>;
  headers?: CacheRequestHeaders;
  route?: Partial<CacheRoutePolicy>;
  expected: CacheDecision;
}

const both = { exact: true, semantic: true };
const cases: Case[] = [
  { name: 'deterministic request, no headers', expected: { lookup: true, store: true, ...both, mode: 'normal', reasons: [] } },
  {
    name: 'x-gateway-cache: bypass',
    headers: { 'x-gateway-cache': 'bypass' },
    expected: { lookup: false, store: false, ...both, mode: 'bypass', reasons: ['x-gateway-cache:bypass'] },
  },
  {
    name: 'x-gateway-cache: refresh',
    headers: { 'x-gateway-cache': 'Refresh' },
    expected: { lookup: false, store: true, ...both, mode: 'refresh', reasons: ['x-gateway-cache:refresh'] },
  },
  {
    name: 'Cache-Control: no-store',
    headers: { 'cache-control': 'no-store' },
    expected: { lookup: false, store: false, ...both, mode: 'bypass', reasons: ['cache-control:no-store'] },
  },
  {
    name: 'Cache-Control: no-cache (revalidate: go upstream, may store)',
    headers: { 'Cache-Control': 'max-age=0, no-cache' },
    expected: { lookup: false, store: true, ...both, mode: 'refresh', reasons: ['cache-control:no-cache'] },
  },
  {
    name: 'refresh with no-store: the strictest wins',
    headers: { 'x-gateway-cache': 'refresh', 'cache-control': ['public', 'no-store'] },
    expected: { lookup: false, store: false, ...both, mode: 'bypass', reasons: ['cache-control:no-store', 'x-gateway-cache:refresh'] },
  },
  {
    name: 'unknown x-gateway-cache value is ignored and noted',
    headers: { 'x-gateway-cache': 'please' },
    expected: { lookup: true, store: true, ...both, mode: 'normal', reasons: ['x-gateway-cache:ignored:please'] },
  },
  {
    name: 'temperature > 0',
    request: { temperature: 0.7 },
    expected: { lookup: false, store: false, exact: false, semantic: false, mode: 'bypass', reasons: ['nondeterministic:temperature=0.7'] },
  },
  {
    name: 'temperature left to the provider (defaults to 1)',
    request: { temperature: undefined },
    expected: { lookup: false, store: false, exact: false, semantic: false, mode: 'bypass', reasons: ['nondeterministic:temperature-default'] },
  },
  {
    name: 'n > 1',
    request: { n: 3 },
    expected: { lookup: false, store: false, exact: false, semantic: false, mode: 'bypass', reasons: ['nondeterministic:n=3'] },
  },
  {
    name: 'sampling with the route opt-in',
    request: { temperature: 1, n: 2 },
    route: { allowNondeterministic: true },
    expected: { lookup: true, store: true, ...both, mode: 'normal', reasons: [] },
  },
  {
    name: 'tools without opt-in',
    request: { tools },
    expected: { lookup: false, store: false, exact: false, semantic: false, mode: 'bypass', reasons: ['tools'] },
  },
  {
    name: 'tools with opt-in: exact only',
    request: { tools },
    route: { allowTools: true },
    expected: { lookup: true, store: true, exact: true, semantic: false, mode: 'normal', reasons: ['semantic:tools'] },
  },
  {
    name: 'empty tools list is no tools',
    request: { tools: [] },
    expected: { lookup: true, store: true, ...both, mode: 'normal', reasons: [] },
  },
  {
    name: 'inline image: exact only',
    request: withParts({ type: 'text', text: 'what is this?' }, inlineImage),
    expected: { lookup: true, store: true, exact: true, semantic: false, mode: 'normal', reasons: ['semantic:images'] },
  },
  {
    name: 'image by URL (inside a tool result): no cache',
    request: withParts({ type: 'tool_result', toolCallId: 'c1', content: [urlImage] }),
    expected: { lookup: false, store: false, exact: false, semantic: false, mode: 'bypass', reasons: ['images:url', 'semantic:images'] },
  },
  {
    name: 'route with both caches off',
    route: { exact: false, semantic: false },
    expected: { lookup: false, store: false, exact: false, semantic: false, mode: 'bypass', reasons: ['route:exact-off', 'route:semantic-off'] },
  },
  {
    name: 'semantic only route',
    route: { exact: false },
    expected: { lookup: true, store: true, exact: false, semantic: true, mode: 'normal', reasons: ['route:exact-off'] },
  },
  {
    name: 'TTL zero: look up, never store',
    route: { ttlMs: 0 },
    expected: { lookup: true, store: false, ...both, mode: 'normal', reasons: ['route:ttl-zero'] },
  },
  {
    name: 'several reasons at once, all recorded',
    request: { temperature: 0.5, tools },
    headers: { 'x-gateway-cache': 'bypass' },
    expected: {
      lookup: false,
      store: false,
      exact: false,
      semantic: false,
      mode: 'bypass',
      reasons: ['x-gateway-cache:bypass', 'nondeterministic:temperature=0.5', 'tools'],
    },
  },
];

describe('cacheDecision', () => {
  it.each(cases)('$name', (c) => {
    const input = { request: { ...request, ...c.request }, headers: c.headers ?? {}, route: { ...route, ...c.route } };
    expect(cacheDecision(input)).toEqual(c.expected);
  });
});

describe('answerStorable', () => {
  const answer: CanonicalResponse = { id: 'r', model: 'm', content: [{ type: 'text', text: 'ok' }], stopReason: 'end', usage: { inputTokens: 1, outputTokens: 1 } };
  it.each<[string, CanonicalResponse, boolean, ReturnType<typeof answerStorable>]>([
    ['complete answer', answer, true, { store: true }],
    ['cut at max_tokens (complete for its key)', { ...answer, stopReason: 'max_tokens' }, true, { store: true }],
    ['partial stream', answer, false, { store: false, reason: 'partial' }],
    ['content filter verdict', { ...answer, stopReason: 'content_filter' }, true, { store: false, reason: 'content-filter' }],
    ['empty answer', { ...answer, content: [] }, true, { store: false, reason: 'empty' }],
  ])('%s', (_name, response, complete, expected) => {
    expect(answerStorable(response, complete)).toEqual(expected);
  });
});
