import { generateKeyPairSync } from 'node:crypto';
import { ZApplicationList, ZApplicationSecretList } from '@latchkey/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplicationsService } from '../../src/modules/applications/applications.service.js';
import { LatchkeyProcess, runToExit } from '../support/api-process.js';
import { applicationsOfNewTenant, applicationsService, newMasterKey } from '../support/applications.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { errorPaths, ManagementFixture, problemCode, problemOf } from '../support/management.js';
import { freePort } from '../support/ports.js';

let db: TestDatabase;
let api: LatchkeyProcess;
let fixture: ManagementFixture;
let service: ApplicationsService;
/** Shared by the server, the CLI and the in-process service, so each opens what the others sealed. */
const masterKey = newMasterKey();

beforeAll(async () => {
  db = await createTestDatabase('applications');
  api = await LatchkeyProcess.startApi(
    { DATABASE_URL: db.url, LATCHKEY_MASTER_KEY: masterKey },
    await freePort(),
  );
  fixture = ManagementFixture.open(db.url, api.baseUrl);
  service = applicationsService(fixture.prisma, masterKey);
});

afterAll(async () => {
  await fixture?.close();
  await api?.stop();
  await db?.drop();
});

/** Each test works in a tenant of its own, so none depends on another's data or order. */
const tenant = (slug: string) => applicationsOfNewTenant(fixture, slug);
const MISSING = '00000000-0000-4000-8000-000000000000';
const SPA = { name: 'Shop', type: 'spa', redirectUris: ['https://shop.example.com/callback'] };
const WEB = { name: 'Portal', type: 'web', redirectUris: ['https://portal.example.com/callback'] };
const NATIVE = { name: 'Phone', type: 'native', redirectUris: ['com.example.phone:/callback'] };
const M2M = { name: 'Billing job', type: 'm2m' };

/** Everything stored about a tenant's applications and audit trail, as text, read as the database owner. */
async function everythingStored(tenantId: string): Promise<string> {
  const rows = await fixture.prisma.$queryRaw<Array<{ row: unknown }>>`
    SELECT row_to_json(a)::text AS row FROM applications a WHERE tenant_id = ${tenantId}::uuid
    UNION ALL SELECT row_to_json(s)::text FROM application_secrets s WHERE tenant_id = ${tenantId}::uuid
    UNION ALL SELECT row_to_json(e)::text FROM audit_events e WHERE tenant_id = ${tenantId}::uuid`;
  return rows.map((r) => String(r.row)).join('\n');
}

describe('creating applications', () => {
  it('gives each type its defaults; a confidential one its secret, shown once and never again', async () => {
    const t = await tenant('apps-create');
    const spa = await t.create(SPA);
    expect(spa).toMatchObject({
      type: 'spa',
      tokenEndpointAuthMethod: 'none',
      grantTypes: ['authorization_code', 'refresh_token'],
      allowedOrigins: ['https://shop.example.com'],
      firstParty: true,
      rotateRefreshTokens: true,
      organizationUsage: 'none',
      accessTokenTtl: null,
      clientSecret: null,
    });
    expect(spa.clientId).toMatch(/^[A-Za-z0-9]{24}$/);
    expect((await t.create(NATIVE)).clientSecret).toBeNull();
    const web = await t.create(WEB);
    expect(web).toMatchObject({ tokenEndpointAuthMethod: 'client_secret_basic', allowedOrigins: [] });
    const m2m = await t.create(M2M);
    expect(m2m).toMatchObject({ grantTypes: ['client_credentials'], redirectUris: [] });

    for (const app of [web, m2m]) {
      const secret = app.clientSecret ?? '';
      expect(secret).toMatch(/^[A-Za-z0-9]{43}$/);
      const got = await t.request('GET', `/applications/${app.id}`);
      expect(JSON.stringify(got.body)).not.toContain(secret);
      expect(got.body).not.toHaveProperty('clientSecret');
      const secrets = ZApplicationSecretList.parse(
        (await t.request('GET', `/applications/${app.id}/secrets`)).body,
      );
      expect(secrets.data).toEqual([expect.objectContaining({ hint: secret.slice(-4), expiresAt: null })]);
      expect(JSON.stringify(secrets)).not.toContain(secret);
      // The OIDC provider gets it back, unsealed.
      const record = await service.clientMetadata(t.tenantId, app.clientId);
      expect(record?.secrets).toEqual([secret]);
      expect(record?.metadata.client_secret).toBe(secret);
    }
    const list = await t.request('GET', '/applications');
    expect(ZApplicationList.parse(list.body).data).toHaveLength(4);
    const listed = JSON.stringify(list.body);
    const stored = await everythingStored(t.tenantId);
    for (const secret of [web.clientSecret, m2m.clientSecret]) {
      expect(listed).not.toContain(secret);
      // Sealed at rest; and never in the audit trail.
      expect(stored).not.toContain(secret);
    }
    expect(stored).toContain(web.clientId);
  });

  it('keeps what the request sets', async () => {
    const t = await tenant('apps-full');
    const jwk = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'jwk' });
    const web = await t.create({
      ...WEB,
      description: 'Customer portal',
      postLogoutRedirectUris: ['https://portal.example.com/bye'],
      allowedOrigins: ['https://Portal.Example.com'],
      grantTypes: ['authorization_code', 'urn:ietf:params:oauth:grant-type:token-exchange'],
      tokenEndpointAuthMethod: 'private_key_jwt',
      jwks: { keys: [jwk] },
      backchannelLogoutUri: 'https://portal.example.com/backchannel',
      firstParty: false,
      accessTokenTtl: 600,
      idTokenTtl: 300,
      refreshTokenTtl: 2_592_000,
      rotateRefreshTokens: false,
      organizationUsage: 'required',
      claimMappings: { plan: 'publicMetadata.plan', 'https://example.com/tier': 'attributes.tier' },
    });
    expect(web).toMatchObject({
      description: 'Customer portal',
      allowedOrigins: ['https://portal.example.com'],
      tokenEndpointAuthMethod: 'private_key_jwt',
      jwks: { keys: [jwk] },
      clientSecret: null,
      organizationUsage: 'required',
      refreshTokenTtl: 2_592_000,
    });
    const record = await service.clientMetadata(t.tenantId, web.clientId);
    expect(record?.metadata).toMatchObject({
      client_id: web.clientId,
      application_type: 'web',
      token_endpoint_auth_method: 'private_key_jwt',
      jwks: { keys: [jwk] },
      backchannel_logout_uri: 'https://portal.example.com/backchannel',
      backchannel_logout_session_required: true,
      'latchkey:first_party': false,
      'latchkey:access_token_ttl': 600,
      'latchkey:organization_usage': 'required',
      'latchkey:claim_mappings': {
        plan: 'publicMetadata.plan',
        'https://example.com/tier': 'attributes.tier',
      },
    });
    expect(record?.secrets).toEqual([]);
    expect(await service.clientMetadata(t.tenantId, 'no-such-client')).toBeUndefined();
  });
});

describe('validation', () => {
  const expectFields = async (
    t: Awaited<ReturnType<typeof tenant>>,
    body: Record<string, unknown>,
    paths: string[],
    label = JSON.stringify(body),
  ) => {
    const res = await t.request('POST', '/applications', body);
    expect(res.status, label).toBe(400);
    expect(problemCode(res), label).toBe('validation-failed');
    expect(errorPaths(res), label).toEqual(paths);
  };

  it('refuses redirect URIs a type may not use, with the failing path', async () => {
    const t = await tenant('apps-uris');
    for (const type of ['spa', 'web']) {
      for (const uri of ['http://app.example.com/cb', 'com.example.app:/cb']) {
        await expectFields(t, { name: 'x', type, redirectUris: ['https://ok.example.com/cb', uri] }, [
          'redirectUris[1]',
        ]);
      }
    }
    for (const uri of [
      'myapp:/callback',
      'http://localhost/callback',
      'http://app.example.com/cb',
      'https://127.0.0.1/cb',
    ]) {
      await expectFields(t, { name: 'x', type: 'native', redirectUris: [uri] }, ['redirectUris[0]'], uri);
    }
    await expectFields(t, { ...M2M, redirectUris: ['https://app.example.com/cb'] }, ['redirectUris']);
    await expectFields(t, { name: 'x', type: 'spa' }, ['redirectUris']);
    const problem = problemOf(
      await t.request('POST', '/applications', { name: 'x', type: 'native', redirectUris: ['myapp:/cb'] }),
    );
    expect(problem.errors?.[0]?.message).toMatch(/reverse domain/);
  });

  it('accepts native loopback, private-use and claimed https redirect URIs', async () => {
    const t = await tenant('apps-native');
    const app = await t.create({
      name: 'CLI',
      type: 'native',
      redirectUris: [
        'http://127.0.0.1/callback',
        'http://[::1]/callback',
        'com.example.cli:/callback',
        'https://cli.example.com/callback',
      ],
      grantTypes: ['authorization_code', 'refresh_token', 'urn:ietf:params:oauth:grant-type:device_code'],
    });
    expect(app.redirectUris).toHaveLength(4);
    const record = await service.clientMetadata(t.tenantId, app.clientId);
    expect(record?.metadata).toMatchObject({
      application_type: 'native',
      token_endpoint_auth_method: 'none',
    });
  });

  it('refuses wildcards, fragments, bad origins, lifetimes out of range and reserved claims', async () => {
    const t = await tenant('apps-fields');
    await expectFields(t, { ...SPA, redirectUris: ['https://*.example.com/cb'] }, ['redirectUris[0]']);
    await expectFields(t, { ...SPA, redirectUris: ['https://app.example.com/cb#x'] }, ['redirectUris[0]']);
    await expectFields(t, { ...SPA, postLogoutRedirectUris: ['https://app.example.com/*'] }, [
      'postLogoutRedirectUris[0]',
    ]);
    await expectFields(t, { ...SPA, allowedOrigins: ['https://app.example.com/path'] }, [
      'allowedOrigins[0]',
    ]);
    await expectFields(t, { ...SPA, allowedOrigins: ['http://app.example.com'] }, ['allowedOrigins[0]']);
    await expectFields(t, { ...SPA, accessTokenTtl: 59, idTokenTtl: 86_401, refreshTokenTtl: 31_536_001 }, [
      'accessTokenTtl',
      'idTokenTtl',
      'refreshTokenTtl',
    ]);
    await expectFields(t, { ...SPA, claimMappings: { sub: 'username', plan: 'privateMetadata.plan' } }, [
      'claimMappings.plan',
      'claimMappings.sub',
    ]);
    await expectFields(t, { ...SPA, tokenEndpointAuthMethod: 'client_secret_basic' }, [
      'tokenEndpointAuthMethod',
    ]);
    await expectFields(t, { ...WEB, tokenEndpointAuthMethod: 'private_key_jwt' }, ['jwks']);
    await expectFields(t, { ...M2M, grantTypes: ['client_credentials', 'refresh_token'] }, ['grantTypes[1]']);
    await expectFields(t, { ...SPA, type: 'desktop' }, ['type']);
    await expectFields(t, { ...SPA, name: 'a\u0000b' }, ['name']);
    await expectFields(t, { type: 'spa' }, ['name']);
  });
});

describe('consent screen links', () => {
  it('keeps the logo, home page, policy and terms URIs, serves them to the provider, and clears them', async () => {
    const t = await tenant('apps-display');
    const uris = {
      logoUri: 'https://partner.example.com/logo.png',
      clientUri: 'https://partner.example.com/',
      policyUri: 'https://partner.example.com/privacy',
      tosUri: 'https://partner.example.com/terms',
    };
    const web = await t.create({ ...WEB, firstParty: false, ...uris });
    expect(web).toMatchObject(uris);
    expect((await service.clientMetadata(t.tenantId, web.clientId))?.metadata).toMatchObject({
      logo_uri: uris.logoUri,
      client_uri: uris.clientUri,
      policy_uri: uris.policyUri,
      tos_uri: uris.tosUri,
    });
    const plain = await t.create(SPA);
    expect(plain).toMatchObject({ logoUri: null, clientUri: null, policyUri: null, tosUri: null });
    expect((await service.clientMetadata(t.tenantId, plain.clientId))?.metadata).not.toHaveProperty(
      'logo_uri',
    );

    const cleared = await t.request('PATCH', `/applications/${web.id}`, { logoUri: null, tosUri: null });
    expect(cleared.body).toMatchObject({ logoUri: null, tosUri: null, policyUri: uris.policyUri });
    const bad = await t.request('PATCH', `/applications/${web.id}`, {
      logoUri: 'http://partner.example.com/logo.png',
      policyUri: 'javascript:alert(1)',
    });
    expect(bad.status).toBe(400);
    expect(errorPaths(bad).sort()).toEqual(['logoUri', 'policyUri']);
  });
});

describe('updating', () => {
  it('changes what is sent, checks the result against the stored type, and never changes the type', async () => {
    const t = await tenant('apps-update');
    const spa = await t.create(SPA);
    const res = await t.request('PATCH', `/applications/${spa.id}`, {
      name: 'Shop 2',
      redirectUris: ['https://shop.example.com/callback', 'http://localhost:5173/callback'],
      accessTokenTtl: 900,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      name: 'Shop 2',
      accessTokenTtl: 900,
      allowedOrigins: ['https://shop.example.com'],
      clientId: spa.clientId,
    });
    const typed = await t.request('PATCH', `/applications/${spa.id}`, { type: 'web' });
    expect(typed.status).toBe(400);
    expect(errorPaths(typed)).toEqual(['type']);
    const secretive = await t.request('PATCH', `/applications/${spa.id}`, {
      tokenEndpointAuthMethod: 'client_secret_basic',
    });
    expect(errorPaths(secretive)).toEqual(['tokenEndpointAuthMethod']);
    expect(errorPaths(await t.request('PATCH', `/applications/${spa.id}`, { redirectUris: [] }))).toEqual([
      'redirectUris',
    ]);
    expect(errorPaths(await t.request('PATCH', `/applications/${spa.id}`, { accessTokenTtl: 10 }))).toEqual([
      'accessTokenTtl',
    ]);
    const cleared = await t.request('PATCH', `/applications/${spa.id}`, {
      accessTokenTtl: null,
      description: null,
    });
    expect(cleared.body).toMatchObject({ accessTokenTtl: null, name: 'Shop 2', type: 'spa' });
  });

  it('switching to a client secret needs a valid one: rotate first', async () => {
    const t = await tenant('apps-switch');
    const jwk = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'jwk' });
    const web = await t.create({ ...WEB, tokenEndpointAuthMethod: 'private_key_jwt', jwks: { keys: [jwk] } });
    const refused = await t.request('PATCH', `/applications/${web.id}`, {
      tokenEndpointAuthMethod: 'client_secret_post',
    });
    expect(refused.status).toBe(409);
    expect(problemCode(refused)).toBe('client-secret-required');
    const { clientSecret } = await t.rotate(web.id);
    const switched = await t.request('PATCH', `/applications/${web.id}`, {
      tokenEndpointAuthMethod: 'client_secret_post',
    });
    expect(switched.status, JSON.stringify(switched.body)).toBe(200);
    expect(switched.body).toMatchObject({ jwks: null, tokenEndpointAuthMethod: 'client_secret_post' });
    expect((await service.clientMetadata(t.tenantId, web.clientId))?.metadata.client_secret).toBe(
      clientSecret,
    );
  });
});

describe('secret rotation', () => {
  it('keeps the previous secret valid for the overlap, then 0 revokes at once', async () => {
    const t = await tenant('apps-rotate');
    const app = await t.create(M2M);
    const first = app.clientSecret as string;
    const before = Date.now();
    const rotated = await t.rotate(app.id, { overlapSeconds: 3600 });
    expect(rotated.clientId).toBe(app.clientId);
    expect(rotated.clientSecret).toMatch(/^[A-Za-z0-9]{43}$/);
    expect(rotated.clientSecret).not.toBe(first);
    expect(rotated.secrets).toHaveLength(2);
    expect(rotated.secrets[0]).toMatchObject({ hint: rotated.clientSecret.slice(-4), expiresAt: null });
    const overlapEnd = Date.parse(rotated.secrets[1]?.expiresAt ?? '');
    expect(overlapEnd).toBeGreaterThanOrEqual(before + 3_600_000 - 1000);
    expect(overlapEnd).toBeLessThanOrEqual(Date.now() + 3_600_000 + 1000);

    const during = await service.clientMetadata(t.tenantId, app.clientId);
    expect(during?.secrets).toEqual([rotated.clientSecret, first]);
    expect(during?.metadata.client_secret).toBe(rotated.clientSecret);
    expect(during?.validUntil?.getTime()).toBe(overlapEnd);

    // The default overlap is a day; an earlier expiry is never pushed back.
    const again = await t.rotate(app.id);
    expect(again.secrets).toHaveLength(3);
    expect(Date.parse(again.secrets[1]?.expiresAt ?? '')).toBeGreaterThan(Date.now() + 86_400_000 - 60_000);
    expect(Date.parse(again.secrets[2]?.expiresAt ?? '')).toBe(overlapEnd);

    const revoked = await t.rotate(app.id, { overlapSeconds: 0 });
    expect(revoked.secrets).toEqual([expect.objectContaining({ expiresAt: null })]);
    expect((await service.clientMetadata(t.tenantId, app.clientId))?.secrets).toEqual([revoked.clientSecret]);
    const listed = ZApplicationSecretList.parse(
      (await t.request('GET', `/applications/${app.id}/secrets`)).body,
    );
    expect(listed.data.map((s) => s.id)).toEqual([revoked.secrets[0]?.id]);
    expect(await fixture.prisma.applicationSecret.count({ where: { applicationId: app.id } })).toBe(1);
    const stored = await everythingStored(t.tenantId);
    for (const secret of [first, rotated.clientSecret, again.clientSecret, revoked.clientSecret]) {
      expect(stored).not.toContain(secret);
    }
  });

  it('never accepts an expired secret', async () => {
    const t = await tenant('apps-expired');
    const app = await t.create(WEB);
    await t.rotate(app.id, { overlapSeconds: 3600 });
    await fixture.prisma.applicationSecret.updateMany({
      where: { applicationId: app.id, expiresAt: { not: null } },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect((await service.clientMetadata(t.tenantId, app.clientId))?.secrets).toHaveLength(1);
    const listed = ZApplicationSecretList.parse(
      (await t.request('GET', `/applications/${app.id}/secrets`)).body,
    );
    expect(listed.data).toHaveLength(1);
  });

  it('refuses public clients and overlaps out of range', async () => {
    const t = await tenant('apps-rotate-bad');
    const spa = await t.create(SPA);
    const res = await t.request('POST', `/applications/${spa.id}/secrets/rotate`, {});
    expect(res.status).toBe(409);
    expect(problemCode(res)).toBe('application-public-client');
    const app = await t.create(M2M);
    for (const overlapSeconds of [-1, 2_592_001, 1.5, '60']) {
      const bad = await t.request('POST', `/applications/${app.id}/secrets/rotate`, { overlapSeconds });
      expect(errorPaths(bad), String(overlapSeconds)).toEqual(['overlapSeconds']);
    }
    expect(
      ZApplicationSecretList.parse((await t.request('GET', `/applications/${spa.id}/secrets`)).body).data,
    ).toEqual([]);
  });
});

describe('deleting, reading and listing', () => {
  it('deletes an application with its secrets; the OIDC provider no longer finds it', async () => {
    const t = await tenant('apps-delete');
    const app = await t.create(WEB);
    expect((await t.request('DELETE', `/applications/${app.id}`)).status).toBe(204);
    expect((await t.request('GET', `/applications/${app.id}`)).status).toBe(404);
    expect((await t.request('DELETE', `/applications/${app.id}`)).status).toBe(404);
    expect((await t.request('GET', `/applications/${app.id}/secrets`)).status).toBe(404);
    expect(await service.clientMetadata(t.tenantId, app.clientId)).toBeUndefined();
    expect(await fixture.prisma.applicationSecret.count({ where: { applicationId: app.id } })).toBe(0);
  });

  it('answers 404 for ids that are not UUIDs and for unknown ones', async () => {
    const t = await tenant('apps-missing');
    for (const id of ['not-a-uuid', MISSING]) {
      for (const [method, path, body] of [
        ['GET', ''],
        ['PATCH', '', { name: 'x' }],
        ['DELETE', ''],
        ['GET', '/secrets'],
        ['POST', '/secrets/rotate', {}],
      ] as const) {
        const res = await t.request(method, `/applications/${id}${path}`, body);
        expect(res.status, `${method} ${id}${path}`).toBe(404);
        expect(problemCode(res)).toBe('not-found');
      }
    }
  });

  it('lists by name in pages, searches name and client id, filters by type', async () => {
    const t = await tenant('apps-list');
    const created = [];
    for (const [name, body] of [
      ['Delta', M2M],
      ['alpha', SPA],
      ['Charlie', WEB],
      ['Bravo', NATIVE],
      ['Bravo', M2M],
    ] as const) {
      created.push(await t.create({ ...body, name }));
    }
    const names: string[] = [];
    let cursor: string | undefined;
    do {
      const res = await t.request('GET', `/applications?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      const page = ZApplicationList.parse(res.body);
      expect(page.data.length).toBeLessThanOrEqual(2);
      names.push(...page.data.map((a) => a.name));
      cursor = page.nextCursor;
    } while (cursor);
    expect(names).toHaveLength(5);
    expect([...names].sort()).toEqual(['Bravo', 'Bravo', 'Charlie', 'Delta', 'alpha']);
    const search = async (query: string) =>
      ZApplicationList.parse((await t.request('GET', `/applications?${query}`)).body).data.map((a) => a.id);
    expect(await search('q=bRaV')).toHaveLength(2);
    const charlie = created[2];
    expect(await search(`q=${charlie?.clientId.slice(3, 15)}`)).toEqual([charlie?.id]);
    expect((await search('type=m2m')).sort()).toEqual([created[0]?.id, created[4]?.id].sort());
    expect(await search('q=bravo&type=native')).toEqual([created[3]?.id]);
    expect(await search('q=%25')).toEqual([]);
    expect(errorPaths(await t.request('GET', '/applications?type=desktop'))).toEqual(['type']);
    expect(errorPaths(await t.request('GET', '/applications?cursor=nope'))).toEqual(['cursor']);
  });

  it('audits every change, never with a secret', async () => {
    const t = await tenant('apps-audit');
    const app = await t.create(M2M);
    await t.request('PATCH', `/applications/${app.id}`, { name: 'Renamed', accessTokenTtl: 120 });
    const rotated = await t.rotate(app.id, { overlapSeconds: 0 });
    await t.request('DELETE', `/applications/${app.id}`);
    const events = await fixture.prisma.auditEvent.findMany({
      where: { tenantId: t.tenantId, targetType: 'application' },
    });
    expect(events.map((e) => e.action).sort()).toEqual(
      ['application.create', 'application.delete', 'application.secret.rotate', 'application.update'].sort(),
    );
    expect(events.find((e) => e.action === 'application.update')?.changes).toEqual({
      name: 'Renamed',
      accessTokenTtl: 120,
    });
    expect(events.find((e) => e.action === 'application.secret.rotate')?.changes).toMatchObject({
      overlapSeconds: 0,
    });
    const text = JSON.stringify(events);
    expect(text).not.toContain(app.clientSecret);
    expect(text).not.toContain(rotated.clientSecret);
  });
});

describe('pnpm latchkey m2m create', () => {
  const cli = (args: string[]) =>
    runToExit('cli', { DATABASE_URL: db.url, LATCHKEY_MASTER_KEY: masterKey }, 60_000, [
      'm2m',
      'create',
      ...args,
    ]);

  it('--json prints exactly the client id and secret, which work', async () => {
    const t = await tenant('apps-cli');
    const { code, stdout, stderr } = await cli([
      '--tenant',
      'apps-cli',
      '--name',
      'Nightly export',
      '--json',
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout.trim().split('\n')).toHaveLength(1);
    const printed = JSON.parse(stdout) as Record<string, string>;
    expect(Object.keys(printed)).toEqual(['client_id', 'client_secret']);
    expect(printed.client_secret).toMatch(/^[A-Za-z0-9]{43}$/);
    const list = ZApplicationList.parse((await t.request('GET', '/applications?type=m2m')).body);
    expect(list.data).toEqual([
      expect.objectContaining({ clientId: printed.client_id, name: 'Nightly export', type: 'm2m' }),
    ]);
    const record = await service.clientMetadata(t.tenantId, printed.client_id ?? '');
    expect(record?.secrets).toEqual([printed.client_secret]);
    expect(JSON.stringify(list)).not.toContain(printed.client_secret);
  });

  it('without --json says it is shown once; refuses an unknown tenant with exit code 2', async () => {
    await tenant('apps-cli-text');
    const text = await cli(['--tenant', 'apps-cli-text', '--name', 'Sync']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/client_id: +[A-Za-z0-9]{24}\n +client_secret: +[A-Za-z0-9]{43}\n/);
    expect(text.stdout).toMatch(/shown only this once/);
    const unknown = await cli(['--tenant', 'no-such-tenant', '--name', 'x', '--json']);
    expect(unknown.code).toBe(2);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr.trim()).toBe('latchkey: no tenant with the slug "no-such-tenant"');
    const missing = await cli(['--tenant', 'apps-cli-text']);
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim()).toBe('latchkey: --name is required');
  });
});
