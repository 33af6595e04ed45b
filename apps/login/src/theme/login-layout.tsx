import { Logo } from '@latchkey/ui';
import type { ReactNode } from 'react';
import { messages as t } from '../i18n/messages';
import type { TTenantBranding } from './tenant-branding';
import { TenantIdentity } from './tenant-identity';

export interface LoginLayoutProps {
  /** Null when the URL names no tenant: the page then carries Latchkey's own mark. */
  branding: TTenantBranding | null;
  children: ReactNode;
}

/** The frame of every hosted login page: tenant header, one centered column, and a quiet footer. */
export function LoginLayout({ branding, children }: LoginLayoutProps) {
  return (
    <div className="login-page">
      <header className="login-page__header">
        {branding ? <TenantIdentity branding={branding} /> : <Logo height={32} />}
      </header>
      <main className="login-page__main">{children}</main>
      <footer className="login-page__footer">
        <span>{t.footer.securedBy}</span>
        <Logo height={16} />
      </footer>
    </div>
  );
}
