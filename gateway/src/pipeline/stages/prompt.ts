import type { Surface } from '../../errors/error-envelope.js';
import { GatewayError } from '../../errors/gateway-error.js';
import { describePromptSchemaError, PromptRenderError, promptRefSchema, renderPrompt, type PromptMessage, type PromptStore } from '../../prompts/index.js';
import type { Trace } from '../../trace/trace.js';

/** Whether the body names a stored prompt: the caller skips the (async) stage when not. */
export function namesPrompt(body: unknown): body is Record<string, unknown> & { prompt: unknown } {
  return typeof body === 'object' && body !== null && !Array.isArray(body) && 'prompt' in body;
}

/**
 * The prompt stage: a request on either surface may name a stored prompt in a `prompt`
 * field — `{ "name", "version" | "label", "variables" }`. The version is resolved for the
 * caller's tenant and rendered, and its messages go in front of the request's own, in the
 * request's own protocol, before validation (so `messages` may be left out). The `prompt`
 * field is removed: no upstream knows it. The trace records name, version and hash.
 */
export async function applyPromptReference(store: PromptStore, surface: Surface, body: unknown, tenant: string, trace: Trace): Promise<unknown> {
  if (!namesPrompt(body)) return body;
  const { prompt, ...rest } = body as Record<string, unknown>;
  const parsed = promptRefSchema.safeParse(prompt);
  if (!parsed.success) throw new GatewayError('invalid_request', `Invalid prompt reference: ${describePromptSchemaError(parsed.error)}`, { param: 'prompt' });
  const ref = parsed.data;
  const version = await store.resolve(tenant, ref);
  if (version === undefined) {
    const which = ref.version !== undefined ? `version ${ref.version}` : ref.label !== undefined ? `label "${ref.label}"` : 'any version';
    throw new GatewayError('prompt_not_found', `Prompt "${ref.name}" has no ${which} for this tenant.`, { param: 'prompt' });
  }
  let messages: PromptMessage[];
  try {
    messages = renderPrompt(version, ref.variables ?? {}).messages;
  } catch (error) {
    if (error instanceof PromptRenderError) {
      throw new GatewayError('prompt_variable_missing', `Prompt "${ref.name}" version ${version.version} needs the variable "${error.variable}".`, { param: `prompt.variables.${error.variable}` });
    }
    throw error;
  }
  trace.prompt = { name: version.name, version: version.version, hash: version.hash, ...(ref.label === undefined ? {} : { label: ref.label }) };
  const merged: Record<string, unknown> = { ...rest };
  if (merged.model === undefined && version.modelHint !== undefined) merged.model = version.modelHint;
  const own = Array.isArray(rest.messages) ? (rest.messages as unknown[]) : [];
  const system = messages.filter((m) => m.role === 'system').map((m) => m.content);
  const turns = messages.filter((m) => m.role !== 'system').map((m) => ({ role: m.role, content: m.content }));
  if (surface === 'anthropic') {
    // Anthropic has one top-level system prompt: the prompt's comes first, the client's after.
    const clientSystem = typeof rest.system === 'string' ? [rest.system] : [];
    if (system.length + clientSystem.length > 0 && (rest.system === undefined || typeof rest.system === 'string')) merged.system = [...system, ...clientSystem].join('\n\n');
    merged.messages = [...turns, ...own];
  } else {
    merged.messages = [...system.map((content) => ({ role: 'system', content })), ...turns, ...own];
  }
  return merged;
}
