/**
 * Versioned prompt templates ("prompts as resources"). A prompt is a named, tenant-scoped
 * series of immutable versions; labels (`production`, `staging`, …) are movable pointers
 * into that series. See README.md in this folder for the template syntax and the rules.
 */

export type PromptRole = 'system' | 'user' | 'assistant';

/**
 * One templated message. `content` may hold `{{variable}}` placeholders (`{{ name }}` with
 * spaces or tabs inside the braces is the same placeholder). `\{{` is a literal `{{`, and
 * `\\{{name}}` is a literal backslash followed by the placeholder (Handlebars' rules).
 */
export interface PromptMessage {
  role: PromptRole;
  content: string;
}

export type PromptMetadataValue = string | number | boolean;

/** What a version says about one variable; both fields are optional. */
export interface PromptVariableSpec {
  description?: string;
  /** Used when the caller does not give the variable. Without one the variable is required. */
  default?: string;
}

/** What a client sends to create a version; the store assigns everything else. */
export interface PromptVersionInput {
  messages: PromptMessage[];
  /** A model the prompt was written for; a hint to the caller, never enforced by the store. */
  modelHint?: string;
  metadata?: Record<string, PromptMetadataValue>;
  /** Declared variables; placeholders that are not declared here are discovered and added. */
  variables?: Record<string, PromptVariableSpec>;
}

/** One immutable version as a store returns it (a fresh copy on every call). */
export interface PromptVersion {
  tenant: string;
  name: string;
  /** 1, 2, 3… per tenant + name, assigned by the store without gaps. */
  version: number;
  messages: PromptMessage[];
  modelHint?: string;
  metadata: Record<string, PromptMetadataValue>;
  /** Declared variables plus every placeholder found in the messages (spec `{}`), by name. */
  variables: Record<string, PromptVariableSpec>;
  /** ISO 8601, set by the store's clock when the version was created. */
  createdAt: string;
  /** The labels that point at this version now, sorted; `latest` is virtual and never listed. */
  labels: string[];
  /**
   * Hex sha256 of the canonical JSON of { messages, modelHint, metadata, variables }: the
   * same content gives the same hash whatever its name, tenant or version number.
   */
  hash: string;
}

export interface PromptSummary {
  name: string;
  latestVersion: number;
  /** label → the version it points at. */
  labels: Record<string, number>;
  /** ISO 8601: the later of the newest version's creation and the last label change. */
  updatedAt: string;
}

/**
 * A reference to a prompt, as a request carries it. Resolution:
 * - `version` → that version;
 * - `label` → the version the label points at (`latest` → the newest version);
 * - neither → the version labelled `production` if that label exists, else the newest one;
 * - both → rejected (the schema refuses it and a store throws `invalid_input`).
 */
export interface PromptRef {
  name: string;
  version?: number;
  label?: string;
  variables?: Record<string, string>;
}

/** The label a reference without version or label resolves to, when it exists. */
export const DEFAULT_PROMPT_LABEL = 'production';

/** A virtual label: always the newest version; it cannot be moved or deleted. */
export const LATEST_PROMPT_LABEL = 'latest';
