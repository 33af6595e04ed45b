import type { Client } from 'oidc-provider';
import { describe, expect, it } from 'vitest';
import { displayUris, latchkeyClient } from './client-properties.js';

const client = (metadata: Record<string, unknown>) => metadata as unknown as Client;

describe('latchkeyClient', () => {
  it("reads an m2m application's API access", () => {
    const access = { 'https://api.example.com': ['read:things'], 'urn:example:empty': [] };
    expect(latchkeyClient(client({ 'latchkey:api_access': access })).apiAccess).toEqual(access);
  });

  it('grants nothing when the API access is absent or malformed', () => {
    expect(latchkeyClient(undefined).apiAccess).toEqual({});
    expect(latchkeyClient(client({})).apiAccess).toEqual({});
    for (const odd of [null, 'x', ['https://api.example.com']]) {
      expect(latchkeyClient(client({ 'latchkey:api_access': odd })).apiAccess).toEqual({});
    }
    const mixed = {
      'https://a.example': ['read:a'],
      'https://b.example': 'read:b',
      'https://c.example': [1],
    };
    expect(latchkeyClient(client({ 'latchkey:api_access': mixed })).apiAccess).toEqual({
      'https://a.example': ['read:a'],
    });
  });
});

describe('displayUris', () => {
  it('passes https URIs only', () => {
    expect(
      displayUris(
        client({
          logoUri: 'https://agent.example.com/logo.png',
          clientUri: 'http://localhost:4000/',
          policyUri: 'javascript:alert(1)',
          tosUri: 'not a url',
        }),
      ),
    ).toEqual({ logoUri: 'https://agent.example.com/logo.png' });
    expect(displayUris(client({}))).toEqual({});
  });
});
