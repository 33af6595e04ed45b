import { z } from 'zod';
import { page, ZPageQuery, ZTimestamp } from './common.contract.js';
import { defineRoute } from './route.js';

/** One entry of a tenant's audit trail: who changed what, from where. Never holds secrets. */
export const ZAuditEvent = z.object({
  id: z.uuid(),
  occurredAt: ZTimestamp,
  actor: z.object({
    /** api-key, access-token, system (a scheduled job), dynamic-registration. */
    type: z.string(),
    /** The API key's id, the application's client_id, or the job's name. */
    id: z.string().nullable(),
  }),
  /** e.g. user.create, organization.member.add, signing-key.rotate */
  action: z.string(),
  target: z.object({ type: z.string(), id: z.string().nullable() }),
  /** The fields the request changed (names, and values where they are not secret). */
  changes: z.record(z.string(), z.unknown()),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  requestId: z.string().nullable(),
});
export type TAuditEvent = z.infer<typeof ZAuditEvent>;

export const ZListAuditEventsQuery = ZPageQuery.extend({
  /** Exact action (`user.update`) or a prefix ending in `.` (`organization.`). */
  action: z
    .string()
    .trim()
    .regex(
      /^[a-z_]+(\.[a-z_]+)*\.?$/,
      'must be an action such as user.update, or a prefix such as organization.',
    )
    .max(100)
    .optional(),
  targetType: z
    .string()
    .trim()
    .regex(/^[a-z_]+$/, 'must be a target type such as user')
    .max(50)
    .optional(),
  targetId: z.string().trim().min(1).max(200).optional(),
  actorId: z.string().trim().min(1).max(200).optional(),
  /** Events at or after / before this instant. */
  since: ZTimestamp.optional(),
  until: ZTimestamp.optional(),
});
export type TListAuditEventsQuery = z.infer<typeof ZListAuditEventsQuery>;

export const ZAuditEventList = page(ZAuditEvent);
export type TAuditEventList = z.infer<typeof ZAuditEventList>;

export const auditRoutes = {
  listAuditEvents: defineRoute({
    id: 'listAuditEvents',
    method: 'GET',
    path: '/api/v1/tenants/{tenant}/audit-events',
    summary: "Read a tenant's audit trail, newest first, with filters",
    tag: 'Audit',
    scope: 'tenant',
    query: ZListAuditEventsQuery,
    success: { status: 200, body: ZAuditEventList },
  }),
};
