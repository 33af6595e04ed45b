import { MissingTenantPage } from './flows/missing-tenant-page';
import { SignInPage } from './flows/sign-in/sign-in-page';
import type { TUnverifiedTenant } from './tenant/unverified-tenant';
import { LoginLayout } from './theme/login-layout';
import { fallbackBranding } from './theme/tenant-branding';

/** Picks the page for this URL. One flow for now; F4 adds sign-up, MFA, reset, consent, org pick. */
export function LoginApp({ tenant }: { tenant: TUnverifiedTenant | null }) {
  const branding = tenant ? fallbackBranding(tenant) : null;
  return (
    <LoginLayout branding={branding}>
      {branding ? <SignInPage branding={branding} /> : <MissingTenantPage />}
    </LoginLayout>
  );
}
