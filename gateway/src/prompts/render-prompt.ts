import { parseTemplate } from './parse-template.js';
import type { PromptMessage, PromptVersion } from './prompt-types.js';

export interface RenderedPrompt {
  messages: PromptMessage[];
  /** Variables that were substituted (given or defaulted), in order of first appearance. */
  used: string[];
}

/**
 * A placeholder with no value: neither given nor defaulted. `variable` is the first one in
 * message order (what the 422 names); `missing` lists all of them, so a client can fix its
 * request in one go.
 */
export class PromptRenderError extends Error {
  override readonly name = 'PromptRenderError';

  constructor(
    readonly variable: string,
    readonly missing: readonly string[],
  ) {
    const rest = missing.length > 1 ? ` (missing: ${missing.join(', ')})` : '';
    super(`prompt variable "${variable}" has no value and no default${rest}`);
  }
}

/**
 * Fills a version's placeholders. Pure: no I/O, input untouched.
 * - A given value wins over the version's default; an empty string is a value.
 * - Variables the version does not use are ignored, so one set of variables can be sent
 *   to several prompts (and a newer version may drop one without breaking callers).
 * - Values are inserted literally: a value containing `{{x}}` stays `{{x}}` in the output.
 * @throws PromptRenderError when a placeholder has neither a value nor a default.
 * @throws PromptTemplateError when a message is not a valid template (stores never hold one).
 */
export function renderPrompt(
  version: Pick<PromptVersion, 'messages' | 'variables'>,
  variables: Readonly<Record<string, string>> = {},
): RenderedPrompt {
  const used = new Set<string>();
  const missing = new Set<string>();
  const messages = version.messages.map(({ role, content }) => {
    let rendered = '';
    for (const segment of parseTemplate(content)) {
      if (segment.kind === 'text') {
        rendered += segment.text;
        continue;
      }
      const value = valueOf(segment.name, variables, version.variables);
      if (value === undefined) {
        missing.add(segment.name);
        continue;
      }
      used.add(segment.name);
      rendered += value;
    }
    return { role, content: rendered };
  });
  const [first] = missing;
  if (first !== undefined) throw new PromptRenderError(first, [...missing]);
  return { messages, used: [...used] };
}

// Own properties only: a variable named `constructor` must not find Object.prototype's.
function valueOf(
  name: string,
  given: Readonly<Record<string, string>>,
  declared: PromptVersion['variables'],
): string | undefined {
  if (Object.hasOwn(given, name)) {
    const value = given[name];
    if (typeof value === 'string') return value;
  }
  return Object.hasOwn(declared, name) ? declared[name]?.default : undefined;
}
