import type { TInteractionDetails } from '@latchkey/contracts';
import { useState } from 'react';
import { messages } from '../../i18n/messages';

const t = messages.consent;
type TClient = TInteractionDetails['client'];

/**
 * The application's logo, as it registered it (https only: the API passes no other). Loaded from
 * the application's own server without a referrer; a logo that fails to load is left out rather
 * than shown broken.
 */
export function ClientLogo({ client, app }: { client: TClient; app: string }) {
  const [failed, setFailed] = useState(false);
  if (!client.logoUri || failed) return null;
  return (
    <img
      className="consent-logo"
      src={client.logoUri}
      alt={t.logoAlt(app)}
      width={64}
      height={64}
      referrerPolicy="no-referrer"
      onError={() => setFailed(true)}
    />
  );
}

/**
 * Where users read about the application before they allow it: its home page, privacy policy and
 * terms. They open in a new tab, without access back to this page (`noopener`) or a referrer.
 */
export function ClientLinks({ client, app }: { client: TClient; app: string }) {
  const links = [
    { href: client.clientUri, label: t.website },
    { href: client.policyUri, label: t.policy },
    { href: client.tosUri, label: t.terms },
  ].filter((link): link is { href: string; label: string } => Boolean(link.href));
  if (links.length === 0) return null;
  return (
    <nav className="consent-links" aria-label={t.links(app)}>
      {links.map((link) => (
        <a key={link.label} href={link.href} target="_blank" rel="noopener noreferrer">
          {link.label}
        </a>
      ))}
    </nav>
  );
}
