import type { AdapterPayload } from 'oidc-provider';
import { describe, expect, it } from 'vitest';
import { describeClient } from './dynamic-registration.js';

const settings = {
  enabled: true,
  allowedTypes: ['web', 'spa', 'native', 'm2m'] as const,
  requireInitialAccessToken: true,
  registrationsPerIpPerHour: 20,
  registrationsPerHour: 200,
};
const allowed = { ...settings, allowedTypes: [...settings.allowedTypes] };

describe('describeClient: RFC 7591 metadata as an application', () => {
  const base = { redirect_uris: ['https://a.example.com/cb'], grant_types: ['authorization_code'] };

  it.each([
    [{ token_endpoint_auth_method: 'client_secret_basic' }, 'web'],
    [{ token_endpoint_auth_method: 'private_key_jwt' }, 'web'],
    [{ token_endpoint_auth_method: 'none' }, 'spa'],
    [{ token_endpoint_auth_method: 'none', application_type: 'native' }, 'native'],
    [{ token_endpoint_auth_method: 'client_secret_basic', grant_types: ['client_credentials'] }, 'm2m'],
  ])('%j is a %s application', (metadata, type) => {
    expect(describeClient({ ...base, ...metadata } as AdapterPayload, allowed).type).toBe(type);
  });

  it('maps the RFC names to the management API fields, with a name when none is given', () => {
    expect(
      describeClient(
        {
          ...base,
          token_endpoint_auth_method: 'none',
          client_uri: 'https://a.example.com',
          contacts: ['x@a.example.com'],
        },
        allowed,
      ),
    ).toMatchObject({
      name: 'Unnamed client',
      redirectUris: ['https://a.example.com/cb'],
      grantTypes: ['authorization_code'],
      tokenEndpointAuthMethod: 'none',
      clientUri: 'https://a.example.com',
      contacts: ['x@a.example.com'],
      logoUri: null,
      scope: null,
    });
  });

  it('refuses types the tenant does not register, and Latchkey properties', () => {
    const webOnly = { ...allowed, allowedTypes: ['web' as const] };
    expect(() => describeClient({ ...base, token_endpoint_auth_method: 'none' }, webOnly)).toThrow(
      expect.objectContaining({
        error: 'invalid_client_metadata',
        error_description: expect.stringMatching(/does not register spa clients/),
      }),
    );
    expect(() =>
      describeClient({ ...base, 'latchkey:management_access': true } as Record<string, unknown>, allowed),
    ).toThrow(
      expect.objectContaining({
        error_description: expect.stringMatching(/latchkey:management_access is set/),
      }),
    );
  });
});
