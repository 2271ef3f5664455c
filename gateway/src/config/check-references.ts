import { ConfigError } from './config-error.js';
import type { GatewayConfig } from './schema.js';

/**
 * Cross-references the schema cannot see: every provider/model names a configured provider,
 * every `use` names something that exists, names do not collide, patterns compile.
 */
export function checkReferences(raw: GatewayConfig, source: string): void {
  const problems: string[] = [];
  const checkTarget = (path: string, target: string): void => {
    const provider = target.slice(0, target.indexOf('/'));
    if (raw.providers[provider] === undefined) problems.push(`  ${path}: unknown provider "${provider}"`);
  };
  const checkUse = (path: string, use: string): void => {
    if (raw.chains[use] !== undefined || raw.aliases[use] !== undefined) return;
    if (use.includes('/')) checkTarget(path, use);
    else problems.push(`  ${path}: "${use}" is neither a chain, an alias nor provider/model`);
  };
  for (const [alias, target] of Object.entries(raw.aliases)) {
    checkTarget(`aliases.${alias}`, target);
    if (raw.chains[alias] !== undefined) problems.push(`  aliases.${alias}: a chain has the same name`);
  }
  for (const [name, chain] of Object.entries(raw.chains)) {
    chain.steps.forEach((step, i) => checkTarget(`chains.${name}.steps[${i}]`, typeof step === 'string' ? step : step.target));
  }
  raw.routing.rules.forEach((rule, i) => {
    const path = `routing.rules[${i}]`;
    if (rule.use !== undefined) checkUse(`${path}.use`, rule.use);
    rule.split?.forEach((arm, j) => checkUse(`${path}.split[${j}].use`, arm.use));
    const patterns = [rule.when.pattern, ...Object.values(rule.when.headers ?? {}), ...Object.values(rule.when.metadata ?? {})];
    for (const pattern of patterns) {
      if (pattern === undefined || !isRegexLiteral(pattern)) continue;
      try {
        new RegExp(pattern.slice(1, -1));
      } catch (error) {
        problems.push(`  ${path}.when: invalid regular expression ${pattern}: ${(error as Error).message}`);
      }
    }
    if (rule.when.pattern !== undefined && !isRegexLiteral(rule.when.pattern)) {
      try {
        new RegExp(rule.when.pattern);
      } catch (error) {
        problems.push(`  ${path}.when.pattern: invalid regular expression: ${(error as Error).message}`);
      }
    }
  });
  const tiers = raw.rateLimits.tiers;
  for (const [tenant, tier] of Object.entries(raw.rateLimits.tenants)) {
    if (tiers[tier] === undefined) problems.push(`  rateLimits.tenants.${tenant}: unknown tier "${tier}"`);
  }
  const defaultTier = raw.rateLimits.defaultTier;
  if (defaultTier !== undefined && tiers[defaultTier] === undefined) problems.push(`  rateLimits.defaultTier: unknown tier "${defaultTier}"`);
  for (const target of Object.keys(raw.rateLimits.models)) checkTarget(`rateLimits.models.${target}`, target);
  const fallback = raw.routing.defaultProvider;
  if (fallback !== undefined && raw.providers[fallback] === undefined) {
    problems.push(`  routing.defaultProvider: unknown provider "${fallback}"`);
  }
  if (problems.length > 0) throw new ConfigError(`invalid configuration in ${source}:\n${problems.join('\n')}`);
}

/** `/…/` marks a regular expression in header and metadata matches. */
export function isRegexLiteral(value: string): boolean {
  return value.length >= 2 && value.startsWith('/') && value.endsWith('/');
}
