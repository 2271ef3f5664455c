import { describe, expect, it } from 'vitest';
import { diffPromptVersions, type DiffablePromptVersion } from './diff-prompts.js';

const base: DiffablePromptVersion = {
  name: 'support',
  version: 1,
  messages: [
    { role: 'system', content: 'You are helpful.\nBe brief.' },
    { role: 'user', content: 'Question: {{q}}' },
  ],
  modelHint: 'gpt-4o-mini',
  metadata: { owner: 'team-a', temperature: 0.2, beta: true },
  variables: { q: {}, tone: { default: 'calm' } },
};

describe('diffPromptVersions', () => {
  it('finds nothing between a version and itself', () => {
    const diff = diffPromptVersions(base, { ...base, version: 2 });
    expect(diff).toMatchObject({ identical: true, messages: [], from: { version: 1 }, to: { version: 2 } });
    expect(diff.modelHint).toBeUndefined();
    expect(diff.metadata).toEqual({ added: {}, removed: {}, changed: {} });
    expect(diff.variables).toEqual({ added: [], removed: [], changed: [] });
  });

  it('reports changed, added and removed messages by index with a unified line diff', () => {
    const next: DiffablePromptVersion = {
      ...base,
      version: 2,
      messages: [
        { role: 'system', content: 'You are helpful.\nBe thorough.' },
        { role: 'assistant', content: 'Question: {{q}}' },
        { role: 'user', content: 'More: {{extra}}' },
      ],
    };
    const diff = diffPromptVersions(base, next);
    expect(diff.identical).toBe(false);
    expect(diff.messages).toHaveLength(3);
    const [first, second, third] = diff.messages;
    expect(first).toMatchObject({ index: 0, change: 'changed' });
    expect(first && 'role' in first).toBe(false);
    expect(first?.change === 'changed' && first.content?.unified).toBe(
      '--- support@v1 messages[0]\n+++ support@v2 messages[0]\n@@ -1,2 +1,2 @@\n You are helpful.\n-Be brief.\n+Be thorough.\n',
    );
    expect(second).toEqual({ index: 1, change: 'changed', role: { from: 'user', to: 'assistant' } });
    expect(third).toEqual({ index: 2, change: 'added', message: { role: 'user', content: 'More: {{extra}}' } });

    const back = diffPromptVersions(next, base);
    expect(back.messages[2]).toEqual({ index: 2, change: 'removed', message: { role: 'user', content: 'More: {{extra}}' } });
  });

  it('reports model hint, metadata and variable changes', () => {
    const next: DiffablePromptVersion = {
      ...base,
      version: 3,
      modelHint: undefined,
      metadata: { owner: 'team-b', temperature: 0.2, ticket: 'PR-1' },
      variables: { q: {}, tone: { default: 'warm' }, lang: {} },
    };
    const diff = diffPromptVersions(base, next);
    expect(diff.modelHint).toEqual({ from: 'gpt-4o-mini' });
    expect(diff.metadata).toEqual({
      added: { ticket: 'PR-1' },
      removed: { beta: true },
      changed: { owner: { from: 'team-a', to: 'team-b' } },
    });
    expect(diff.variables).toEqual({ added: ['lang'], removed: [], changed: ['tone'] });
    expect(diff.identical).toBe(false);
  });
});
