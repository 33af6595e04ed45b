import '@latchkey/ui/theme.css';
import './theme/login.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { DEFAULT_LOCALES } from './i18n/catalog';
import { activateLocale, chooseLocale, messages } from './i18n/messages';
import { interactionBase } from './interaction/interaction-url';
import { LoginApp } from './login-app';
import { parseUnverifiedTenant } from './tenant/unverified-tenant';
import { applyBranding } from './theme/apply-branding';
import { loadBranding } from './theme/load-branding';
import { fallbackBranding } from './theme/tenant-branding';

const tenant = parseUnverifiedTenant(window.location.pathname, window.location.hostname);

const root = document.getElementById('root');
if (!root) throw new Error('index.html lacks #root');

// The branding and the language first, so the first paint is already the tenant's (a failure keeps
// the default look). The sign-in's `ui_locales` are known only later (login-app.tsx).
const base = interactionBase(window.location.pathname);
const loaded = tenant && base !== null ? await loadBranding(base) : null;
if (loaded) applyBranding(loaded);
const locales = loaded?.locales ?? DEFAULT_LOCALES;
await activateLocale(chooseLocale(navigator.languages, locales), loaded?.texts ?? {});

document.title = tenant
  ? messages.documentTitle(loaded?.displayName ?? fallbackBranding(tenant).displayName)
  : messages.documentTitleNoTenant;

createRoot(root).render(
  <StrictMode>
    <LoginApp
      tenant={tenant}
      pathname={window.location.pathname}
      search={window.location.search}
      loaded={loaded}
    />
  </StrictMode>,
);
