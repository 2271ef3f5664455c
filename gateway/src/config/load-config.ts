import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { ConfigError, configErrorFromZod } from './config-error.js';
import { checkReferences } from './check-references.js';
import { configFromEnv } from './config-from-env.js';
import type { ResolvedApiKey, ResolvedConfig, ResolvedProvider } from './resolved-config.js';
import { configSchema, type ProviderConfig } from './schema.js';

export type Env = Readonly<Record<string, string | undefined>>;

export async function loadConfigFile(path: string, env: Env): Promise<ResolvedConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`cannot read config file ${path}: ${(error as Error).message}`);
  }
  let document: unknown;
  try {
    document = parseYaml(text);
  } catch (error) {
    throw new ConfigError(`config file ${path} is not valid YAML: ${(error as Error).message}`);
  }
  return resolveConfig(document ?? {}, path, env);
}

/** With no config file: providers from OPENAI_*, ANTHROPIC_*, VLLM_* (or the mock). */
export function loadConfigFromEnv(env: Env): ResolvedConfig {
  return resolveConfig(configFromEnv(env), 'environment', env);
}

export function resolveConfig(document: unknown, source: string, env: Env): ResolvedConfig {
  const parsed = configSchema.safeParse(document);
  if (!parsed.success) throw configErrorFromZod(source, parsed.error);
  const raw = parsed.data;
  checkReferences(raw, source);
  const providers = new Map<string, ResolvedProvider>();
  for (const [name, provider] of Object.entries(raw.providers)) {
    providers.set(name, Object.freeze(resolveProvider(name, provider, env, source)));
  }
  const apiKeys: ResolvedApiKey[] = raw.auth.keys.map((key, i) => ({
    id: key.id,
    tenant: key.tenant,
    sha256: key.sha256 ?? sha256Hex(requireEnv(env, key.env ?? '', `auth.keys[${i}].env`, source)),
  }));
  const admin = raw.auth.admin;
  const adminKeySha256 = admin === undefined ? undefined : (admin.sha256 ?? sha256Hex(requireEnv(env, admin.env ?? '', 'auth.admin.env', source)));
  return Object.freeze({
    hash: sha256Hex(stableStringify(raw)),
    source,
    raw: deepFreeze(withoutPrototypes(raw)),
    providers,
    apiKeys: Object.freeze(apiKeys),
    adminKeySha256,
  });
}

function resolveProvider(name: string, provider: ProviderConfig, env: Env, source: string): ResolvedProvider {
  if (provider.type === 'mock') return { name, type: 'mock', models: provider.models };
  const path = `providers.${name}`;
  const baseUrl =
    typeof provider.baseUrl === 'string'
      ? provider.baseUrl
      : (env[provider.baseUrl.env] || provider.baseUrl.default || requireEnv(env, provider.baseUrl.env, `${path}.baseUrl.env`, source));
  try {
    new URL(baseUrl);
  } catch {
    throw new ConfigError(`invalid configuration in ${source}:\n  ${path}.baseUrl: not a URL: ${baseUrl}`);
  }
  let apiKey: string | undefined;
  if (provider.apiKey !== undefined) {
    apiKey = env[provider.apiKey.env] || undefined;
    if (apiKey === undefined && !provider.apiKey.optional) requireEnv(env, provider.apiKey.env, `${path}.apiKey.env`, source);
  }
  return {
    name,
    type: provider.type,
    baseUrl: baseUrl.replace(/\/+$/, ''),
    apiKey,
    anthropicVersion: provider.type === 'anthropic' ? provider.anthropicVersion : '2023-06-01',
    models: provider.models,
    timeoutMs: provider.timeoutMs,
    headers: provider.headers,
    maxConnections: provider.maxConnections,
  };
}

function requireEnv(env: Env, name: string, path: string, source: string): string {
  const value = env[name];
  if (value === undefined || value === '') {
    throw new ConfigError(`invalid configuration in ${source}:\n  ${path}: environment variable ${name} is not set`);
  }
  return value;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** JSON with object keys sorted, so the hash does not depend on key order in the file. */
function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * The same tree with every object rebuilt without a prototype. The config's maps (aliases,
 * chains, cache and policy routes, …) are looked up with names clients type, and a plain
 * object would answer `chains["constructor"]` with what every object inherits: a model named
 * after an Object.prototype member was a 500. Done here, once, so no lookup has to remember.
 */
function withoutPrototypes<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item: unknown) => withoutPrototypes(item)) as T;
  if (value === null || typeof value !== 'object' || value instanceof RegExp) return value;
  const out = Object.create(null) as Record<string, unknown>;
  for (const [key, child] of Object.entries(value)) out[key] = withoutPrototypes(child);
  return out as T;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value as Record<string, unknown>)) deepFreeze(child);
  }
  return value;
}
