import { describe, expect, it } from 'vitest';
import type { ApplicationRow } from './applications.repository.js';
import { toOidcClientRecord } from './oidc-client-metadata.js';

const row = (fields: Partial<ApplicationRow>): ApplicationRow => ({
  tenantId: '00000000-0000-4000-8000-000000000001',
  id: '00000000-0000-4000-8000-000000000002',
  clientId: 'abcdefghijklmnopqrstuvwx',
  name: 'App',
  description: null,
  type: 'web',
  redirectUris: ['https://app.example.com/cb'],
  postLogoutRedirectUris: [],
  allowedOrigins: [],
  grantTypes: ['authorization_code', 'refresh_token'],
  tokenEndpointAuthMethod: 'client_secret_basic',
  jwks: null,
  backchannelLogoutUri: null,
  clientUri: null,
  logoUri: null,
  policyUri: null,
  tosUri: null,
  firstParty: true,
  accessTokenTtl: null,
  idTokenTtl: null,
  refreshTokenTtl: null,
  rotateRefreshTokens: true,
  claimMappings: {},
  organizationUsage: 'none',
  managementAccess: false,
  registration: null,
  createdAt: new Date(),
  updatedAt: new Date(),
  ...fields,
});

describe('toOidcClientRecord', () => {
  it('a web client gets its newest secret; every valid one is listed, with the first expiry', () => {
    const soon = new Date(Date.now() + 60_000);
    const record = toOidcClientRecord(row({ backchannelLogoutUri: 'https://app.example.com/bc' }), [
      { secret: 'new', expiresAt: null },
      { secret: 'old', expiresAt: soon },
    ]);
    expect(record.metadata).toMatchObject({
      client_id: 'abcdefghijklmnopqrstuvwx',
      client_name: 'App',
      application_type: 'web',
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
      client_secret: 'new',
      backchannel_logout_uri: 'https://app.example.com/bc',
      backchannel_logout_session_required: true,
      'latchkey:type': 'web',
      'latchkey:access_token_ttl': null,
      'latchkey:claim_mappings': {},
    });
    expect(record.secrets).toEqual(['new', 'old']);
    expect(record.validUntil).toEqual(soon);
  });

  it('public and private_key_jwt clients carry no secret; m2m has no response types', () => {
    const spa = toOidcClientRecord(row({ type: 'spa', tokenEndpointAuthMethod: 'none' }), [
      { secret: 'x', expiresAt: null },
    ]);
    expect(spa.metadata).not.toHaveProperty('client_secret');
    expect(spa.secrets).toEqual([]);
    expect(spa.metadata.application_type).toBe('web');
    const jwks = { keys: [{ kty: 'EC', crv: 'P-256', x: 'x', y: 'y' }] };
    const signed = toOidcClientRecord(row({ tokenEndpointAuthMethod: 'private_key_jwt', jwks }), []);
    expect(signed.metadata).toMatchObject({ jwks, token_endpoint_auth_method: 'private_key_jwt' });
    const m2m = toOidcClientRecord(
      row({ type: 'm2m', grantTypes: ['client_credentials'], redirectUris: [] }),
      [{ secret: 's', expiresAt: null }],
    );
    expect(m2m.metadata).toMatchObject({
      response_types: [],
      redirect_uris: [],
      client_secret: 's',
      'latchkey:api_access': {},
    });
    const granted = { 'https://api.example.com': ['read:things'] };
    expect(
      toOidcClientRecord(
        row({ type: 'm2m', grantTypes: ['client_credentials'], redirectUris: [] }),
        [],
        granted,
      ).metadata['latchkey:api_access'],
    ).toEqual(granted);
    expect(m2m.validUntil).toBeUndefined();
    const native = toOidcClientRecord(row({ type: 'native', tokenEndpointAuthMethod: 'none' }), []);
    expect(native.metadata.application_type).toBe('native');
  });
});
