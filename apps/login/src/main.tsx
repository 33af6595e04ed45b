import '@latchkey/ui/theme.css';
import './theme/login.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { messages } from './i18n/messages';
import { LoginApp } from './login-app';
import { parseUnverifiedTenant } from './tenant/unverified-tenant';
import { fallbackBranding } from './theme/tenant-branding';

const tenant = parseUnverifiedTenant(window.location.pathname, window.location.hostname);

document.documentElement.lang = messages.locale;
document.title = tenant
  ? messages.documentTitle(fallbackBranding(tenant).displayName)
  : messages.documentTitleNoTenant;

const root = document.getElementById('root');
if (!root) throw new Error('index.html lacks #root');

createRoot(root).render(
  <StrictMode>
    <LoginApp tenant={tenant} pathname={window.location.pathname} search={window.location.search} />
  </StrictMode>,
);
