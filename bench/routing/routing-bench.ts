/**
 * Routing decision cost and classifier accuracy, in one process (no HTTP):
 *   npm run bench:routing -- [--iterations 200000]
 *
 * The config has 50 rules of every condition kind; requests come from the labelled prompt
 * set (evals/router/complexity-prompts.jsonl), so texts and sizes are realistic. Three cases:
 * a request that matches rule 1, one that falls through all 50 to the name resolution, and
 * `auto` with a classifier rule at position 48 (the classifier runs once per decision).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { CanonicalRequest } from '../../gateway/dist/canonical/types.js';
import { resolveConfig } from '../../gateway/dist/config/load-config.js';
import { classifyComplexity, type ComplexityLabel } from '../../gateway/dist/routing/complexity-classifier.js';
import { requestFeatures } from '../../gateway/dist/routing/request-features.js';
import type { BreakerStateName, RouteInput } from '../../gateway/dist/routing/route-types.js';
import { decideRoute } from '../../gateway/dist/routing/router.js';

interface Labelled {
  prompt: string;
  label: ComplexityLabel;
}

const { values } = parseArgs({ options: { iterations: { type: 'string', default: '200000' } } });
const iterations = Number(values.iterations);
const prompts: Labelled[] = readFileSync(new URL('../../evals/router/complexity-prompts.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as Labelled);

function fiftyRules(): Record<string, unknown>[] {
  const rules: Record<string, unknown>[] = [{ name: 'first', when: { model: 'first-hit' }, use: 'openai/gpt-4o-mini' }];
  const kinds = [
    (i: number) => ({ tenant: `tenant-${i}` }),
    (i: number) => ({ headers: { 'x-task': `/^task-${i}$/` } }),
    (i: number) => ({ keywords: [`keyword${i}`, `other${i}`] }),
    (i: number) => ({ pattern: `\\border-${i}\\b` }),
    (i: number) => ({ minInputTokens: 100_000 + i }),
    (i: number) => ({ metadata: { team: `team-${i}` } }),
    (i: number) => ({ model: `model-${i}`, hasTools: true }),
  ];
  for (let i = 1; rules.length < 47; i++) rules.push({ name: `rule-${i}`, when: kinds[i % kinds.length]!(i), use: 'anthropic/claude-haiku-4-5' });
  rules.push({ name: 'auto-complex', when: { model: 'auto', complexity: 'complex' }, use: 'smart' });
  rules.push({ name: 'auto-split', when: { model: 'auto' }, split: [{ weight: 90, use: 'openai/gpt-4o-mini' }, { weight: 10, use: 'anthropic/claude-haiku-4-5' }] });
  rules.push({ name: 'last', when: { model: 'never' }, use: 'openai/gpt-4o' });
  return rules;
}

const config = resolveConfig(
  {
    providers: { openai: { type: 'openai' }, anthropic: { type: 'anthropic' }, vllm: { type: 'openai', baseUrl: 'http://127.0.0.1:8000/v1' } },
    chains: { smart: { steps: ['vllm/qwen2.5-72b-instruct', 'anthropic/claude-sonnet-4-5', 'openai/gpt-4o'] } },
    routing: { rules: fiftyRules() },
  },
  'bench',
  {},
);
const health = new Map<string, BreakerStateName>([['vllm/qwen2.5-72b-instruct', 'open']]);

function inputFor(model: string, prompt: string, draw: number): RouteInput {
  const request: CanonicalRequest = { model, messages: [{ role: 'user', content: [{ type: 'text', text: prompt }] }], stream: false };
  return {
    requestedModel: model,
    tenant: 'tenant-x',
    keyId: 'key-x',
    surface: 'openai',
    headers: { 'x-task': 'none' },
    metadata: { team: 'none' },
    user: undefined,
    features: requestFeatures(request),
    request,
    splitDraw: draw,
  };
}

function measure(name: string, model: string): void {
  const inputs = prompts.map((p, i) => inputFor(model, p.prompt, (i % 100) / 100));
  for (let i = 0; i < 20_000; i++) decideRoute(inputs[i % inputs.length]!, config, health);
  const samples = new Float64Array(Math.min(iterations, 100_000));
  const started = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) {
    const t0 = process.hrtime.bigint();
    decideRoute(inputs[i % inputs.length]!, config, health);
    if (i < samples.length) samples[i] = Number(process.hrtime.bigint() - t0) / 1000;
  }
  const meanUs = Number(process.hrtime.bigint() - started) / 1000 / iterations;
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!.toFixed(2);
  console.log(`${name.padEnd(46)} mean ${meanUs.toFixed(2).padStart(6)} µs   p50 ${at(0.5).padStart(6)} µs   p99 ${at(0.99).padStart(6)} µs`);
}

console.log(`routing decision cost, 50 rules, ${iterations} decisions per case, node ${process.version}`);
measure('rule 1 matches', 'first-hit');
measure('falls through all 50 rules to an alias-less name', 'openai/gpt-4o-mini');
measure('`auto`: classifier rule at 48 (+ split at 49)', 'auto');

const labels: ComplexityLabel[] = ['cheap', 'standard', 'complex'];
const confusion = new Map<string, number>();
let correct = 0;
for (const p of prompts) {
  const predicted = classifyComplexity(inputFor('auto', p.prompt, 0).request).label;
  if (predicted === p.label) correct++;
  confusion.set(`${p.label}>${predicted}`, (confusion.get(`${p.label}>${predicted}`) ?? 0) + 1);
}
console.log(`\nclassifier accuracy on evals/router/complexity-prompts.jsonl (${prompts.length} prompts, single-turn): ${((correct / prompts.length) * 100).toFixed(1)}%`);
console.log('confusion (rows: truth, columns: predicted)');
console.log(`${''.padEnd(10)}${labels.map((l) => l.padStart(10)).join('')}`);
for (const truth of labels) console.log(`${truth.padEnd(10)}${labels.map((p) => String(confusion.get(`${truth}>${p}`) ?? 0).padStart(10)).join('')}`);
console.log('(per-split numbers, multi-turn and tool items: npx tsx evals/router/score-classifier.ts)');
