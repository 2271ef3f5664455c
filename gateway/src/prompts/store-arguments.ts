import { PromptStoreError } from './prompt-errors.js';
import { assignablePromptLabelSchema, PROMPT_LABEL_PATTERN, PROMPT_NAME_PATTERN, MAX_PROMPT_VERSION } from './prompt-schema.js';
import { DEFAULT_PROMPT_LABEL, type PromptRef } from './prompt-types.js';

/**
 * Argument checks shared by the stores, so both refuse and accept exactly the same things.
 * The tenant comes from the authenticated key, not from the client, so it is only checked
 * for being a usable key; the file store hashes it into a directory name anyway.
 */

const MAX_TENANT_LENGTH = 256;

export function checkTenant(tenant: string): string {
  if (typeof tenant !== 'string' || tenant.length === 0 || tenant.length > MAX_TENANT_LENGTH) {
    throw new PromptStoreError('invalid_input', `a tenant is a string of 1–${MAX_TENANT_LENGTH} characters`);
  }
  return tenant;
}

export function checkName(name: string): string {
  if (!isPromptName(name)) throw new PromptStoreError('invalid_input', `invalid prompt name ${JSON.stringify(name)}`);
  return name;
}

/** For writes: a well-formed label other than `latest`. */
export function checkAssignableLabel(label: string): string {
  const parsed = assignablePromptLabelSchema.safeParse(label);
  if (!parsed.success) {
    const reason = parsed.error.issues[0]?.message ?? 'invalid label';
    throw new PromptStoreError('invalid_input', `label ${JSON.stringify(label)}: ${reason}`);
  }
  return parsed.data;
}

export function checkVersionNumber(version: number): number {
  if (!isVersionNumber(version)) throw new PromptStoreError('invalid_input', `invalid version ${String(version)}`);
  return version;
}

export const isPromptName = (name: unknown): name is string => typeof name === 'string' && PROMPT_NAME_PATTERN.test(name);
export const isPromptLabel = (label: unknown): label is string => typeof label === 'string' && PROMPT_LABEL_PATTERN.test(label);
export const isVersionNumber = (version: unknown): version is number =>
  typeof version === 'number' && Number.isInteger(version) && version >= 1 && version <= MAX_PROMPT_VERSION;

/** What a reference asks for, in the one order both stores follow. */
export type RefTarget =
  | { kind: 'version'; version: number }
  | { kind: 'label'; label: string }
  /** `production` if that label exists, else the newest version. */
  | { kind: 'default'; label: typeof DEFAULT_PROMPT_LABEL };

export function refTarget(ref: PromptRef): RefTarget {
  if (ref.version !== undefined && ref.label !== undefined) {
    throw new PromptStoreError('invalid_input', 'a prompt reference gives a version or a label, not both');
  }
  if (ref.version !== undefined) return { kind: 'version', version: ref.version };
  if (ref.label !== undefined) return { kind: 'label', label: ref.label };
  return { kind: 'default', label: DEFAULT_PROMPT_LABEL };
}
