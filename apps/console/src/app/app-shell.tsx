import type { ReactNode } from 'react';
import { Sidebar } from './sidebar';

/** Sidebar + main area. Router-less for now: `currentHref` marks the one page that exists. */
export function AppShell({ currentHref, children }: { currentHref: string; children: ReactNode }) {
  return (
    <div className="shell">
      {/* First in tab order, visible on focus: keyboard users skip the navigation (WCAG 2.4.1). */}
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <Sidebar currentHref={currentHref} />
      {/* tabIndex -1: the skip link can move focus here without adding a tab stop. */}
      <main id="main" className="shell__main" tabIndex={-1}>
        <div className="shell__content">{children}</div>
      </main>
    </div>
  );
}
