import { type TProblem, type TUser, type TUserList, ZProblem, ZUser, ZUserList } from '@latchkey/contracts';
import { PrismaPg } from '@prisma/adapter-pg';
import { expect } from 'vitest';
import { PrismaClient } from '../../src/generated/prisma/client.js';
import { ApiKeysRepository } from '../../src/modules/api-keys/api-keys.repository.js';
import { ApiKeysService } from '../../src/modules/api-keys/api-keys.service.js';
import { TenancyRepository } from '../../src/modules/tenancy/tenancy.repository.js';
import { TenancyService } from '../../src/modules/tenancy/tenancy.service.js';

export interface ApiResponse {
  status: number;
  contentType: string | null;
  /** Parsed JSON, `undefined` for an empty body. */
  body: unknown;
}

/** A caller of the management API holding one API key. */
export interface ManagementClient {
  request(method: string, path: string, body?: unknown): Promise<ApiResponse>;
}

/**
 * Sets up what management API suites need directly in the database of a running server (which has
 * migrated and seeded it): tenants and API keys, through the same services the CLI uses.
 */
export class ManagementFixture {
  private readonly tenancy: TenancyService;
  private readonly apiKeys: ApiKeysService;

  private constructor(
    readonly prisma: PrismaClient,
    private readonly baseUrl: string,
  ) {
    this.tenancy = new TenancyService(new TenancyRepository(prisma));
    this.apiKeys = new ApiKeysService(new ApiKeysRepository(prisma));
  }

  static open(databaseUrl: string, baseUrl: string): ManagementFixture {
    const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) });
    return new ManagementFixture(prisma, baseUrl);
  }

  /** A new API key of the tenant, as the raw `lk_…` string. */
  async apiKeyFor(slug: string): Promise<string> {
    const tenant = await this.tenancy.findBySlug(slug);
    if (!tenant) throw new Error(`no tenant ${slug}`);
    return (await this.apiKeys.create(tenant, { name: `test ${slug}` })).key;
  }

  /** A client with a new key of the tenant (`system` gives a platform key). */
  async clientFor(slug: string): Promise<ManagementClient> {
    const key = await this.apiKeyFor(slug);
    return { request: (method, path, body) => call(this.baseUrl, key, method, path, body) };
  }

  /** A new tenant, with a client holding one of its keys. */
  async tenantWithClient(slug: string): Promise<{ id: string; client: ManagementClient }> {
    const { id } = await this.tenancy.create({ slug, displayName: slug });
    return { id, client: await this.clientFor(slug) };
  }

  close(): Promise<void> {
    return this.prisma.$disconnect();
  }
}

async function call(
  baseUrl: string,
  key: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<ApiResponse> {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${key}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return {
    status: res.status,
    contentType: res.headers.get('content-type'),
    body: text ? (JSON.parse(text) as unknown) : undefined,
  };
}

/** The users API of a new tenant, with helpers that assert success. */
export async function usersOfNewTenant(fixture: ManagementFixture, slug: string) {
  const { id, client } = await fixture.tenantWithClient(slug);
  const path = `/api/v1/tenants/${slug}/users`;
  return {
    tenantId: id,
    client,
    path,
    create: async (body: Record<string, unknown>): Promise<TUser> => {
      const res = await client.request('POST', path, body);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return ZUser.parse(res.body);
    },
    list: async (query = ''): Promise<TUserList> => {
      const res = await client.request('GET', `${path}${query}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return ZUserList.parse(res.body);
    },
  };
}

/** The problem+json body of an error response. */
export function problemOf(res: ApiResponse): TProblem {
  expect(res.contentType).toMatch(/^application\/problem\+json/);
  return ZProblem.parse(res.body);
}

/** The stable error code: the last segment of the problem `type`. */
export const problemCode = (res: ApiResponse): string => problemOf(res).type.split('/').at(-1) ?? '';

/** The failing field paths of a validation problem, sorted. */
export const errorPaths = (res: ApiResponse): string[] =>
  (problemOf(res).errors ?? []).map((e) => e.path).sort();
