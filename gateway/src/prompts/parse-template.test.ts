import { describe, expect, it } from 'vitest';
import { parseTemplate, PromptTemplateError, templateVariables } from './parse-template.js';

describe('parseTemplate', () => {
  it('splits text and placeholders, with or without spaces inside the braces', () => {
    expect(parseTemplate('Hi {{name}}, from {{ team }} and {{\tx_1 }}.')).toEqual([
      { kind: 'text', text: 'Hi ' },
      { kind: 'variable', name: 'name' },
      { kind: 'text', text: ', from ' },
      { kind: 'variable', name: 'team' },
      { kind: 'text', text: ' and ' },
      { kind: 'variable', name: 'x_1' },
      { kind: 'text', text: '.' },
    ]);
  });

  it('reads \\{{ as a literal {{ and \\\\{{x}} as a backslash plus a placeholder', () => {
    expect(parseTemplate('a \\{{x}} b')).toEqual([{ kind: 'text', text: 'a {{x}} b' }]);
    expect(parseTemplate('\\\\{{x}}')).toEqual([
      { kind: 'text', text: '\\' },
      { kind: 'variable', name: 'x' },
    ]);
    expect(parseTemplate('\\\\\\{{x}}')).toEqual([{ kind: 'text', text: '\\{{x}}' }]);
  });

  it('leaves backslashes alone when no {{ follows them', () => {
    expect(parseTemplate('C:\\\\temp\\n {x} }}')).toEqual([{ kind: 'text', text: 'C:\\\\temp\\n {x} }}' }]);
  });

  it('treats surplus leading braces as text', () => {
    expect(parseTemplate('{{{x}}}')).toEqual([
      { kind: 'text', text: '{' },
      { kind: 'variable', name: 'x' },
      { kind: 'text', text: '}' },
    ]);
  });

  it.each(['{{user name}}', '{{}}', '{{1x}}', 'open {{x', '{{ x-y }}', '{{x\n}}'])('refuses %j', (content) => {
    expect(() => parseTemplate(content)).toThrow(PromptTemplateError);
  });

  it('says where the bad placeholder is', () => {
    try {
      parseTemplate('line one\nsay {{ bad name }}');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(PromptTemplateError);
      expect(error).toMatchObject({ line: 2, column: 5, offset: 13 });
      expect((error as Error).message).toContain('line 2, column 5');
    }
  });

  it('lists variables once, in order of first appearance', () => {
    expect(templateVariables('{{b}} {{a}} {{ b }} \\{{c}}')).toEqual(['b', 'a']);
  });
});
