/**
 * Scores the prompt-complexity classifier against evals/router/complexity-prompts.jsonl.
 *
 *   npx tsx evals/router/score-classifier.ts            accuracy, confusion, timing
 *   npx tsx evals/router/score-classifier.ts --errors   + misclassified items of the TUNING half
 *   ... --errors --held-out                             + held-out errors too (only when reporting,
 *                                                        never while tuning: see README.md)
 *
 * Exits 1 if the dataset is malformed; never because of accuracy (that is a report, not a test).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CanonicalMessage, CanonicalRequest } from '../../gateway/src/canonical/types.js';
import { classifyComplexity, type ComplexityLabel } from '../../gateway/src/routing/complexity-classifier.js';

const LABELS: readonly ComplexityLabel[] = ['cheap', 'standard', 'complex'];
const TIMING_ROUNDS = 40;
// V8 interprets a regex first and compiles it to native code only once it is hot; without a
// warm-up the numbers would measure the interpreter, not the steady state a gateway runs in.
const WARMUP_ROUNDS = 20;

export interface PromptRecord {
  id: string;
  prompt: string;
  label: ComplexityLabel;
  system?: string;
  turns?: number;
  tools?: boolean;
  note?: string;
}

type Split = 'tuning' | 'held-out';

function parseRecord(line: string, lineNo: number): PromptRecord {
  const value: unknown = JSON.parse(line);
  const fail = (why: string): never => {
    throw new Error(`complexity-prompts.jsonl line ${lineNo}: ${why}`);
  };
  if (typeof value !== 'object' || value === null) return fail('not an object');
  const r = value as Record<string, unknown>;
  const allowed = new Set(['id', 'prompt', 'label', 'system', 'turns', 'tools', 'note']);
  for (const key of Object.keys(r)) if (!allowed.has(key)) fail(`unknown field "${key}"`);
  if (typeof r.id !== 'string' || r.id === '') fail('id must be a non-empty string');
  if (typeof r.prompt !== 'string' || r.prompt === '') fail('prompt must be a non-empty string');
  if (!LABELS.includes(r.label as ComplexityLabel)) fail(`label must be one of ${LABELS.join(', ')}`);
  if (r.system !== undefined && typeof r.system !== 'string') fail('system must be a string');
  if (r.turns !== undefined && !(Number.isInteger(r.turns) && (r.turns as number) >= 1)) fail('turns must be an integer >= 1');
  if (r.tools !== undefined && typeof r.tools !== 'boolean') fail('tools must be a boolean');
  if (r.note !== undefined && typeof r.note !== 'string') fail('note must be a string');
  return r as unknown as PromptRecord;
}

/**
 * The request a record stands for. Earlier turns are placeholders of fixed size (only the
 * last turn is labelled); `tools: true` attaches one generic lookup tool.
 */
export function toRequest(record: PromptRecord): CanonicalRequest {
  const messages: CanonicalMessage[] = [];
  for (let i = 1; i < (record.turns ?? 1); i += 1) {
    messages.push({ role: 'user', content: [{ type: 'text', text: 'An earlier question in this conversation.' }] });
    messages.push({
      role: 'assistant',
      content: [{ type: 'text', text: 'An earlier answer; the dataset keeps it short because only the last turn is labelled.' }],
    });
  }
  messages.push({ role: 'user', content: [{ type: 'text', text: record.prompt }] });
  const request: CanonicalRequest = { model: 'router-eval', messages, stream: false };
  if (record.system !== undefined) request.system = record.system;
  if (record.tools === true) {
    request.tools = [
      {
        name: 'lookup',
        description: 'Look up records in the company systems.',
        parameters: { type: 'object', properties: { query: { type: 'string' } }, required: ['query'] },
      },
    ];
  }
  return request;
}

/** FNV-1a: a stable split that does not depend on file order or on the label. */
export function splitOf(id: string): Split {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i += 1) {
    hash ^= id.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % 2 === 0 ? 'tuning' : 'held-out';
}

export function loadPrompts(path: string): PromptRecord[] {
  const lines = readFileSync(path, 'utf8').split('\n');
  const records: PromptRecord[] = [];
  const ids = new Set<string>();
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    const record = parseRecord(line, index + 1);
    if (ids.has(record.id)) throw new Error(`complexity-prompts.jsonl line ${index + 1}: duplicate id "${record.id}"`);
    ids.add(record.id);
    records.push(record);
  });
  return records;
}

interface Outcome {
  record: PromptRecord;
  predicted: ComplexityLabel;
  score: number;
}

function report(name: string, outcomes: readonly Outcome[]): void {
  const matrix = new Map<string, number>();
  let correct = 0;
  for (const o of outcomes) {
    const key = `${o.record.label}>${o.predicted}`;
    matrix.set(key, (matrix.get(key) ?? 0) + 1);
    if (o.predicted === o.record.label) correct += 1;
  }
  const cell = (actual: ComplexityLabel, predicted: ComplexityLabel): number => matrix.get(`${actual}>${predicted}`) ?? 0;
  const pct = outcomes.length === 0 ? 0 : (100 * correct) / outcomes.length;
  console.log(`\n${name}: ${correct}/${outcomes.length} = ${pct.toFixed(1)}% accuracy`);
  console.log(`  actual \\ predicted   ${LABELS.map((l) => l.padStart(8)).join(' ')}`);
  for (const actual of LABELS) {
    console.log(`  ${actual.padEnd(20)} ${LABELS.map((p) => String(cell(actual, p)).padStart(8)).join(' ')}`);
  }
  console.log(`  cheap<->complex confusion: ${cell('cheap', 'complex')} cheap->complex (overspend), ${cell('complex', 'cheap')} complex->cheap (bad answers)`);
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}

interface Timing {
  /** Over requests, of each request's median time across rounds: the cost of the prompt's shape. */
  p50: number;
  p99: number;
  max: number;
  /** Over every single call: includes GC pauses and the scheduler, so it moves with machine load. */
  rawP99: number;
}

function time(records: readonly PromptRecord[]): Timing {
  const requests = records.map(toRequest);
  for (let round = 0; round < WARMUP_ROUNDS; round += 1) for (const request of requests) classifyComplexity(request);
  const perRequest: number[][] = requests.map(() => []);
  for (let round = 0; round < TIMING_ROUNDS; round += 1) {
    requests.forEach((request, i) => {
      const start = process.hrtime.bigint();
      classifyComplexity(request);
      perRequest[i]?.push(Number(process.hrtime.bigint() - start) / 1000);
    });
  }
  const medians = perRequest.map((samples) => percentile([...samples].sort((a, b) => a - b), 0.5)).sort((a, b) => a - b);
  const raw = perRequest.flat().sort((a, b) => a - b);
  return { p50: percentile(medians, 0.5), p99: percentile(medians, 0.99), max: medians[medians.length - 1] ?? 0, rawP99: percentile(raw, 0.99) };
}

function main(): void {
  const args = new Set(process.argv.slice(2));
  const path = join(dirname(fileURLToPath(import.meta.url)), 'complexity-prompts.jsonl');
  const records = loadPrompts(path);
  const outcomes = records.map((record): Outcome => {
    const result = classifyComplexity(toRequest(record));
    return { record, predicted: result.label, score: result.score };
  });
  const tuning = outcomes.filter((o) => splitOf(o.record.id) === 'tuning');
  const heldOut = outcomes.filter((o) => splitOf(o.record.id) === 'held-out');
  const counts = LABELS.map((l) => `${l} ${records.filter((r) => r.label === l).length}`).join(', ');
  console.log(`${records.length} prompts (${counts}); tuning ${tuning.length}, held-out ${heldOut.length}`);
  report('tuning', tuning);
  report('held-out', heldOut);
  report('overall', outcomes);

  const t = time(records);
  console.log(
    `\nlatency (median of ${TIMING_ROUNDS} rounds per prompt, over ${records.length} prompts): ` +
      `p50 ${t.p50.toFixed(1)} µs/request, p99 ${t.p99.toFixed(1)} µs, max ${t.max.toFixed(1)} µs` +
      `\n  every single call: p99 ${t.rawP99.toFixed(1)} µs (includes GC and scheduler noise; moves with machine load)`,
  );

  if (args.has('--errors')) {
    const shown = args.has('--held-out') ? outcomes : tuning;
    console.log(`\nmisclassified (${args.has('--held-out') ? 'all' : 'tuning half only'}):`);
    for (const o of shown) {
      if (o.predicted === o.record.label) continue;
      console.log(`  ${o.record.label.padEnd(8)} -> ${o.predicted.padEnd(8)} ${o.score.toFixed(2).padStart(6)}  ${o.record.id}`);
    }
  }
}

// Runs as a script; the exports above let the lab reuse the dataset loader and split.
if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) main();
