import { isDeepStrictEqual } from 'node:util';
import { seededRandom as prng } from '../../../../test/support/seeded-random.js';
import { describe, expect, it } from 'vitest';
import type { Surface } from '../../errors/error-envelope.js';
import { GatewayError } from '../../errors/gateway-error.js';
import { asTranslationError, ingress, schemaError, type IngressResult } from '../../pipeline/stages/ingress.js';
import { PROTOCOLS } from '../protocol-registry.js';
import { fastValid } from './index.js';

/**
 * Differential fuzz: seed bodies (valid and nearly valid) are mutated, deterministically, and
 * the fast path is held to its one promise: when it says true, zod accepts the mutant and
 * returns a deep-equal copy. Both surfaces are asked about every mutant, so each side also
 * sees the other protocol's shapes. Three runs: every single edit of every seed (catches a
 * wrong bound or nullability next to an otherwise valid body), seeded random multi-edit
 * mutants (combinations, added keys, moved subtrees), and ingress() itself against the
 * zod-only ingress it replaced (same result, same error message and param).
 */

type Json = unknown;
const SURFACES: readonly Surface[] = ['openai', 'anthropic'];
const MUTANTS = 20_000;

const call = { id: 'c1', type: 'function', function: { name: 'f', arguments: '{}' } };
const oaTool = { type: 'function', function: { name: 'f', description: 'd', parameters: { type: 'object' }, strict: true } };
const oa = { model: 'openai/gpt-4o-mini', messages: [{ role: 'system', content: 'terse' }, { role: 'user', content: 'hi' }] };
const an = { model: 'claude', max_tokens: 64, messages: [{ role: 'user', content: 'hi' }] };
const toolUse = { type: 'tool_use', id: 'tu', name: 'f', input: { a: 1 } };

const SEEDS: ReadonlyArray<[Surface, Json]> = [
  ['openai', { ...oa, max_tokens: 64 }],
  ['openai', { ...oa, stream: true, stream_options: { include_usage: true } }],
  ['openai', { ...oa, stream: true, stream_options: { include_usage: true }, temperature: 2, top_p: 1.0001 }],
  ['openai', { model: 'm', messages: [{ role: 'assistant', content: null, tool_calls: [call] }, { role: 'tool', tool_call_id: 'c1', content: 'ok' }] }],
  ['openai', { ...oa, tools: [oaTool], tool_choice: { type: 'function', function: { name: 'f' } }, parallel_tool_calls: false }],
  ['openai', { ...oa, stop: ['a', 'b', 'c', 'd'], temperature: 0.7, top_p: 1, n: 1, seed: 3, presence_penalty: -2, frequency_penalty: 2, logprobs: true, top_logprobs: 20, store: null }],
  ['openai', { ...oa, stop: ['a', 'b', 'c', 'd', 'e'], max_tokens: 0, max_completion_tokens: 1.5 }],
  ['openai', { ...oa, metadata: { k: 'v' }, logit_bias: { '1': -100 }, user: 'u', response_format: { type: 'json_schema', json_schema: { name: 's', schema: {} } } }],
  ['openai', { model: '', messages: [] }],
  ['openai', { model: 'm', messages: [{ role: 'robot', content: 'x' }, { role: 'user' }, { role: 'developer', content: 'd', name: 'n' }] }],
  ['openai', { model: 'm', messages: [{ role: 'user', content: [{ type: 'text', text: 'a' }, { type: 'image_url', image_url: { url: 'u', detail: 'high' } }] }], extra: { k: [1] } }],
  ['openai', { model: 'm', messages: [{ role: 'assistant', content: [{ type: 'refusal', refusal: 'no' }], refusal: null, name: 'a' }], response_format: { type: 'text' } }],
  ['openai', { model: 'm', messages: [{ role: 'assistant', content: 'x', tool_calls: [], function_call: null }, { role: 'user', content: [] }] }],
  ['anthropic', an],
  ['anthropic', { ...an, system: 'sys', stream: true, temperature: 1, top_p: 1, top_k: 0, stop_sequences: ['x'], metadata: { user_id: null } }],
  ['anthropic', { ...an, system: [{ type: 'text', text: 's', cache_control: { type: 'ephemeral' } }], messages: [{ role: 'user', content: [{ type: 'text', text: 't' }] }] }],
  ['anthropic', {
    ...an,
    tools: [{ name: 'f', input_schema: { type: 'object' } }, { type: 'web_search_20250305', name: 'w' }],
    tool_choice: { type: 'tool', name: 'f', disable_parallel_tool_use: false },
    messages: [
      { role: 'assistant', content: [toolUse] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'tu', content: [{ type: 'text', text: 'r' }], is_error: true }] },
    ],
  }],
  ['anthropic', { ...an, max_tokens: 0, temperature: 2, messages: [{ role: 'system', content: 'x' }] }],
  ['anthropic', { ...an, messages: [{ role: 'user', content: [{ type: 'image', source: { type: 'url', url: 'https://x' } }, { type: 'document', source: { type: 'text' } }] }] }],
  ['anthropic', { ...an, messages: [{ role: 'assistant', content: [{ type: 'thinking', thinking: 't', signature: 's' }, { type: 'mystery' }, { type: 'redacted_thinking', data: 'd' }] }] }],
  ['anthropic', { ...an, messages: [{ role: 'user', content: [{ type: 'text' }] }] }],
  ['anthropic', { ...an, max_tokens: 1.5, tool_choice: { type: 'auto' }, tools: [{ name: 'x' }], metadata: { user_id: 'u' }, extra: true }],
  ['anthropic', { ...an, messages: [{ role: 'user', content: [{ type: 'tool_result', tool_use_id: 'tu', content: [toolUse, { type: 'image', source: { type: 'base64', media_type: 'image/png', data: '' } }] }] }] }],
];

/**
 * A deep copy that keeps an own `__proto__` key as an own key (as JSON.parse makes it) and
 * each object's prototype.
 */
function clone(value: Json): Json {
  if (Array.isArray(value)) return value.map(clone);
  if (typeof value !== 'object' || value === null) return value;
  const out = Object.create(Object.getPrototypeOf(value) as object | null) as Record<string, Json>;
  for (const [key, v] of Object.entries(value)) {
    Object.defineProperty(out, key, { value: clone(v), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** Every object and array in a value, so a mutation can land at any depth. */
function containers(value: Json, into: Array<Record<string, Json> | Json[]> = []): Array<Record<string, Json> | Json[]> {
  if (typeof value !== 'object' || value === null) return into;
  into.push(value as Record<string, Json> | Json[]);
  for (const v of Object.values(value)) containers(v, into);
  return into;
}

const SCALARS: readonly Json[] = [
  null, undefined, NaN, Infinity, -Infinity, -1, 0, -0, 1, 2, 4, 5, 20, 21, 1e9, 1.5, 0.5, 1.0001, 2.0001, 2.5, -2.0001,
  -2.5, 2 ** 53, true, false,
  '', 'x', 'user', 'assistant', 'system', 'developer', 'tool', 'text', 'function', 'auto', 'any', 'none',
  'required', 'custom', 'image', 'base64', 'url', 'image_url', 'refusal', 'tool_use', 'tool_result', 'ephemeral',
  '__proto__', 'constructor', 'toString',
];
class Instance {
  type = 'text';
  text = 't';
}
const SHAPES: readonly Json[] = [
  [], {}, ['a'], [1], ['a', 'b', 'c', 'd', 'e'], { type: 'text', text: 't' }, { type: 'object' }, { a: 'b' }, { a: 1 },
  // Not JSON, but zod copies them to plain objects: the fast path must leave them to zod.
  new Date(0), new Instance(), Object.assign(Object.create(null) as object, { type: 'text', text: 't' }),
];
const SUBTREES: readonly Json[] = SEEDS.flatMap(([, body]) => containers(body));
const KEYS: readonly string[] = [
  ...new Set([
    ...SUBTREES.flatMap((c) => (Array.isArray(c) ? [] : Object.keys(c as object))),
    'function_call', 'refusal', 'detail', 'x_extra', 'cache_control', 'is_error', 'signature', 'name', 'include_usage',
  ]),
];

function randomValue(rand: () => number): Json {
  const r = rand();
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  if (r < 0.6) return pick(SCALARS);
  if (r < 0.75) return clone(pick(SHAPES));
  return clone(pick(SUBTREES));
}

/** One random edit somewhere in `body` (in place). */
function mutate(body: Json, rand: () => number): void {
  const all = containers(body);
  const target = all[Math.floor(rand() * all.length)]!;
  const op = rand();
  if (Array.isArray(target)) {
    const i = Math.floor(rand() * target.length);
    if (op < 0.3 && target.length > 0) target.push(clone(target[i]));
    else if (op < 0.5) target.splice(i, 1);
    else if (op < 0.8 && target.length > 0) target[i] = randomValue(rand);
    else target.push(randomValue(rand));
    return;
  }
  const keys = Object.keys(target);
  const key = op < 0.5 && keys.length > 0 ? keys[Math.floor(rand() * keys.length)]! : KEYS[Math.floor(rand() * KEYS.length)]!;
  if (op < 0.2) delete target[key];
  else if (op < 0.98) target[key] = randomValue(rand);
  else Object.defineProperty(target, '__proto__', { value: randomValue(rand), enumerable: true, writable: true, configurable: true });
}

/** Runs both validators on mutants and keeps the counts and the first few violations. */
class Differential {
  readonly violations: string[] = [];
  // `eligible`: zod accepts AND returns a deep-equal copy (not so with an own __proto__ key).
  readonly stats = { checked: 0, zodValid: 0, eligible: 0, fastAccepted: 0 };

  check(mutant: Json, label: string): void {
    for (const surface of SURFACES) {
      this.stats.checked++;
      const fast = fastValid(surface, mutant);
      const parsed = PROTOCOLS[surface].requestSchema.safeParse(mutant);
      const same = parsed.success && isDeepStrictEqual(parsed.data, mutant);
      if (parsed.success) this.stats.zodValid++;
      if (same) this.stats.eligible++;
      if (!fast) continue;
      this.stats.fastAccepted++;
      if (!same && this.violations.length < 5) {
        this.violations.push(`${surface} ${label}: ${parsed.success ? 'data differs' : 'zod rejects'}: ${JSON.stringify(mutant)}`);
      }
    }
  }

  /** Prints the acceptance rate and asserts the run was meaningful and clean. */
  verify(name: string): void {
    const { checked, zodValid, eligible, fastAccepted } = this.stats;
    const rate = fastAccepted / eligible;
    console.log(
      `${name}: ${checked} checks, ${zodValid} zod-valid, ${eligible} zod-valid with equal data, ` +
        `${fastAccepted} fast-accepted (${(rate * 100).toFixed(1)}% of those)`,
    );
    expect(this.violations).toEqual([]);
    // Plenty of both kinds, and the fast path takes nearly every valid mutant: what it leaves
    // to zod are rare shapes, so it cannot pass by saying false.
    expect(zodValid).toBeGreaterThan(checked * 0.05);
    expect(checked - zodValid).toBeGreaterThan(checked * 0.3);
    expect(rate).toBeGreaterThan(0.95);
  }
}

describe('fastValid differential fuzz against zod', () => {
  it('agrees on every single edit of every seed (each slot × each listed value, deletions)', () => {
    const diff = new Differential();
    const values = [...SCALARS, ...SHAPES];
    SEEDS.forEach(([, seed], s) => {
      const count = containers(seed).length;
      for (let c = 0; c < count; c++) {
        // Containers are listed in the same order in every clone, so index c is the same node.
        const slots = Object.keys(containers(seed)[c]!);
        for (const slot of slots) {
          for (let v = -1; v < values.length; v++) {
            const mutant = clone(seed);
            const target = containers(mutant)[c] as Record<string, Json>;
            if (v < 0) delete target[slot];
            else target[slot] = clone(values[v]);
            diff.check(mutant, `seed ${s} node ${c} .${slot} = #${v}`);
          }
        }
      }
    });
    diff.verify('single edits');
  });

  it(`agrees on ${MUTANTS} random multi-edit mutants`, () => {
    const rand = prng(0x5eed);
    const diff = new Differential();
    for (let n = 0; n < MUTANTS; n++) {
      const [, seed] = SEEDS[n % SEEDS.length]!;
      const mutant = clone(seed);
      const edits = 1 + Math.floor(rand() * 3);
      for (let e = 0; e < edits; e++) mutate(mutant, rand);
      diff.check(mutant, `#${n}`);
    }
    diff.verify('random edits');
  });

  it('leaves ingress() returning and throwing exactly what the zod-only ingress did', () => {
    const rand = prng(0x1a9e55);
    let fastHits = 0;
    for (let n = 0; n < 6000; n++) {
      const [surface, seed] = SEEDS[n % SEEDS.length]!;
      const mutant = clone(seed);
      // Zero to two edits, so that unedited valid seeds take the fast path too.
      const edits = Math.floor(rand() * 3);
      for (let e = 0; e < edits; e++) mutate(mutant, rand);
      if (fastValid(surface, mutant)) fastHits++;
      const before = outcome(() => zodOnlyIngress(surface, mutant));
      const after = outcome(() => ingress(surface, mutant));
      // Only builds the (slow) diff when they differ.
      if (!isDeepStrictEqual(before, after)) expect({ n, outcome: after }).toEqual({ n, outcome: before });
    }
    expect(fastHits).toBeGreaterThan(1000);
  });
});

/** ingress() as it was before the fast path: zod on every body. */
function zodOnlyIngress(surface: Surface, body: unknown): IngressResult {
  const protocol = PROTOCOLS[surface];
  const parsed = protocol.requestSchema.safeParse(body);
  if (!parsed.success) throw schemaError(parsed.error);
  try {
    return { body: parsed.data, request: protocol.decodeRequest(parsed.data) };
  } catch (error) {
    throw asTranslationError(error);
  }
}

/** A call's result, or the gist of what it threw: code, message and param. */
function outcome(run: () => IngressResult): unknown {
  try {
    return { ok: run() };
  } catch (error) {
    if (error instanceof GatewayError) return { code: error.code, message: error.message, param: error.param };
    return { thrown: String(error) };
  }
}
