import type { Principal } from '../../platform/auth/principal.js';

/** Who acted and from where: the first argument of every mutating service method. */
export interface Actor {
  principal: Principal;
  ip: string | undefined;
  userAgent: string | undefined;
  requestId: string | undefined;
}

export interface AuditEntry {
  /** `<target>.<verb>`, e.g. `user.create`, `organization.member.add`. */
  action: string;
  targetType: string;
  targetId?: string;
  /** Changed fields with their new values. Never secrets: see `auditChanges`. */
  changes?: Record<string, unknown>;
}

const SECRET_FIELDS = /password|secret|token|key|hash/i;

/** The fields of a request body worth recording, secrets masked. */
export function auditChanges(body: object): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(body)
      .filter(([, value]) => value !== undefined)
      .map(([field, value]) => [field, SECRET_FIELDS.test(field) ? '[REDACTED]' : value]),
  );
}

/**
 * For personal data (users): record which fields changed, not their values, so an erased user
 * leaves nothing of theirs in the (append-only) audit trail.
 */
export function auditFieldNames(body: object): Record<string, unknown> {
  return {
    fields: Object.keys(body)
      .filter((field) => (body as Record<string, unknown>)[field] !== undefined)
      .sort(),
  };
}

/** The actor of work Latchkey does on its own (scheduled jobs). */
export const systemActor = (tenantId: string, job: string): Actor => ({
  principal: { kind: 'system', credentialId: job, tenantId, platform: true },
  ip: undefined,
  userAgent: undefined,
  requestId: undefined,
});
