import { describe, expect, it } from 'vitest';
import type { CanonicalMessage, CanonicalRequest, UserPart } from '../canonical/types.js';
import {
  classifyComplexity,
  COMPLEXITY_WEIGHTS,
  DEFAULT_COMPLEXITY_THRESHOLDS,
  labelForScore,
  scoreComplexityFeatures,
  type ComplexityLabel,
} from './complexity-classifier.js';

function request(text: string, extra: Partial<CanonicalRequest> = {}): CanonicalRequest {
  return { model: 'm', stream: false, messages: [{ role: 'user', content: [{ type: 'text', text }] }], ...extra };
}

function withMessages(messages: CanonicalMessage[], extra: Partial<CanonicalRequest> = {}): CanonicalRequest {
  return { model: 'm', stream: false, messages, ...extra };
}

const image: UserPart = { type: 'image', source: { kind: 'url', url: 'https://example.com/cat.png' } };

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

// None of these prompts is in evals/router/complexity-prompts.jsonl, so the tests do not
// just restate the tuning set.
describe('classifyComplexity: obvious cases', () => {
  it.each<[ComplexityLabel, string]>([
    ['cheap', 'What is the capital of France?'],
    ['cheap', "Translate 'thank you very much' into German."],
    ['cheap', 'hello!'],
    ['cheap', 'Convert 10 miles to kilometers.'],
    ['cheap', 'Fix the typos: "Teh wether is nice todya."'],
    ['standard', 'Write a Python function that returns the n-th Fibonacci number iteratively, with a docstring.'],
    ['standard', 'Write a friendly email to my team inviting them to a Friday lunch to celebrate the release.'],
    ['standard', 'Explain how DNS resolution works when I type a URL into the browser.'],
    ['complex', 'Prove that there is no largest prime number.'],
    [
      'complex',
      'Design a multi-region event ingestion pipeline handling 500k events per second with exactly-once delivery. ' +
        'Discuss the trade-offs between Kafka and Kinesis, failure modes, and how you would guarantee ordering per user.',
    ],
    [
      'complex',
      'Analyze the trade-offs of sharding our Postgres database by tenant versus by region, considering consistency, ' +
        'migration risk, and cost. Recommend one and justify it step by step.',
    ],
  ])('%s: %s', (expected, text) => {
    expect(classifyComplexity(request(text)).label).toBe(expected);
  });

  it('judges a long paste by its instruction: translating an article stays cheap', () => {
    const article = Array.from({ length: 12 }, (_, i) =>
      `Paragraph ${i + 1}. The committee will analyze the design trade-offs and compare the architecture options before the budget deadline.`,
    ).join('\n\n');
    const result = classifyComplexity(request(`Translate this article into Spanish:\n\n${article}`));
    expect(result.label).toBe('cheap');
    expect(result.features.materialTokens).toBeGreaterThan(result.features.instructionTokens);
  });
});

describe('classifyComplexity: result', () => {
  it('is deterministic and does not mutate the request', () => {
    const req = deepFreeze(request('Compare B-trees and LSM trees for a write-heavy workload. Explain why.', { system: 'Be concise.' }));
    const first = classifyComplexity(req);
    for (let i = 0; i < 5; i += 1) expect(classifyComplexity(req)).toEqual(first);
  });

  it('carries every feature as a plain number or boolean, and the score replays from them', () => {
    const result = classifyComplexity(request('Why does this throw?\n\n```js\nconst x = null;\nx.foo();\n```'));
    const expectedKeys = [
      'estimatedInputTokens', 'systemTokens', 'lastUserTokens', 'instructionTokens', 'materialTokens', 'contextTokens',
      'turns', 'hasTools', 'toolResults', 'images', 'jsonMode', 'sentences', 'questions', 'constraints', 'listItems',
      'codeFence', 'codeLines', 'stackTrace', 'mathSignals', 'proofCue', 'reasoningCues', 'simpleCues', 'greeting',
    ];
    expect(Object.keys(result.features).sort()).toEqual([...expectedKeys].sort());
    for (const value of Object.values(result.features)) expect(['number', 'boolean']).toContain(typeof value);
    expect(JSON.parse(JSON.stringify(result.features))).toEqual(result.features);
    expect(result.features.codeFence).toBe(true);
    expect(result.features.codeLines).toBe(2);
    expect(scoreComplexityFeatures(result.features)).toBe(result.score);
  });

  it.each<[string, CanonicalRequest, Partial<Record<string, unknown>>]>([
    ['tools', request('Book it.', { tools: [{ name: 'book', parameters: { type: 'object' } }] }), { hasTools: true }],
    ['tool_choice none', request('Book it.', { tools: [{ name: 'book', parameters: {} }], toolChoice: 'none' }), { hasTools: false }],
    ['json mode', request('List three colours.', { responseFormat: { type: 'json_object' } }), { jsonMode: true }],
    ['system prompt', request('Hi', { system: 'x'.repeat(400) }), { systemTokens: 100 }],
    ['stack trace', request('Traceback (most recent call last):\n  File "a.py", line 1\nKeyError: \'id\''), { stackTrace: true }],
    ['proof', request('Prove that the square root of 3 is irrational.'), { proofCue: true }],
    ['questions', request('Is it safe? Is it fast? Why?'), { questions: 3 }],
    ['greeting', request('thanks a lot!'), { greeting: true }],
  ])('sets features: %s', (_name, req, expected) => {
    expect(classifyComplexity(req).features).toMatchObject(expected);
  });

  it('scores images, tools and JSON mode as extra work', () => {
    const base = classifyComplexity(request('Describe this.')).score;
    const img = classifyComplexity(withMessages([{ role: 'user', content: [{ type: 'text', text: 'Describe this.' }, image] }]));
    expect(img.features.images).toBe(1);
    expect(img.score).toBeCloseTo(base + COMPLEXITY_WEIGHTS.images, 2);
    expect(classifyComplexity(request('Describe this.', { responseFormat: { type: 'json_object' } })).score).toBeGreaterThan(base);
  });
});

describe('classifyComplexity: thresholds', () => {
  const text = 'Write a SQL query that returns the ten most recent orders per customer.';

  it.each<[string, { standard: number; complex: number }, ComplexityLabel]>([
    ['everything is complex', { standard: -100, complex: -50 }, 'complex'],
    ['everything is standard', { standard: -100, complex: 1000 }, 'standard'],
    ['everything is cheap', { standard: 1000, complex: 2000 }, 'cheap'],
  ])('%s', (_name, thresholds, expected) => {
    const result = classifyComplexity(request(text), { thresholds });
    expect(result.label).toBe(expected);
    expect(result.score).toBe(classifyComplexity(request(text)).score);
  });

  it.each<[number, ComplexityLabel]>([
    [DEFAULT_COMPLEXITY_THRESHOLDS.standard - 0.001, 'cheap'],
    [DEFAULT_COMPLEXITY_THRESHOLDS.standard, 'standard'],
    [DEFAULT_COMPLEXITY_THRESHOLDS.complex - 0.001, 'standard'],
    [DEFAULT_COMPLEXITY_THRESHOLDS.complex, 'complex'],
  ])('default thresholds are inclusive lower bounds: %d -> %s', (score, expected) => {
    expect(labelForScore(score)).toBe(expected);
  });
});

describe('classifyComplexity: odd requests never throw', () => {
  const cyclic: Record<string, unknown> = { type: 'object' };
  cyclic.self = cyclic;

  it.each<[string, CanonicalRequest]>([
    ['no messages', withMessages([])],
    ['empty text', request('')],
    ['whitespace only', request(' \n\n\t ')],
    ['only tool results', withMessages([{ role: 'user', content: [{ type: 'tool_result', toolCallId: 't1', content: '{"ok":true}' }] }])],
    ['tool result with image content', withMessages([{ role: 'user', content: [{ type: 'tool_result', toolCallId: 't1', content: [image] }] }])],
    ['images only', withMessages([{ role: 'user', content: [image, { ...image, detail: 'low' }] }])],
    ['assistant only', withMessages([{ role: 'assistant', content: [{ type: 'tool_call', id: 'c', name: 'f', arguments: '{}' }] }])],
    ['cyclic tool schema', request('Call it.', { tools: [{ name: 'f', parameters: cyclic }] })],
    ['malformed parts', withMessages([{ role: 'user', content: [null, { type: 'text' }, 42] as unknown as UserPart[] }])],
    ['missing content', withMessages([{ role: 'user' } as unknown as CanonicalMessage])],
    ['unclosed code fence', request('Fix this:\n```ts\nconst a = 1')],
    ['long line of spaces', request(`look\n${' '.repeat(50_000)}x`)],
  ])('%s', (_name, req) => {
    const result = classifyComplexity(req);
    expect(['cheap', 'standard', 'complex']).toContain(result.label);
    expect(Number.isFinite(result.score)).toBe(true);
  });

  it('in an agent loop, judges the task the user typed, not the tool output', () => {
    const task = 'Investigate why checkout latency tripled and find the root cause; check deploys and DB metrics.';
    const result = classifyComplexity(
      withMessages([
        { role: 'user', content: [{ type: 'text', text: task }] },
        { role: 'assistant', content: [{ type: 'tool_call', id: 'c1', name: 'deploys', arguments: '{}' }] },
        { role: 'user', content: [{ type: 'tool_result', toolCallId: 'c1', content: 'deploy 42 at 10:02' }] },
      ]),
    );
    expect(result.features.turns).toBe(1);
    expect(result.features.toolResults).toBe(1);
    expect(result.features.reasoningCues).toBeGreaterThan(0);
  });
});
