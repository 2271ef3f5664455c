import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../gateway/src/errors/error-codes.js';

const doc = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');
const rows = new Map(
  doc
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((line) => {
      const cells = line.split('|').map((c) => c.trim());
      return [cells[1]!.replaceAll('`', ''), cells] as const;
    }),
);

describe('docs/errors.md', () => {
  it.each(Object.entries(ERROR_CODES))('documents %s as the registry defines it', (code, spec) => {
    const cells = rows.get(code);
    expect(cells, `docs/errors.md has no row for ${code}`).toBeDefined();
    expect(cells!.slice(2, 7)).toEqual([String(spec.status), spec.openaiType, spec.anthropicType, spec.retryable ? 'yes' : 'no', spec.fallbackable ? 'yes' : 'no']);
  });

  it('documents no code the registry lacks', () => {
    expect([...rows.keys()].filter((code) => !(code in ERROR_CODES))).toEqual([]);
  });
});
