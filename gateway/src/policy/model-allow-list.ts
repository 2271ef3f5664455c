import type { RequestHook } from './hook-contract.js';

export const MODEL_ALLOW_LIST_HOOK_NAME = 'model-allow-list';

/**
 * Turns `openai/*` into a matcher. `*` matches any run of characters, `/` included (vLLM
 * model names such as `vllm/meta-llama/Llama-3.1-8B` contain slashes), `?` one character;
 * everything else is literal and case-sensitive, as provider model ids are.
 */
function globToRegExp(glob: string): RegExp {
  const body = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replaceAll('*', '.*').replaceAll('?', '.');
  return new RegExp(`^${body}$`, 's');
}

/** A pure predicate, also for the router or attempt loop to drop disallowed candidates up front. */
export function createModelMatcher(patterns: readonly string[]): (target: string) => boolean {
  const exact = new Set(patterns.filter((p) => !/[*?]/.test(p)));
  const globs = patterns.filter((p) => /[*?]/.test(p)).map(globToRegExp);
  return (target) => exact.has(target) || globs.some((g) => g.test(target));
}

/**
 * Request hook: the resolved target (`provider/model`, given as the `model` input) must
 * match one of the tenant's patterns. An empty list allows nothing; leave the option out
 * for no restriction. The reason names the model and tenant, not the list (that is config).
 */
export function createModelAllowList(patterns: readonly string[]): RequestHook {
  const allowed = createModelMatcher(patterns);
  return {
    name: MODEL_ALLOW_LIST_HOOK_NAME,
    onRequest({ model, tenant }) {
      if (allowed(model)) return { action: 'allow' };
      return { action: 'deny', hook: MODEL_ALLOW_LIST_HOOK_NAME, reason: `Model "${model}" is not allowed for tenant "${tenant}".` };
    },
  };
}
