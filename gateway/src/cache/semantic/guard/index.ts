export { guardVerdict, MAX_GUARDED_CHARS, type GuardOptions, type GuardRuleId, type GuardVerdict } from './guard-verdict.js';
