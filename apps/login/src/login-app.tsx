import type { TInteractionDetails } from '@latchkey/contracts';
import { type ReactNode, useCallback, useMemo, useState } from 'react';
import { InteractionErrorPage } from './flows/interaction-error-page';
import { InteractionRoute } from './flows/interaction-route';
import { MissingTenantPage } from './flows/missing-tenant-page';
import { messages } from './i18n/messages';
import { createInteractionClient } from './interaction/interaction-client';
import { interactionBase, readUid } from './interaction/interaction-url';
import type { TUnverifiedTenant } from './tenant/unverified-tenant';
import { LoginLayout } from './theme/login-layout';
import { fallbackBranding, monogram, type TTenantBranding } from './theme/tenant-branding';

export interface LoginAppProps {
  tenant: TUnverifiedTenant | null;
  /** The page's `location.pathname` and `location.search`. */
  pathname: string;
  search: string;
}

/**
 * Picks the page for this URL. A sign-in always starts at the application, which sends the browser
 * here with `?uid=` (the pending interaction); F4 adds sign-up, MFA and reset as further steps.
 */
export function LoginApp({ tenant, pathname, search }: LoginAppProps) {
  const [branding, setBranding] = useState<TTenantBranding | null>(tenant ? fallbackBranding(tenant) : null);
  const base = interactionBase(pathname);
  const uid = readUid(search);
  const client = useMemo(
    () => (base !== null && uid !== null ? createInteractionClient(base, uid) : null),
    [base, uid],
  );

  // The API knows the tenant's real name; the URL only knew its slug or host.
  const onDetails = useCallback(({ tenant: confirmed }: TInteractionDetails) => {
    setBranding({ displayName: confirmed.displayName, monogram: monogram(confirmed.displayName) });
    document.title = messages.documentTitle(confirmed.displayName);
  }, []);

  let page: ReactNode;
  if (!tenant || base === null) page = <MissingTenantPage />;
  else if (!client) page = <InteractionErrorPage reason="missing-uid" />;
  else page = <InteractionRoute client={client} onDetails={onDetails} />;

  return <LoginLayout branding={tenant ? branding : null}>{page}</LoginLayout>;
}
