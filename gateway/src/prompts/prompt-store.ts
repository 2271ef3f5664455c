import type { PromptRef, PromptSummary, PromptVersion, PromptVersionInput } from './prompt-types.js';

export interface CreatePromptVersionOptions {
  /** Labels to point at the new version, moved in the same write (never `latest`). */
  labels?: string[];
}

/**
 * Where prompt versions live. Two implementations are held to one conformance suite
 * (test/prompts): FilePromptStore (embedded default) and PgPromptStore (production).
 *
 * - Versions are immutable: there is no update; creating again makes the next version.
 * - The tenant is part of every key: nothing here ever reads or lists across tenants.
 * - Reads with a malformed name, label or version find nothing (`undefined`), since no such
 *   prompt can exist; writes with one throw PromptStoreError `invalid_input`.
 * - Every returned object is a fresh copy.
 */
export interface PromptStore {
  /**
   * Validates `input` (it may be an unchecked request body) and stores it as version
   * latest + 1 (1 for a new name); concurrent calls get distinct, gapless numbers.
   * @throws PromptStoreError `invalid_input`.
   */
  createVersion(
    tenant: string,
    name: string,
    input: PromptVersionInput,
    options?: CreatePromptVersionOptions,
  ): Promise<PromptVersion>;
  getVersion(tenant: string, name: string, version: number): Promise<PromptVersion | undefined>;
  /** `latest` is the newest version; any other label must have been set. */
  getByLabel(tenant: string, name: string, label: string): Promise<PromptVersion | undefined>;
  /**
   * The version a reference names (see PromptRef: version, else label, else `production`,
   * else the newest). `ref.variables` is not looked at: rendering is renderPrompt's job.
   * @throws PromptStoreError `invalid_input` when the ref gives both a version and a label.
   */
  resolve(tenant: string, ref: PromptRef): Promise<PromptVersion | undefined>;
  /** The tenant's prompts, by name. */
  list(tenant: string): Promise<PromptSummary[]>;
  /** Every version of one prompt, oldest first; empty when the prompt does not exist. */
  listVersions(tenant: string, name: string): Promise<PromptVersion[]>;
  /**
   * Points `label` at `version`, creating the label if needed.
   * @throws PromptStoreError `not_found` when that version does not exist, `invalid_input`
   * for a malformed label or `latest`.
   */
  moveLabel(tenant: string, name: string, label: string, version: number): Promise<void>;
  /** Removes a label; false when it was not set. The versions stay. */
  deleteLabel(tenant: string, name: string, label: string): Promise<boolean>;
  /** Releases what the store opened (never an injected pg.Pool). */
  close(): Promise<void>;
}
