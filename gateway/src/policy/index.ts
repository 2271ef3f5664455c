export type {
  AllowVerdict,
  DenyVerdict,
  HookFinding,
  HookReport,
  HookVerdict,
  RequestHook,
  RequestHookInput,
  RequestHookValue,
  ResponseHook,
  StreamFilterResult,
  StreamTextFilter,
  TransformVerdict,
} from './hook-contract.js';
export { PII_DETECTORS, PII_KINDS, type PiiDetector, type PiiKind } from './pii-patterns.js';
export {
  createTextRedactor,
  PII_MODES,
  PII_PLACEHOLDERS,
  redactText,
  type PiiFinding,
  type PiiMode,
  type PiiRedactOptions,
  type PiiSummary,
  type RedactResult,
  type TextRedactor,
} from './pii-redactor.js';
export { redactJsonText } from './redact-json-text.js';
export { redactCanonicalRequest } from './redact-canonical-request.js';
export { redactRawBody } from './redact-raw-body.js';
export { createPiiHook, PII_HOOK_NAME } from './pii-hook.js';
export { createOutputFilter, OUTPUT_FILTER_HOOK_NAME, type OutputFilterOptions } from './output-filter.js';
export { createWindowedStreamFilter, type WindowedFilterOptions } from './windowed-stream-filter.js';
export { createModelAllowList, createModelMatcher, MODEL_ALLOW_LIST_HOOK_NAME } from './model-allow-list.js';
export { policyConfigSchema, type PolicyConfig, type PolicyConfigInput } from './policy-config-schema.js';
export { createHooks, type PolicyHooks } from './create-hooks.js';
export { composeStreamFilters, runRequestHooks, runResponseHooks, type RequestHooksOutcome, type ResponseHooksOutcome } from './run-hooks.js';
