import type { GatewayConfig } from './schema.js';

/** A provider with its secrets and URLs read from the environment. */
export type ResolvedProvider =
  | {
      name: string;
      type: 'openai' | 'anthropic';
      baseUrl: string;
      apiKey: string | undefined;
      anthropicVersion: string;
      models: readonly string[] | undefined;
      timeoutMs: number;
      headers: Readonly<Record<string, string>>;
      maxConnections: number;
    }
  | { name: string; type: 'mock'; models: readonly string[] | undefined };

export interface ResolvedApiKey {
  id: string;
  tenant: string;
  /** Hex SHA-256 of the key. */
  sha256: string;
}

/** The validated, frozen configuration the gateway runs on. */
export interface ResolvedConfig {
  /** SHA-256 of the validated config (secrets are env references, so no secret is hashed). */
  hash: string;
  /** Where it came from: a file path or `environment`. */
  source: string;
  raw: GatewayConfig;
  providers: ReadonlyMap<string, ResolvedProvider>;
  apiKeys: readonly ResolvedApiKey[];
  adminKeySha256: string | undefined;
}
