import { generateKeyPairSync } from 'node:crypto';
import {
  DEVICE_CODE_GRANT,
  type TCreateApplicationRequest,
  TOKEN_EXCHANGE_GRANT,
  ZCreateApplicationRequest,
} from '@latchkey/contracts';
import { describe, expect, it } from 'vitest';
import { formatPath } from '../../platform/http/zod-body.pipe.js';
import { ruleViolations, settingsForCreate, settingsForUpdate } from './application-rules.js';

/** The field paths a create request fails on, contract and type rules together. */
function failures(body: Record<string, unknown>): string[] {
  const parsed = ZCreateApplicationRequest.safeParse(body);
  if (!parsed.success) return parsed.error.issues.map((i) => formatPath(i.path)).sort();
  const request: TCreateApplicationRequest = parsed.data;
  return ruleViolations(request.type, settingsForCreate(request))
    .map((e) => e.path)
    .sort();
}

const publicJwk = () =>
  generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'jwk' }) as Record<
    string,
    unknown
  >;

describe('application defaults', () => {
  it('follow the type', () => {
    const spa = settingsForCreate({ name: 'S', type: 'spa', redirectUris: ['https://app.example.com/cb'] });
    expect(spa).toMatchObject({
      grantTypes: ['authorization_code', 'refresh_token'],
      tokenEndpointAuthMethod: 'none',
      allowedOrigins: ['https://app.example.com'],
      firstParty: true,
      rotateRefreshTokens: true,
      organizationUsage: 'none',
      claimMappings: {},
      accessTokenTtl: null,
    });
    expect(settingsForCreate({ name: 'W', type: 'web' })).toMatchObject({
      tokenEndpointAuthMethod: 'client_secret_basic',
      allowedOrigins: [],
    });
    expect(settingsForCreate({ name: 'M', type: 'm2m' }).grantTypes).toEqual(['client_credentials']);
  });

  it('a PATCH leaving private_key_jwt drops the keys it no longer uses', () => {
    const current = settingsForCreate({
      name: 'W',
      type: 'web',
      redirectUris: ['https://app.example.com/cb'],
      tokenEndpointAuthMethod: 'private_key_jwt',
      jwks: { keys: [{ kty: 'EC' }] },
    });
    const next = settingsForUpdate(current, { tokenEndpointAuthMethod: 'client_secret_post', name: 'W2' });
    expect(next).toMatchObject({ jwks: null, name: 'W2', tokenEndpointAuthMethod: 'client_secret_post' });
  });
});

describe('redirect URIs', () => {
  const spa = (uri: string) => failures({ name: 'x', type: 'spa', redirectUris: [uri] });
  const native = (uri: string) => failures({ name: 'x', type: 'native', redirectUris: [uri] });

  it('spa and web: https, or http on this machine only', () => {
    for (const ok of [
      'https://app.example.com/callback',
      'https://app.example.com:8443/cb?x=1',
      'http://localhost:3000/cb',
      'http://127.0.0.1/cb',
      'http://[::1]:8080/cb',
    ]) {
      expect(spa(ok), ok).toEqual([]);
      expect(failures({ name: 'x', type: 'web', redirectUris: [ok] }), ok).toEqual([]);
    }
    for (const bad of ['http://app.example.com/cb', 'com.example.app:/cb', 'ftp://example.com/x']) {
      expect(spa(bad), bad).toEqual(['redirectUris[0]']);
    }
  });

  it('are exact: no wildcard, no fragment, no spaces, absolute, no user info', () => {
    for (const bad of [
      'https://*.example.com/cb',
      'https://app.example.com/*',
      'https://app.example.com/cb#frag',
      'https://app.example.com/c b',
      '/relative/callback',
      'app.example.com/cb',
      'https://user:pw@app.example.com/cb',
      '',
    ]) {
      expect(spa(bad), bad).toEqual(['redirectUris[0]']);
    }
    expect(
      failures({ name: 'x', type: 'spa', redirectUris: ['https://a.example/cb', 'https://a.example/cb'] }),
    ).toEqual(['redirectUris']);
  });

  it('native: RFC 8252 private-use schemes, loopback IPs, claimed https', () => {
    for (const ok of [
      'com.example.app:/callback',
      'com.example.app://callback',
      'http://127.0.0.1/callback',
      'http://127.0.0.1:51004/callback',
      'http://[::1]/callback',
      'https://app.example.com/native-callback',
    ]) {
      expect(native(ok), ok).toEqual([]);
    }
    for (const bad of [
      'myapp:/callback', // no reverse domain
      'com.example.app:/',
      'http://localhost/callback', // RFC 8252 §8.3
      'http://app.example.com/callback',
      'https://127.0.0.1/callback',
      'javascript:alert(1)',
    ]) {
      expect(native(bad), bad).toEqual(['redirectUris[0]']);
    }
  });

  it('are required with authorization_code and refused without it', () => {
    expect(failures({ name: 'x', type: 'spa' })).toEqual(['redirectUris']);
    expect(failures({ name: 'x', type: 'm2m', redirectUris: ['https://a.example/cb'] })).toEqual([
      'redirectUris',
    ]);
    expect(failures({ name: 'x', type: 'native', grantTypes: [DEVICE_CODE_GRANT] })).toEqual([]);
  });
});

describe('grants and client authentication', () => {
  const web = { name: 'x', type: 'web', redirectUris: ['https://a.example/cb'] };

  it('each type has its own grants', () => {
    expect(
      failures({ ...web, grantTypes: ['authorization_code', TOKEN_EXCHANGE_GRANT, DEVICE_CODE_GRANT] }),
    ).toEqual([]);
    expect(failures({ ...web, grantTypes: ['authorization_code', 'client_credentials'] })).toEqual([
      'grantTypes[1]',
    ]);
    expect(failures({ ...web, grantTypes: ['refresh_token'] })).toEqual(['grantTypes']);
    expect(failures({ name: 'x', type: 'm2m', grantTypes: ['authorization_code'] }).sort()).toEqual([
      'grantTypes[0]',
    ]);
    expect(
      failures({ ...web, type: 'spa', grantTypes: ['authorization_code', TOKEN_EXCHANGE_GRANT] }),
    ).toEqual(['grantTypes[1]']);
  });

  it('public clients use none; confidential ones a secret or private_key_jwt with public keys', () => {
    expect(failures({ ...web, type: 'spa', tokenEndpointAuthMethod: 'client_secret_basic' })).toEqual([
      'tokenEndpointAuthMethod',
    ]);
    expect(failures({ ...web, tokenEndpointAuthMethod: 'none' })).toEqual(['tokenEndpointAuthMethod']);
    expect(failures({ ...web, tokenEndpointAuthMethod: 'private_key_jwt' })).toEqual(['jwks']);
    expect(
      failures({ ...web, tokenEndpointAuthMethod: 'private_key_jwt', jwks: { keys: [publicJwk()] } }),
    ).toEqual([]);
    expect(failures({ ...web, jwks: { keys: [publicJwk()] } })).toEqual(['jwks']);
    expect(
      failures({
        ...web,
        tokenEndpointAuthMethod: 'private_key_jwt',
        jwks: { keys: [{ kty: 'EC', crv: 'P-256' }] },
      }),
    ).toEqual(['jwks.keys[0]']);
    const privateKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({
      format: 'jwk',
    });
    expect(
      failures({ ...web, tokenEndpointAuthMethod: 'private_key_jwt', jwks: { keys: [privateKey] } }),
    ).toEqual(['jwks.keys[0].d']);
  });

  it('public clients must rotate refresh tokens', () => {
    expect(failures({ ...web, type: 'spa', rotateRefreshTokens: false })).toEqual(['rotateRefreshTokens']);
    expect(failures({ ...web, rotateRefreshTokens: false })).toEqual([]);
  });
});

describe('m2m applications', () => {
  it('refuse everything about users, browsers and sessions', () => {
    expect(
      failures({
        name: 'x',
        type: 'm2m',
        postLogoutRedirectUris: ['https://a.example/bye'],
        allowedOrigins: ['https://a.example'],
        backchannelLogoutUri: 'https://a.example/logout',
        idTokenTtl: 600,
        refreshTokenTtl: 600,
        organizationUsage: 'optional',
        claimMappings: { plan: 'publicMetadata.plan' },
      }),
    ).toEqual([
      'allowedOrigins',
      'backchannelLogoutUri',
      'claimMappings',
      'idTokenTtl',
      'organizationUsage',
      'postLogoutRedirectUris',
      'refreshTokenTtl',
    ]);
    expect(failures({ name: 'x', type: 'm2m', accessTokenTtl: 600 })).toEqual([]);
  });
});

describe('field rules of the contract', () => {
  const spa = { name: 'x', type: 'spa', redirectUris: ['https://a.example/cb'] };

  it('origins are scheme, host and port only', () => {
    expect(
      failures({ ...spa, allowedOrigins: ['https://App.Example.com', 'http://localhost:5173'] }),
    ).toEqual([]);
    for (const bad of [
      'https://app.example.com/',
      'https://app.example.com/path',
      'https://app.example.com:443',
      'http://app.example.com',
      'https://*.example.com',
      'app.example.com',
    ]) {
      expect(failures({ ...spa, allowedOrigins: [bad] }), bad).toEqual(['allowedOrigins[0]']);
    }
  });

  it('token lifetimes have bounds', () => {
    expect(failures({ ...spa, accessTokenTtl: 60, idTokenTtl: 86_400, refreshTokenTtl: 31_536_000 })).toEqual(
      [],
    );
    expect(failures({ ...spa, accessTokenTtl: 59, idTokenTtl: 86_401, refreshTokenTtl: 31_536_001 })).toEqual(
      ['accessTokenTtl', 'idTokenTtl', 'refreshTokenTtl'],
    );
    expect(failures({ ...spa, accessTokenTtl: 60.5 })).toEqual(['accessTokenTtl']);
  });

  it('claim mappings: safe fields only, never a registered claim', () => {
    expect(
      failures({
        ...spa,
        claimMappings: {
          plan: 'publicMetadata.plan',
          'https://example.com/tier': 'attributes.tier',
          handle: 'username',
          deep: 'publicMetadata.a.b.c',
        },
      }),
    ).toEqual([]);
    for (const reserved of [
      'sub',
      'iss',
      'aud',
      'exp',
      'nonce',
      'azp',
      'org_id',
      'permissions',
      'email',
      'latchkey_x',
    ]) {
      expect(failures({ ...spa, claimMappings: { [reserved]: 'username' } }), reserved).toEqual([
        `claimMappings.${reserved}`,
      ]);
    }
    for (const path of [
      'privateMetadata.plan',
      'passwordHash',
      'publicMetadata',
      'publicMetadata.__proto__',
      'id',
    ]) {
      expect(failures({ ...spa, claimMappings: { x: path } }), path).toEqual(['claimMappings.x']);
    }
    expect(failures({ ...spa, claimMappings: { '1bad': 'username' } })).toEqual(['claimMappings.1bad']);
  });

  it('the back-channel logout URI is https, or http on this machine', () => {
    expect(failures({ ...spa, backchannelLogoutUri: 'http://localhost:4000/logout' })).toEqual([]);
    expect(failures({ ...spa, backchannelLogoutUri: 'http://app.example.com/logout' })).toEqual([
      'backchannelLogoutUri',
    ]);
  });
});
