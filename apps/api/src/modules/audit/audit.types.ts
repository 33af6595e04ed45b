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
