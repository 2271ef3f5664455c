import { createHash, timingSafeEqual } from 'node:crypto';
import type { ResolvedConfig } from '../config/resolved-config.js';
import { GatewayError } from '../errors/gateway-error.js';

export interface Principal {
  tenant: string;
  /** The key's configured id (never the key); `anonymous` in open mode. */
  keyId: string;
}

export type HeaderBag = Readonly<Record<string, string | string[] | undefined>>;

/**
 * Maps a presented API key (Authorization: Bearer, or x-api-key as Anthropic clients send it)
 * to its tenant. Keys are held only as SHA-256 hashes; a map lookup by hash keeps the check
 * constant-time in the key's content. With no keys configured the gateway runs open.
 */
export class KeyAuthenticator {
  private readonly byHash: ReadonlyMap<string, Principal>;
  private readonly adminHash: Buffer | undefined;

  constructor(config: ResolvedConfig) {
    this.byHash = new Map(config.apiKeys.map((k) => [k.sha256, { tenant: k.tenant, keyId: k.id }]));
    this.adminHash = config.adminKeySha256 === undefined ? undefined : Buffer.from(config.adminKeySha256, 'hex');
  }

  get open(): boolean {
    return this.byHash.size === 0;
  }

  get adminConfigured(): boolean {
    return this.adminHash !== undefined;
  }

  authenticate(headers: HeaderBag): Principal {
    if (this.open) return ANONYMOUS;
    const key = presentedKey(headers);
    if (key === undefined) {
      throw new GatewayError('missing_api_key', 'You didn’t provide an API key. Send it as "Authorization: Bearer <key>" or "x-api-key: <key>".');
    }
    const principal = this.byHash.get(sha256(key).toString('hex'));
    if (principal === undefined) throw new GatewayError('invalid_api_key', 'Incorrect API key provided.');
    return principal;
  }

  /** Whether the headers carry the admin key (or the whole gateway is open). Never throws. */
  isAdmin(headers: HeaderBag): boolean {
    try {
      this.authorizeAdmin(headers);
      return true;
    } catch {
      return false;
    }
  }

  /**
   * Admin endpoints: the admin key when one is configured; open only when the whole
   * gateway is open (no keys at all); otherwise closed, so adding API keys without an admin
   * key never leaves the admin API readable by every tenant.
   */
  authorizeAdmin(headers: HeaderBag): void {
    if (this.adminHash === undefined) {
      if (this.open) return;
      throw new GatewayError('admin_forbidden', 'The admin API is disabled: configure auth.admin to use it.');
    }
    const key = presentedKey(headers);
    if (key === undefined) throw new GatewayError('missing_api_key', 'The admin API needs the admin key.');
    if (!timingSafeEqual(sha256(key), this.adminHash)) throw new GatewayError('admin_forbidden', 'This key is not the admin key.');
  }
}

const ANONYMOUS: Principal = Object.freeze({ tenant: 'anonymous', keyId: 'anonymous' });

function presentedKey(headers: HeaderBag): string | undefined {
  const authorization = headers.authorization;
  if (typeof authorization === 'string' && authorization.length > 7 && authorization.slice(0, 7).toLowerCase() === 'bearer ') {
    return authorization.slice(7).trim() || undefined;
  }
  const apiKey = headers['x-api-key'];
  return typeof apiKey === 'string' && apiKey !== '' ? apiKey : undefined;
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}
