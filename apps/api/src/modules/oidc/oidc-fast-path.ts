import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { AppConfig } from '../../platform/config/config.js';
import { logAccess } from '../../platform/logging/access-log.js';
import { requestIdFor } from '../../platform/logging/logger.js';
import type { TenancyService } from '../tenancy/tenancy.service.js';
import { type TenantAddress, tenantAddress } from '../tenancy/tenant-address.js';
import { issuerFor } from './issuer.js';
import type { OidcProviderRegistry } from './oidc-provider.registry.js';
import { handToProvider, type ProviderTarget } from './provider-dispatch.js';

/**
 * Every oidc-provider endpoint (see OIDC_ROUTES) but dynamic client registration, whose rate limit
 * and audit read Express's view of the request.
 */
const FAST_ROUTE =
  /^\/(?:oauth2\/(?!register(?:\/|$))[^?]+|\.well-known\/(?:openid-configuration|jwks\.json|oauth-authorization-server))$/;

export interface OidcFastPathDeps {
  config: Pick<AppConfig, 'publicUrl' | 'tenantDomain'>;
  tenancy: TenancyService;
  registry: OidcProviderRegistry;
  logger: Logger;
}

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Serves the OIDC endpoints of tenants on Latchkey's own host and on tenant subdomains straight
 * from the HTTP server, ahead of Express: oidc-provider is a complete Koa application that reads
 * its own bodies, and the framework's middleware stack cost more per token request than issuing
 * the token (docs/benchmarks.md). What Express would add is added here: the request id and the
 * access line; the security headers come with the hand-off (provider-dispatch.ts). Anything else
 * (another path, a custom domain whose host needs a lookup, an unknown or suspended tenant) goes
 * to Express untouched, which answers exactly as before.
 */
export function installOidcFastPath(server: Server, deps: OidcFastPathDeps): void {
  const [app, ...others] = server.listeners('request') as Listener[];
  if (!app || others.length) throw new Error('expected the HTTP application as the only request listener');
  server.removeListener('request', app);
  server.prependListener('request', oidcFastPath(deps, app));
}

function oidcFastPath(deps: OidcFastPathDeps, fallback: Listener): Listener {
  const ownHost = new URL(deps.config.publicUrl).hostname;
  return (req, res) => {
    const address = fastAddress(req, ownHost, deps.config.tenantDomain);
    if (!address) return fallback(req, res);
    const known = cachedTarget(deps, req, address);
    if (known) return serve(deps.logger, req, res, known);
    resolve(deps, req, address).then(
      (target) => serve(deps.logger, req, res, target),
      () => fallback(req, res),
    );
  };
}

/** The tenant address, when the request is for a fast route and needs no lookup to be placed. */
function fastAddress(req: IncomingMessage, ownHost: string, tenantDomain: string | undefined) {
  const url = req.url;
  const host = req.headers.host;
  if (!url?.startsWith('/') || !host || (req.method !== 'GET' && req.method !== 'POST')) return undefined;
  const query = url.indexOf('?');
  const path = query >= 0 ? url.slice(0, query) : url;
  const hostname = hostnameOf(host);
  const address = tenantAddress(hostname, path, tenantDomain);
  // Only what the Express path would place without a custom-domain lookup (see oidc-http.ts).
  if (!address || (address.via !== 'subdomain' && hostname !== ownHost)) return undefined;
  return FAST_ROUTE.test(address.rest) ? address : undefined;
}

/**
 * The tenant and its provider from the caches, synchronously: most requests need no promise and no
 * await before oidc-provider sees them. Anything not cached (or an issuer that does not parse)
 * takes the awaited path, which decides exactly as before.
 */
function cachedTarget(deps: OidcFastPathDeps, req: IncomingMessage, address: TenantAddress) {
  const tenant = deps.tenancy.cachedActive(address.unverifiedTenant);
  if (!tenant) return undefined;
  let issuer: string;
  try {
    issuer = issuerFor(address, tenant.slug, deps.config.publicUrl, req.headers.host ?? '');
  } catch {
    return undefined;
  }
  const provider = deps.registry.cachedProvider(tenant, issuer);
  return provider ? { address, issuer, provider } : undefined;
}

async function resolve(deps: OidcFastPathDeps, req: IncomingMessage, address: TenantAddress) {
  const tenant = await deps.tenancy.resolveActive(address.unverifiedTenant);
  const issuer = issuerFor(address, tenant.slug, deps.config.publicUrl, req.headers.host ?? '');
  return { address, issuer, provider: await deps.registry.providerFor(tenant, issuer) };
}

function serve(logger: Logger, req: IncomingMessage, res: ServerResponse, target: ProviderTarget): void {
  const id = requestIdFor(req, res);
  (req as IncomingMessage & { id?: string }).id = id;
  logAccess(logger, req, res, id);
  const url = req.url ?? '';
  const query = url.indexOf('?');
  handToProvider(req, res, target, query >= 0 ? url.slice(query) : '').catch((err: unknown) => {
    // oidc-provider answers its own errors; this is a failure outside it (e.g. a closed socket).
    logger.error({ err, requestId: id }, 'unhandled error');
    if (!res.headersSent) res.writeHead(500).end();
    else res.destroy();
  });
}

/** The host name without the port, as Express's `req.hostname` reads it (IPv6 in brackets kept). */
function hostnameOf(host: string): string {
  const end = host.startsWith('[') ? host.indexOf(']') + 1 : host.indexOf(':');
  return end > 0 ? host.slice(0, end) : host;
}
