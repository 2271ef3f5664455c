/**
 * The template syntax, parsed once into segments so that rendering is plain concatenation:
 * a value is inserted as text and never parsed again (no recursive expansion).
 *
 * - `{{name}}` / `{{ name }}` is a placeholder (spaces or tabs around the name only).
 *   Names: a letter, then letters, digits or `_`, 64 characters at most.
 * - Backslashes matter only directly before `{{`: each pair `\\` there becomes one `\`, and
 *   an odd one left over makes the `{{` literal. So `\{{x}}` is the text `{{x}}` and
 *   `\\{{x}}` is `\` followed by the value of x. Elsewhere backslashes are plain text.
 * - An unescaped `{{` that starts no placeholder is an error, so a typo such as `{{user name}}`
 *   fails when the version is created rather than reaching a model verbatim. Extra leading
 *   braces are text: `{{{x}}}` is `{` + value + `}`. A lone `}}` is plain text.
 */

export type TemplateSegment = { kind: 'text'; text: string } | { kind: 'variable'; name: string };

export const VARIABLE_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

// Sticky, so it only matches exactly at lastIndex; kept in sync with VARIABLE_NAME_PATTERN.
const PLACEHOLDER = /\{\{[ \t]*([A-Za-z][A-Za-z0-9_]{0,63})[ \t]*\}\}/y;

/** A template that cannot be parsed; `line` and `column` count from 1. */
export class PromptTemplateError extends Error {
  override readonly name = 'PromptTemplateError';

  constructor(
    message: string,
    readonly offset: number,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
  }
}

/** @throws PromptTemplateError at the first `{{` that starts no placeholder. */
export function parseTemplate(content: string): TemplateSegment[] {
  const segments: TemplateSegment[] = [];
  let text = '';
  let i = 0;
  while (i < content.length) {
    const char = content[i];
    if (char === '\\') {
      let run = 1;
      while (content[i + run] === '\\') run += 1;
      if (!content.startsWith('{{', i + run)) {
        text += content.slice(i, i + run);
        i += run;
        continue;
      }
      text += '\\'.repeat(Math.floor(run / 2));
      if (run % 2 === 1) {
        text += '{{';
        i += run + 2;
      } else {
        i += run; // the `{{` is live: the next turn parses it as a placeholder
      }
      continue;
    }
    if (char === '{' && content[i + 1] === '{') {
      PLACEHOLDER.lastIndex = i;
      const match = PLACEHOLDER.exec(content);
      const name = match?.[1];
      if (name !== undefined) {
        if (text !== '') segments.push({ kind: 'text', text });
        text = '';
        segments.push({ kind: 'variable', name });
        i = PLACEHOLDER.lastIndex;
        continue;
      }
      if (content[i + 2] === '{') {
        text += '{'; // `{{{x}}}`: the surplus brace is text; the next turn tries one further on
        i += 1;
        continue;
      }
      throw templateError(content, i);
    }
    text += char;
    i += 1;
  }
  if (text !== '') segments.push({ kind: 'text', text });
  return segments;
}

/** Placeholder names in order of first appearance, each once. */
export function templateVariables(content: string): string[] {
  const names = new Set<string>();
  for (const segment of parseTemplate(content)) {
    if (segment.kind === 'variable') names.add(segment.name);
  }
  return [...names];
}

function templateError(content: string, offset: number): PromptTemplateError {
  const before = content.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  const excerpt = content.slice(offset, offset + 24).split('\n')[0] ?? '';
  return new PromptTemplateError(
    `"{{" at line ${line}, column ${column} (${JSON.stringify(excerpt)}) does not start a placeholder ` +
      '{{name}} (a letter, then letters, digits or _); write \\{{ for a literal "{{"',
    offset,
    line,
    column,
  );
}
