import { describe, expect, it } from 'vitest';
import { guardVerdict, MAX_GUARDED_CHARS } from './guard-verdict.js';

// Prompts written for these tests; apart from the France/Germany pitfall the issue names,
// none is in evals/cache/near-miss-pairs.jsonl, so the tests do not restate the eval set.
describe('guardVerdict: rejects prompts that differ in what matters', () => {
  it.each<[string, string, string, string]>([
    ['entity', 'What is the capital of France?', 'What is the capital of Germany?', 'entity'],
    ['entity, lower case', "what's the capital of france", "what's the capital of germany", 'entity'],
    ['entity, product', 'Does the Kindle Paperwhite support audiobooks?', 'Does the Kobo Clara support audiobooks?', 'entity'],
    ['number, year', 'Who won the Super Bowl in 2019?', 'Who won the Super Bowl in 2021?', 'number'],
    ['number, written', 'List three uses of baking soda', 'List five uses of baking soda', 'number'],
    ['number, ordinal', 'Who was the second emperor of Rome?', 'Who was the third emperor of Rome?', 'number'],
    ['number, amount', 'Is a $30,000 salary enough to live in Austin?', 'Is a $45k salary enough to live in Austin?', 'number'],
    ['negation', 'Things to pack for a beach holiday', 'Things not to pack for a beach holiday', 'negation'],
    ['negation, without', 'How do I make pancakes with eggs?', 'How do I make pancakes without eggs?', 'negation'],
    ['negation, contraction', 'Why do my tomato plants flower?', "Why don't my tomato plants flower?", 'negation'],
    ['negation, prefix', 'Is it legal to fly a drone in a park?', 'Is it illegal to fly a drone in a park?', 'negation'],
    ['quoted string', 'What does the word "serendipity" mean?', 'What does the word "ephemeral" mean?', 'quote'],
    ['code identifier, dotted', 'How do I use Array.reduce?', 'How do I use Array.filter?', 'identifier'],
    ['code identifier, backticks', 'What does the `useCallback` hook do?', 'What does the `useContext` hook do?', 'identifier'],
    ['code identifier, snake_case', "What's the difference between user_id and account_id?", "What's the difference between user_id and session_id?", 'identifier'],
    ['direction, buy/sell', 'Should I buy Tesla stock now?', 'Should I sell Tesla stock now?', 'direction'],
    ['direction, before/after', 'What should I eat before a workout?', 'What should I eat after a workout?', 'direction'],
    ['direction, opposite order', 'Why does inflation rise when unemployment falls?', 'Why does inflation fall when unemployment rises?', 'direction'],
    ['reversal, conversion', 'Convert 10 miles to kilometers', 'Convert 10 kilometers to miles', 'reversal'],
    ['reversal, translation', 'Translate "thank you" from German to Spanish', 'Translate "thank you" from Spanish to German', 'reversal'],
    ['reversal, comparison', 'Is Brazil larger than Argentina?', 'Is Argentina larger than Brazil?', 'reversal'],
    ['unit', 'How many ounces are in a pound?', 'How many grams are in a pound?', 'unit'],
    ['unit, rate', 'How much does a nanny earn per hour?', 'How much does a nanny earn per month?', 'unit'],
    ['ask', 'When did the Berlin Wall fall?', 'Why did the Berlin Wall fall?', 'ask'],
    ['role', 'Does my dog love me?', 'Do I love my dog?', 'role'],
    ['one word swapped', 'What is the melting point of gold?', 'What is the melting point of silver?', 'slot-swap'],
  ])('%s: %j vs %j', (_what, a, b, rule) => {
    const verdict = guardVerdict(a, b);
    expect(verdict.ok).toBe(false);
    expect(verdict.reasons.some((r) => r.startsWith(`${rule}:`))).toBe(true);
  });
});

describe('guardVerdict: accepts true paraphrases', () => {
  it.each<[string, string]>([
    ['What is the capital of France?', 'Which city is the capital of France?'],
    ['How do I learn Python quickly?', "what's the fastest way to learn python"],
    ['Who won the 2018 World Cup?', 'Which team won the World Cup in 2018?'],
    ["Can't sleep at night, what should I do?", 'What should I do if I cannot sleep at night?'],
    ['How many grams are in 2 cups of sugar?', '2 cups of sugar in grams?'],
    ['What does "carpe diem" mean?', "What is the meaning of 'carpe diem'?"],
    ['How do I use useEffect in React?', 'how does useEffect work in react'],
    ['Explain the US tax system', 'Explain the United States tax system'],
    ['What is five plus seven?', 'What is 5 plus 7?'],
    ["What's the difference between TCP and UDP?", 'UDP vs TCP: what is the difference?'],
    ['Is TCP faster than UDP?', 'Is TCP quicker than UDP?'],
    ['What are the symptoms of the flu?', 'What are the signs of the flu?'],
    ['How do I remove a stripped screw?', 'How can I get a stripped screw out?'],
    ['Give me 3 tips for better sleep', 'Three tips for sleeping better?'],
    ['What is the GDP of Japan?', "What is Japan's GDP?"],
    ['Why is the ocean salty?', 'What makes the ocean salty?'],
    // A name shortened to its last word is the same name.
    ['How do I enable dark mode in Chrome?', 'How do I enable dark mode in Google Chrome?'],
  ])('%j ≈ %j', (a, b) => {
    expect(guardVerdict(a, b)).toEqual({ ok: true, reasons: [] });
  });
});

// The guard errs towards refusing: a refused paraphrase costs one upstream call, a false hit
// a wrong answer. These paraphrases are refused today; they are here so a change that
// starts accepting them is noticed (and measured) rather than slipping in.
describe('guardVerdict: known conservative refusals', () => {
  it.each<[string, string, string]>([
    ['How long does it take to boil an egg?', 'How many minutes does it take to boil an egg?', 'slot-swap'],
    ['Which foods should I not eat while pregnant?', 'Which foods should I avoid while pregnant?', 'negation'],
  ])('%j vs %j (%s)', (a, b, rule) => {
    const verdict = guardVerdict(a, b);
    expect(verdict.ok).toBe(false);
    expect(verdict.reasons.some((r) => r.startsWith(`${rule}:`))).toBe(true);
  });
});

describe('guardVerdict: properties', () => {
  it('is symmetric in its verdict', () => {
    const pairs: Array<[string, string]> = [
      ['Convert 10 miles to kilometers', 'Convert 10 kilometers to miles'],
      ['What is the capital of France?', 'Which city is the capital of France?'],
      ['Things to pack for a beach holiday', 'Things not to pack for a beach holiday'],
    ];
    for (const [a, b] of pairs) expect(guardVerdict(b, a).ok).toBe(guardVerdict(a, b).ok);
  });

  it('accepts identical prompts and prompts differing only in case and spacing', () => {
    expect(guardVerdict('Why is the sky blue?', 'Why is the sky blue?').ok).toBe(true);
    expect(guardVerdict('why is the  sky blue', 'Why is the sky blue?').ok).toBe(true);
  });

  it('refuses prompts too long to check, unchecked', () => {
    const long = 'Summarise this: ' + 'lorem ipsum '.repeat(MAX_GUARDED_CHARS / 10);
    const verdict = guardVerdict(long, long);
    expect(verdict.ok).toBe(false);
    expect(verdict.reasons[0]).toMatch(/^length:/);
  });

  it('skips the rules it is told to skip', () => {
    expect(guardVerdict('Who won the Super Bowl in 2019?', 'Who won the Super Bowl in 2021?', { skip: new Set(['number']) }).ok).toBe(true);
  });
});
