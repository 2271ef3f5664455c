import { describe, expect, it } from 'vitest';
import { createTextRedactor, type PiiRedactOptions } from './pii-redactor.js';
import { redactJsonText } from './redact-json-text.js';

function redact(text: string, options: PiiRedactOptions = {}): string {
  return redactJsonText(text, createTextRedactor(options));
}

describe('redactJsonText', () => {
  it.each<[string, string, string, PiiRedactOptions]>([
    ['a string value', '{"to":"bob@example.com"}', '{"to":"[EMAIL]"}', {}],
    ['a masked value', '{"to":"bob@example.com"}', '{"to":"b***@e***.com"}', { mode: 'mask' }],
    ['after an escape that a raw scan would split', '{"body":"Hi\\nbob@example.com"}', '{"body":"Hi\\n[EMAIL]"}', {}],
    ['a value written with unicode escapes', '{"to":"bob\\u0040example.com"}', '{"to":"[EMAIL]"}', {}],
    ['nested arrays and objects', '{"a":[{"b":"x 10.0.0.1"},"4242 4242 4242 4242"]}', '{"a":[{"b":"x [IP]"},"[CARD]"]}', {}],
    ['spacing kept byte for byte', '{ "to" :  "bob@example.com" ,\n  "n": 1.50 }', '{ "to" :  "[EMAIL]" ,\n  "n": 1.50 }', {}],
  ])('redacts %s and stays valid JSON', (_name, input, expected, options) => {
    const out = redact(input, options);
    expect(out).toBe(expected);
    expect(() => JSON.parse(out) as unknown).not.toThrow();
  });

  it('keeps other escapes in a changed string valid', () => {
    const input = JSON.stringify({ note: 'He said "hi" \\ to a@b.io\ttab' });
    const out = redact(input);
    expect(JSON.parse(out)).toEqual({ note: 'He said "hi" \\ to [EMAIL]\ttab' });
  });

  it('leaves keys, numbers and untouched strings exactly as written', () => {
    const input = '{"a@b.io": "\\u0068i", "card": 4242424242424242, "ok": true}';
    expect(redact(input)).toBe(input);
  });

  it('redacts text that is not valid JSON (a truncated call) as plain text', () => {
    expect(redact('{"to":"bob@example.com"')).toBe('{"to":"[EMAIL]"');
  });

  it.each(['{"to":"x\\nbob@example.com","ip":"::1","k":"sk-proj-abcdefghijklmnopqrstuvwxyz"}', '["a@b.io\\\\", "\\"c@d.io\\""]'])(
    'never breaks valid JSON (%s)',
    (input) => {
      for (const mode of ['redact', 'mask', 'block'] as const) {
        const out = redact(input, { mode });
        expect(() => JSON.parse(out) as unknown).not.toThrow();
        expect(out).not.toMatch(/b@example|a@b\.io|c@d\.io/);
      }
    },
  );
});
