import { describe, expect, it } from 'vitest';
import {
  createPromptVersionBodySchema,
  describePromptSchemaError,
  promptLabelSchema,
  promptNameSchema,
  promptRefSchema,
  promptVersionInputSchema,
} from './prompt-schema.js';

const message = { role: 'user', content: 'Hi {{name}}' };

function issues(result: { success: boolean; error?: Parameters<typeof describePromptSchemaError>[0] }): string {
  return result.error ? describePromptSchemaError(result.error) : '';
}

describe('promptVersionInputSchema', () => {
  it('accepts a full input', () => {
    const input = {
      messages: [{ role: 'system', content: 'Be {{ tone }}.' }, message],
      modelHint: 'gpt-4o',
      metadata: { owner: 'a', 'x.y:z-1': 2, flag: false },
      variables: { tone: { description: 'voice', default: 'calm' } },
    };
    expect(promptVersionInputSchema.parse(input)).toEqual(input);
  });

  it('rejects unknown keys, at the top and inside messages and variables', () => {
    expect(issues(promptVersionInputSchema.safeParse({ messages: [message], modelhint: 'x' }))).toContain('modelhint');
    expect(promptVersionInputSchema.safeParse({ messages: [{ ...message, name: 'x' }] }).success).toBe(false);
    expect(promptVersionInputSchema.safeParse({ messages: [message], variables: { a: { dflt: 'x' } } }).success).toBe(false);
  });

  it('bounds messages: 1 to 100, non-empty, 100 KB each, valid roles', () => {
    expect(promptVersionInputSchema.safeParse({ messages: [] }).success).toBe(false);
    expect(promptVersionInputSchema.safeParse({ messages: Array(101).fill(message) }).success).toBe(false);
    expect(promptVersionInputSchema.safeParse({ messages: Array(100).fill(message) }).success).toBe(true);
    expect(promptVersionInputSchema.safeParse({ messages: [{ role: 'user', content: '' }] }).success).toBe(false);
    expect(promptVersionInputSchema.safeParse({ messages: [{ role: 'tool', content: 'x' }] }).success).toBe(false);
    const big = 'é'.repeat(51_201); // 102,402 bytes in UTF-8, though only 51,201 characters
    expect(issues(promptVersionInputSchema.safeParse({ messages: [{ role: 'user', content: big }] }))).toContain(
      'messages.0.content',
    );
  });

  it('rejects a malformed placeholder, naming where it is', () => {
    const result = promptVersionInputSchema.safeParse({ messages: [message, { role: 'user', content: 'x {{a b}}' }] });
    expect(issues(result)).toMatch(/messages\.1\.content: .*line 1, column 3/);
  });

  it('checks variable names and metadata values', () => {
    expect(promptVersionInputSchema.safeParse({ messages: [message], variables: { '1x': {} } }).success).toBe(false);
    expect(promptVersionInputSchema.safeParse({ messages: [message], metadata: { a: null } }).success).toBe(false);
    expect(promptVersionInputSchema.safeParse({ messages: [message], metadata: { a: { b: 1 } } }).success).toBe(false);
  });
});

describe('names and labels', () => {
  it.each(['a', 'support-bot', 'Support.v2_final', '0abc', 'x'.repeat(100)])('accepts name %j', (name) => {
    expect(promptNameSchema.safeParse(name).success).toBe(true);
  });
  it.each(['', '-a', '.a', 'a/b', 'a b', 'x'.repeat(101), '../etc'])('rejects name %j', (name) => {
    expect(promptNameSchema.safeParse(name).success).toBe(false);
  });
  it('accepts lower-case labels up to 40 characters and nothing else', () => {
    expect(promptLabelSchema.safeParse('production').success).toBe(true);
    expect(promptLabelSchema.safeParse('canary_2-b').success).toBe(true);
    expect(promptLabelSchema.safeParse('Production').success).toBe(false);
    expect(promptLabelSchema.safeParse('1st').success).toBe(false);
    expect(promptLabelSchema.safeParse('a'.repeat(41)).success).toBe(false);
  });
  it('refuses to assign the virtual latest label in a create body', () => {
    expect(createPromptVersionBodySchema.safeParse({ messages: [message], labels: ['staging'] }).success).toBe(true);
    expect(createPromptVersionBodySchema.safeParse({ messages: [message], labels: ['latest'] }).success).toBe(false);
    expect(createPromptVersionBodySchema.safeParse({ messages: [message], extra: 1 }).success).toBe(false);
  });
});

describe('promptRefSchema', () => {
  it('accepts a name with a version or a label and string variables', () => {
    expect(promptRefSchema.parse({ name: 'p', version: 2, variables: { a: 'x' } })).toEqual({
      name: 'p',
      version: 2,
      variables: { a: 'x' },
    });
    expect(promptRefSchema.safeParse({ name: 'p', label: 'latest' }).success).toBe(true);
    expect(promptRefSchema.safeParse({ name: 'p' }).success).toBe(true);
  });
  it('rejects both version and label, bad versions and non-string variables', () => {
    expect(issues(promptRefSchema.safeParse({ name: 'p', version: 1, label: 'production' }))).toContain('not both');
    for (const version of [0, 1.5, -1, 2 ** 31, '1']) {
      expect(promptRefSchema.safeParse({ name: 'p', version }).success).toBe(false);
    }
    expect(promptRefSchema.safeParse({ name: 'p', variables: { a: 1 } }).success).toBe(false);
    expect(promptRefSchema.safeParse({ name: 'p', vars: {} }).success).toBe(false);
  });
});
