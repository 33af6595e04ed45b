import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import { applySecurityHeaders } from '../../platform/http/security-headers.js';
import type { TenantAddress } from '../tenancy/tenant-address.js';

/**
 * Pages oidc-provider renders post only to itself or to a registered client URI (form_post), so
 * there is no form-action. Its auto-submitting forms carry one inline script, which oidc-provider
 * allows by adding that script's sha256 to `script-src`: no 'unsafe-inline' anywhere.
 */
export const PROVIDER_PAGE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'";

export interface ProviderTarget {
  address: TenantAddress;
  issuer: string;
  provider: Provider;
}

/**
 * Hands the request to oidc-provider as if it were mounted at the tenant's base path: the path
 * inside the tenant becomes the URL, and the scheme and host come from the issuer (trusted values:
 * PUBLIC_URL's scheme and the host the tenant was matched on), never from the client.
 */
export function handToProvider(
  req: IncomingMessage & { originalUrl?: string },
  res: ServerResponse,
  target: ProviderTarget,
  query: string,
): Promise<void> {
  const origin = originOf(target);
  req.headers['x-forwarded-proto'] = origin.proto;
  req.headers['x-forwarded-host'] = origin.host;
  req.url = target.address.rest + query;
  req.originalUrl = target.address.basePath + req.url;
  // On the Express path the baseline headers are already set: only the CSP differs.
  if (res.getHeader('x-content-type-options') === undefined) applySecurityHeaders(res, PROVIDER_PAGE_CSP);
  else res.setHeader('content-security-policy', PROVIDER_PAGE_CSP);
  return handlerOf(target.provider)(req, res) as Promise<void>;
}

const handlers = new WeakMap<Provider, ReturnType<Provider['callback']>>();
const origins = new WeakMap<Provider, { proto: string; host: string }>();

/** A provider serves one issuer: its scheme and host, parsed once. */
function originOf(target: ProviderTarget): { proto: string; host: string } {
  let origin = origins.get(target.provider);
  if (!origin) {
    const url = new URL(target.issuer);
    origin = { proto: url.protocol.slice(0, -1), host: url.host };
    origins.set(target.provider, origin);
  }
  return origin;
}

/** One Koa callback per provider instance (building it composes the middleware stack). */
function handlerOf(provider: Provider): ReturnType<Provider['callback']> {
  let handler = handlers.get(provider);
  if (!handler) {
    handler = provider.callback();
    handlers.set(provider, handler);
  }
  return handler;
}
