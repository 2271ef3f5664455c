import { describe, expect, it } from 'vitest';
import { PromptRenderError, renderPrompt } from './render-prompt.js';
import type { PromptVersion } from './prompt-types.js';

const version = (
  contents: string[],
  variables: PromptVersion['variables'] = {},
): Pick<PromptVersion, 'messages' | 'variables'> => ({
  messages: contents.map((content, index) => ({ role: index === 0 ? 'system' : 'user', content })),
  variables,
});

describe('renderPrompt', () => {
  it('fills placeholders and reports the variables used in order', () => {
    const result = renderPrompt(version(['You help {{ team }}.', 'Hi {{name}}, {{team}} here.']), {
      name: 'Ada',
      team: 'billing',
    });
    expect(result.messages).toEqual([
      { role: 'system', content: 'You help billing.' },
      { role: 'user', content: 'Hi Ada, billing here.' },
    ]);
    expect(result.used).toEqual(['team', 'name']);
  });

  it('uses defaults, and a given value (even empty) wins over the default', () => {
    const v = version(['{{tone}}|{{lang}}'], { tone: { default: 'friendly' }, lang: { default: 'en' } });
    expect(renderPrompt(v, { lang: '' }).messages[0]?.content).toBe('friendly|');
  });

  it('throws PromptRenderError naming the first missing variable and listing all', () => {
    const v = version(['{{a}} {{b}}', '{{c}} {{b}}'], { a: { default: 'x' } });
    try {
      renderPrompt(v, {});
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(PromptRenderError);
      expect(error).toMatchObject({ variable: 'b', missing: ['b', 'c'] });
      expect((error as Error).message).toContain('"b"');
    }
  });

  it('ignores variables the version does not use', () => {
    expect(renderPrompt(version(['{{a}}']), { a: '1', unused: '2' })).toEqual({
      messages: [{ role: 'system', content: '1' }],
      used: ['a'],
    });
  });

  it('inserts values literally, without expanding placeholders inside them', () => {
    const v = version(['{{a}} and {{b}}'], {});
    expect(renderPrompt(v, { a: '{{b}}', b: '\\{{a}} $& $1' }).messages[0]?.content).toBe('{{b}} and \\{{a}} $& $1');
  });

  it('renders escapes as literal braces', () => {
    expect(renderPrompt(version(['use \\{{name}} for {{name}}']), { name: 'x' }).messages[0]?.content).toBe(
      'use {{name}} for x',
    );
  });

  it('does not take values from Object.prototype', () => {
    const v = version(['{{constructor}}']);
    expect(() => renderPrompt(v, {})).toThrow(PromptRenderError);
    expect(renderPrompt(v, { constructor: 'c' }).messages[0]?.content).toBe('c');
  });

  it('does not touch its input', () => {
    const v = version(['{{a}}'], { a: { default: 'd' } });
    const copy = structuredClone(v);
    renderPrompt(v, { a: 'x' });
    expect(v).toEqual(copy);
  });
});
