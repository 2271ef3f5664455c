export { guardVerdict, type GuardOptions, type GuardRuleId, type GuardVerdict } from './guard-verdict.js';
