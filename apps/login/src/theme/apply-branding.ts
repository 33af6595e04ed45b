import type { TLoginBranding } from './load-branding';

/**
 * Restyles the page: the tenant's tokens as custom properties on <html> (inline style wins over
 * packages/ui's stylesheet, in both schemes), `data-theme` to force light or dark, and the favicon.
 * Only properties are set, never a <style> or script, so the CSP needs nothing new.
 */
export function applyBranding(branding: TLoginBranding, doc: Document = document): void {
  const root = doc.documentElement;
  for (const [name, value] of Object.entries(branding.cssVariables)) root.style.setProperty(name, value);
  if (branding.theme === 'auto') root.removeAttribute('data-theme');
  else root.setAttribute('data-theme', branding.theme);
  if (branding.faviconUrl) {
    const icon = doc.querySelector<HTMLLinkElement>('link[rel="icon"]');
    if (icon) {
      icon.removeAttribute('type');
      icon.href = branding.faviconUrl;
    }
  }
}
