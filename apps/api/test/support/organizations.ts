import {
  type TCreatedInvitation,
  type TOrganization,
  type TOrganizationDomain,
  type TOrganizationMember,
  ZCreatedInvitation,
  ZOrganization,
  ZOrganizationDomain,
  ZOrganizationMember,
  ZUser,
} from '@latchkey/contracts';
import { expect } from 'vitest';
import type { ApiResponse, ManagementFixture } from './management.js';

/** The body of a response that must have `status`; the body is shown when it does not. */
export const ok = (res: ApiResponse, status: number): unknown => {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  return res.body;
};

/**
 * The organizations API of a new tenant, with helpers that assert success and parse the contract's
 * shapes. Roles are written straight into the database: they are only referenced here, and the
 * organizations suite must not depend on the RBAC API.
 */
export async function organizationsOfNewTenant(fixture: ManagementFixture, slug: string) {
  const { id: tenantId, client } = await fixture.tenantWithClient(slug);
  const base = `/api/v1/tenants/${slug}`;
  const request = (method: string, path: string, body?: unknown) =>
    client.request(method, `${base}${path}`, body);
  const org = (organizationId: string) => `/organizations/${organizationId}`;
  return {
    tenantId,
    client,
    base,
    request,
    org,
    createOrganization: async (body: Record<string, unknown>): Promise<TOrganization> =>
      ZOrganization.parse(ok(await request('POST', '/organizations', body), 201)),
    createUser: async (email: string, extra: Record<string, unknown> = {}): Promise<string> =>
      ZUser.parse(ok(await request('POST', '/users', { email, ...extra }), 201)).id,
    createRole: async (name: string): Promise<{ id: string; name: string }> =>
      fixture.prisma.role.create({ data: { tenantId, name }, select: { id: true, name: true } }),
    addDomain: async (organizationId: string, domain: string): Promise<TOrganizationDomain> =>
      ZOrganizationDomain.parse(ok(await request('POST', `${org(organizationId)}/domains`, { domain }), 201)),
    addMember: async (organizationId: string, userId: string): Promise<TOrganizationMember> =>
      ZOrganizationMember.parse(ok(await request('POST', `${org(organizationId)}/members`, { userId }), 201)),
    invite: async (organizationId: string, body: Record<string, unknown>): Promise<TCreatedInvitation> =>
      ZCreatedInvitation.parse(ok(await request('POST', `${org(organizationId)}/invitations`, body), 201)),
    accept: (body: Record<string, unknown>) => request('POST', '/invitations/accept', body),
    /** Moves an invitation's expiry into the past, as if its time had run out. */
    expireInvitation: async (invitationId: string): Promise<void> => {
      await fixture.prisma.invitation.updateMany({
        where: { tenantId, id: invitationId },
        data: { expiresAt: new Date(Date.now() - 1000) },
      });
    },
    /** The actions of the tenant's audit trail, oldest first. */
    auditActions: async (): Promise<string[]> =>
      (
        await fixture.prisma.auditEvent.findMany({
          where: { tenantId },
          orderBy: { occurredAt: 'asc' },
          select: { action: true },
        })
      ).map((event) => event.action),
  };
}
