import type { TInteractionDetails } from '@latchkey/contracts';
import { type ReactNode, useCallback, useMemo, useRef, useState } from 'react';
import { InteractionErrorPage } from './flows/interaction-error-page';
import { InteractionRoute } from './flows/interaction-route';
import { isResetPage, isVerifyLinkPage } from './flows/login-view';
import { MissingTenantPage } from './flows/missing-tenant-page';
import { createResetClient, takeResetToken } from './flows/reset-password/reset-client';
import { ResetPasswordPage } from './flows/reset-password/reset-password-page';
import { createVerifyLinkClient, takeVerifyLinkToken } from './flows/verify-link/verify-link-client';
import { VerifyLinkPage } from './flows/verify-link/verify-link-page';
import { DEFAULT_LOCALES } from './i18n/catalog';
import { activateLocale, chooseLocale, messages } from './i18n/messages';
import { createInteractionClient } from './interaction/interaction-client';
import { interactionBase, readUid } from './interaction/interaction-url';
import type { TUnverifiedTenant } from './tenant/unverified-tenant';
import type { TLoginBranding } from './theme/load-branding';
import { LoginLayout } from './theme/login-layout';
import { fallbackBranding, monogram, type TTenantBranding } from './theme/tenant-branding';

export interface LoginAppProps {
  tenant: TUnverifiedTenant | null;
  /** The page's `location.pathname` and `location.search`. */
  pathname: string;
  search: string;
  /** The tenant's `branding.json`, loaded before the first render; null for Latchkey's default look. */
  loaded?: TLoginBranding | null;
}

/**
 * Picks the page for this URL. A sign-in always starts at the application, which sends the browser
 * here with `?uid=` (the pending interaction). The exceptions are the pages mailed links open, which
 * need no pending sign-in: password reset (`…/login/reset?token=…`) and email verification
 * (`…/login/verify-email?token=…`).
 */
export function LoginApp({ tenant, pathname, search, loaded = null }: LoginAppProps) {
  const [branding, setBranding] = useState<TTenantBranding | null>(() =>
    tenant ? headerBranding(loaded, fallbackBranding(tenant).displayName) : null,
  );
  // main.tsx activated the browser's language before the first render.
  const activeLocale = useRef(chooseLocale(navigator.languages, loaded?.locales ?? DEFAULT_LOCALES));
  const base = interactionBase(pathname);
  const uid = readUid(search);
  const reset = isResetPage(pathname);
  const resetClient = useMemo(() => (reset && base !== null ? createResetClient(base) : null), [reset, base]);
  const [resetToken] = useState(() => (reset ? takeResetToken() : null));
  const verifyLink = isVerifyLinkPage(pathname);
  const verifyClient = useMemo(
    () => (verifyLink && base !== null ? createVerifyLinkClient(base) : null),
    [verifyLink, base],
  );
  const [verifyToken] = useState(() => (verifyLink ? takeVerifyLinkToken() : null));
  const client = useMemo(
    () => (base !== null && uid !== null ? createInteractionClient(base, uid) : null),
    [base, uid],
  );

  // The API knows the tenant's real name; the URL only knew its slug or host.
  // Now the sign-in's `ui_locales` are known too, which pick the tenant's text overrides.
  const onDetails = useCallback(
    ({ tenant: confirmed, params }: TInteractionDetails) => {
      const show = () => {
        setBranding(headerBranding(loaded, confirmed.displayName));
        document.title = messages.documentTitle(confirmed.displayName);
      };
      const locales = loaded?.locales ?? DEFAULT_LOCALES;
      const locale = chooseLocale([...(params.uiLocales ?? []), ...navigator.languages], locales);
      if (locale === activeLocale.current) return show();
      activeLocale.current = locale;
      // A new state object re-renders every page with the new strings.
      activateLocale(locale, loaded?.texts ?? {}).then(show, show);
    },
    [loaded],
  );

  let page: ReactNode;
  if (!tenant || base === null) page = <MissingTenantPage />;
  else if (resetClient) page = <ResetPasswordPage client={resetClient} token={resetToken} />;
  else if (verifyClient) page = <VerifyLinkPage client={verifyClient} token={verifyToken} />;
  else if (!client) page = <InteractionErrorPage reason="missing-uid" />;
  else page = <InteractionRoute client={client} onDetails={onDetails} />;

  return <LoginLayout branding={tenant ? branding : null}>{page}</LoginLayout>;
}

function headerBranding(loaded: TLoginBranding | null, displayName: string): TTenantBranding {
  const name = loaded?.displayName ?? displayName;
  return { displayName: name, monogram: monogram(name), logoUrl: loaded?.logoUrl ?? null };
}
