import { describe, expect, it } from 'vitest';
import { PII_KINDS } from './pii-patterns.js';
import { createTextRedactor, redactText, type PiiRedactOptions } from './pii-redactor.js';

const SAMPLE = 'Mail john.doe@example.com, card 4242 4242 4242 4242, call +1 (415) 555-2671, from 192.168.1.20.';

describe('redactText modes', () => {
  it.each<[string, PiiRedactOptions, string, string[]]>([
    ['redact (default)', {}, 'Mail [EMAIL], card [CARD], call [PHONE], from [IP].', []],
    ['mask', { mode: 'mask' }, 'Mail j***@e***.com, card **** **** **** 4242, call +* (***) ***-**71, from 192.*.*.*.', []],
    ['block: still redacted, and reported as blocked', { mode: 'block' }, 'Mail [EMAIL], card [CARD], call [PHONE], from [IP].', ['email', 'phone', 'card', 'ip']],
    ['per kind over a global mode', { mode: 'mask', modes: { card: 'redact', email: 'block' } }, 'Mail [EMAIL], card [CARD], call +* (***) ***-**71, from 192.*.*.*.', ['email']],
    ['only some kinds', { kinds: ['email', 'ip'] }, 'Mail [EMAIL], card 4242 4242 4242 4242, call +1 (415) 555-2671, from [IP].', []],
  ])('%s', (_name, options, text, blocked) => {
    const result = redactText(SAMPLE, options);
    expect(result.text).toBe(text);
    expect(result.blocked).toEqual(blocked);
  });

  it('reports kinds and counts in PII_KINDS order, never the values', () => {
    const result = redactText('a@b.io c@d.io 10.0.0.1 a@b.io', { mode: 'mask' });
    expect(result.findings).toEqual([
      { kind: 'email', count: 3 },
      { kind: 'ip', count: 1 },
    ]);
    expect(JSON.stringify(result.findings)).not.toMatch(/b\.io|10\.0/);
  });

  it('a kind that is not enabled is neither found nor blocked', () => {
    expect(redactText('a@b.io', { kinds: ['ip'], mode: 'block' })).toEqual({ text: 'a@b.io', findings: [], blocked: [] });
  });

  it('returns text without PII unchanged, tiny strings included', () => {
    for (const text of ['', 'x', 'hello world', 'Release 1.2.3 ships in 2025.']) {
      expect(redactText(text)).toEqual({ text, findings: [], blocked: [] });
    }
  });

  it('never inserts quotes or backslashes, in any mode', () => {
    for (const mode of ['redact', 'mask', 'block'] as const) {
      expect(redactText(SAMPLE, { mode }).text).not.toMatch(/["\\]/);
    }
  });

  it('covers every kind with a placeholder', () => {
    const all = 'x@y.io +44 20 7946 0958 4242424242424242 GB82WEST12345698765432 123-45-6789 8.8.8.8 AKIAIOSFODNN7EXAMPLE';
    expect(redactText(all).text).toBe('[EMAIL] [PHONE] [CARD] [IBAN] [SSN] [IP] [SECRET]');
    expect(redactText(all).findings.map((f) => f.kind)).toEqual([...PII_KINDS]);
  });
});

describe('createTextRedactor', () => {
  it('tallies findings across strings', () => {
    const redactor = createTextRedactor({ modes: { ssn: 'block' } });
    expect(redactor.redact('a@b.io')).toBe('[EMAIL]');
    expect(redactor.redact('and 123-45-6789 and c@d.io')).toBe('and [SSN] and [EMAIL]');
    expect(redactor.summary()).toEqual({
      findings: [
        { kind: 'email', count: 2 },
        { kind: 'ssn', count: 1 },
      ],
      blocked: ['ssn'],
    });
  });

  it('handles many findings in one text', () => {
    const text = Array.from({ length: 2_000 }, (_, i) => `10.0.${Math.floor(i / 250)}.${i % 250}`).join(' ');
    const result = redactText(text);
    expect(result.findings).toEqual([{ kind: 'ip', count: 2_000 }]);
    expect(result.text).toBe(Array.from({ length: 2_000 }, () => '[IP]').join(' '));
  });
});
