import type { TInteractionDetails } from '@latchkey/contracts';
import { type ReactNode, useCallback, useMemo, useState } from 'react';
import { InteractionErrorPage } from './flows/interaction-error-page';
import { InteractionRoute } from './flows/interaction-route';
import { isResetPage } from './flows/login-view';
import { MissingTenantPage } from './flows/missing-tenant-page';
import { createResetClient, takeResetToken } from './flows/reset-password/reset-client';
import { ResetPasswordPage } from './flows/reset-password/reset-password-page';
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
 * here with `?uid=` (the pending interaction). The one exception is the reset page a mailed link
 * opens (`…/login/reset?token=…`), which needs no pending sign-in.
 */
export function LoginApp({ tenant, pathname, search }: LoginAppProps) {
  const [branding, setBranding] = useState<TTenantBranding | null>(tenant ? fallbackBranding(tenant) : null);
  const base = interactionBase(pathname);
  const uid = readUid(search);
  const reset = isResetPage(pathname);
  const resetClient = useMemo(() => (reset && base !== null ? createResetClient(base) : null), [reset, base]);
  const [resetToken] = useState(() => (reset ? takeResetToken() : null));
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
  else if (resetClient) page = <ResetPasswordPage client={resetClient} token={resetToken} />;
  else if (!client) page = <InteractionErrorPage reason="missing-uid" />;
  else page = <InteractionRoute client={client} onDetails={onDetails} />;

  return <LoginLayout branding={tenant ? branding : null}>{page}</LoginLayout>;
}
