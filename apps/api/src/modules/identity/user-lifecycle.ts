import { Injectable } from '@nestjs/common';
import type { TenantRecord } from '../tenancy/tenancy.repository.js';

/** Work to do once a user can no longer sign in; must not throw (best effort, it logs its own failures). */
export type DeactivationListener = (tenant: TenantRecord, userId: string) => Promise<void>;

/**
 * What follows a user's suspension, deletion or erasure in other modules (the OIDC module ends the
 * user's SSO sessions). Those modules depend on identity, so identity cannot call them: they
 * subscribe here instead. Listeners run after the change has committed, in the request that made
 * it; the change stands even if one fails, and the account is refused at sign-in and token refresh
 * either way (only active users are found).
 */
@Injectable()
export class UserLifecycle {
  private readonly listeners = new Set<DeactivationListener>();

  onDeactivated(listener: DeactivationListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async deactivated(tenant: TenantRecord, userId: string): Promise<void> {
    await Promise.allSettled([...this.listeners].map((listener) => listener(tenant, userId)));
  }
}
