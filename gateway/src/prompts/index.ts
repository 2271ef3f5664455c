export type {
  PromptMessage,
  PromptMetadataValue,
  PromptRef,
  PromptRole,
  PromptSummary,
  PromptVariableSpec,
  PromptVersion,
  PromptVersionInput,
} from './prompt-types.js';
export { DEFAULT_PROMPT_LABEL, LATEST_PROMPT_LABEL } from './prompt-types.js';
export {
  assignablePromptLabelSchema,
  createPromptVersionBodySchema,
  describePromptSchemaError,
  MAX_MESSAGE_CONTENT_BYTES,
  MAX_PROMPT_MESSAGES,
  movePromptLabelBodySchema,
  PROMPT_LABEL_PATTERN,
  PROMPT_NAME_PATTERN,
  promptLabelSchema,
  promptNameSchema,
  promptRefSchema,
  promptVersionInputSchema,
  promptVersionNumberSchema,
} from './prompt-schema.js';
export { parseTemplate, PromptTemplateError, templateVariables, type TemplateSegment } from './parse-template.js';
export { PromptRenderError, renderPrompt, type RenderedPrompt } from './render-prompt.js';
export { diffPromptVersions, type DiffablePromptVersion, type MessageDiff, type PromptDiff } from './diff-prompts.js';
export type { DiffLine, DiffOp } from './line-diff.js';
export { isPromptStoreError, PromptStoreError, type PromptStoreErrorCode } from './prompt-errors.js';
export type { CreatePromptVersionOptions, PromptStore } from './prompt-store.js';
export { DEFAULT_PROMPT_DIRECTORY, FilePromptStore, type FilePromptStoreOptions } from './file-prompt-store.js';
export { createPgPromptStore, PgPromptStore, type PgPromptStoreOptions } from './pg-prompt-store.js';
export { migratePromptSchema, PROMPT_MIGRATION_COMPONENT, PROMPT_MIGRATIONS } from './pg-prompt-migrations.js';
export { promptMessagesToCanonical } from './prompt-to-canonical.js';
