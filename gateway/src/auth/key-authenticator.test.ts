import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../config/load-config.js';
import { KeyAuthenticator } from './key-authenticator.js';

const hash = (s: string) => createHash('sha256').update(s).digest('hex');
const withKeys = resolveConfig(
  {
    providers: { m: { type: 'mock' } },
    auth: { keys: [{ id: 'a1', tenant: 'team-a', sha256: hash('sk-a') }, { id: 'b1', tenant: 'team-b', env: 'B_KEY' }], admin: { env: 'ADMIN' } },
  },
  't',
  { B_KEY: 'sk-b', ADMIN: 'sk-admin' },
);

describe('KeyAuthenticator', () => {
  const auth = new KeyAuthenticator(withKeys);
  it.each([
    [{ authorization: 'Bearer sk-a' }, { tenant: 'team-a', keyId: 'a1' }],
    [{ authorization: 'bearer sk-a' }, { tenant: 'team-a', keyId: 'a1' }],
    [{ 'x-api-key': 'sk-b' }, { tenant: 'team-b', keyId: 'b1' }],
  ])('maps %o to its tenant', (headers, expected) => {
    expect(auth.authenticate(headers)).toEqual(expected);
  });

  it.each([
    [{}, 'missing_api_key'],
    [{ authorization: 'Bearer ' }, 'missing_api_key'],
    [{ authorization: 'Basic abc' }, 'missing_api_key'],
    [{ authorization: 'Bearer sk-wrong' }, 'invalid_api_key'],
    [{ 'x-api-key': 'sk-admin' }, 'invalid_api_key'],
  ])('rejects %o with %s', (headers, code) => {
    expect(() => auth.authenticate(headers)).toThrow(expect.objectContaining({ code, status: 401 }));
  });

  it('checks the admin key', () => {
    expect(() => auth.authorizeAdmin({ authorization: 'Bearer sk-admin' })).not.toThrow();
    expect(() => auth.authorizeAdmin({ authorization: 'Bearer sk-a' })).toThrow(expect.objectContaining({ code: 'admin_forbidden' }));
    expect(() => auth.authorizeAdmin({})).toThrow(expect.objectContaining({ code: 'missing_api_key' }));
  });

  it('runs open with no keys, and closes the admin API when keys exist but no admin key', () => {
    const open = new KeyAuthenticator(resolveConfig({ providers: { m: { type: 'mock' } } }, 't', {}));
    expect(open.authenticate({})).toEqual({ tenant: 'anonymous', keyId: 'anonymous' });
    expect(() => open.authorizeAdmin({})).not.toThrow();
    const noAdmin = new KeyAuthenticator(resolveConfig({ providers: { m: { type: 'mock' } }, auth: { keys: [{ id: 'a', tenant: 't', sha256: hash('k') }] } }, 't', {}));
    expect(() => noAdmin.authorizeAdmin({ authorization: 'Bearer k' })).toThrow(expect.objectContaining({ code: 'admin_forbidden' }));
  });
});
