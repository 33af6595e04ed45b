import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { AppConfig } from '../../platform/config/config.js';
import { sendProblem } from '../../platform/errors/problem-response.js';
import { applySecurityHeaders } from '../../platform/http/security-headers.js';
import { logAccess } from '../../platform/logging/access-log.js';
import { requestIdFor } from '../../platform/logging/logger.js';
import type { TenantRecord } from '../tenancy/tenancy.repository.js';
import type { TenancyService } from '../tenancy/tenancy.service.js';
import { type TenantAddress, tenantAddress } from '../tenancy/tenant-address.js';
import { INTERACTION_PATH, type interactionServer } from './interaction-http.js';
import type { InteractionRequest } from './interaction-request.js';
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
  /** The login interaction API (interaction-http.ts), as Express serves it on custom domains. */
  serveInteraction: ReturnType<typeof interactionServer>;
  /** The client's address as Express's `req.ip` reads it, under the same `trust proxy` setting. */
  clientIp: (req: IncomingMessage) => string | undefined;
  /** Whether Express would read the host from X-Forwarded-Host (a trusted proxy sent it). */
  forwardedHost: (req: IncomingMessage) => boolean;
}

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Serves the OIDC endpoints and the login interaction API of tenants on Latchkey's own host and on
 * tenant subdomains straight from the HTTP server, ahead of Express: oidc-provider is a complete
 * Koa application that reads its own bodies, and the framework's middleware stack cost more per
 * token request than issuing the token, and a tenth of a login's own work (docs/benchmarks.md).
 * What Express would add is added here: the request id, the access line, the security headers
 * (with the hand-off to oidc-provider: provider-dispatch.ts), the client address under `trust
 * proxy`, and problem+json for failures. Anything else (another path, a custom domain whose host
 * needs a lookup, a host forwarded by a trusted proxy, an unknown or suspended tenant) goes to
 * Express untouched, which answers exactly as before.
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
    // Express places a trusted proxy's X-Forwarded-Host: such requests are its to serve.
    const route = deps.forwardedHost(req) ? undefined : fastRoute(req, ownHost, deps.config.tenantDomain);
    if (!route) return fallback(req, res);
    const known = cachedTarget(deps, req, route.address);
    if (known) return serve(deps, req, res, known, route.interaction);
    resolve(deps, req, route.address).then(
      (target) => serve(deps, req, res, target, route.interaction),
      () => fallback(req, res),
    );
  };
}

/** An interaction API request: its uid and action (undefined for the bare interaction URL). */
interface InteractionCall {
  uid: string;
  action: string | undefined;
}

/**
 * The tenant address, and for the interaction API its uid and action, when the request is for a
 * fast route and needs no lookup to be placed. Each path is matched once.
 */
function fastRoute(
  req: IncomingMessage,
  ownHost: string,
  tenantDomain: string | undefined,
): { address: TenantAddress; interaction?: InteractionCall } | undefined {
  const url = req.url;
  const host = req.headers.host;
  if (!url?.startsWith('/') || !host || (req.method !== 'GET' && req.method !== 'POST')) return undefined;
  const query = url.indexOf('?');
  const path = query >= 0 ? url.slice(0, query) : url;
  const hostname = hostnameOf(host);
  const address = tenantAddress(hostname, path, tenantDomain);
  // Only what the Express path would place without a custom-domain lookup (see oidc-http.ts).
  if (!address || (address.via !== 'subdomain' && hostname !== ownHost)) return undefined;
  if (FAST_ROUTE.test(address.rest)) return { address };
  const interaction = INTERACTION_PATH.exec(address.rest);
  return interaction?.[1]
    ? { address, interaction: { uid: interaction[1], action: interaction[2] } }
    : undefined;
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
  return provider ? { address, issuer, provider, tenant } : undefined;
}

async function resolve(deps: OidcFastPathDeps, req: IncomingMessage, address: TenantAddress) {
  const tenant = await deps.tenancy.resolveActive(address.unverifiedTenant);
  const issuer = issuerFor(address, tenant.slug, deps.config.publicUrl, req.headers.host ?? '');
  return { address, issuer, provider: await deps.registry.providerFor(tenant, issuer), tenant };
}

type FastTarget = ProviderTarget & { tenant: TenantRecord };

function serve(
  deps: OidcFastPathDeps,
  req: IncomingMessage,
  res: ServerResponse,
  target: FastTarget,
  interaction: InteractionCall | undefined,
): void {
  const { logger } = deps;
  const id = requestIdFor(req, res);
  req.id = id;
  logAccess(logger, req, res, id);
  const url = req.url ?? '';
  const query = url.indexOf('?');
  if (interaction) {
    serveInteraction(deps, req, res, target, interaction);
    return;
  }
  handToProvider(req, res, target, query >= 0 ? url.slice(query) : '').catch((err: unknown) => {
    // oidc-provider answers its own errors; this is a failure outside it (e.g. a closed socket).
    logger.error({ err, requestId: id }, 'unhandled error');
    if (!res.headersSent) res.writeHead(500).end();
    else res.destroy();
  });
}

/** The interaction API as Express would serve it (oidc-http.ts), failures as problem+json. */
function serveInteraction(
  deps: OidcFastPathDeps,
  req: InteractionRequest,
  res: ServerResponse,
  target: FastTarget,
  { uid, action }: InteractionCall,
): void {
  applySecurityHeaders(res);
  req.ip = deps.clientIp(req);
  const place = { tenant: target.tenant, provider: target.provider, basePath: target.address.basePath };
  deps
    .serveInteraction(req, res, place, uid, action)
    .catch((err: unknown) => sendProblem(err, req, res, deps.logger));
}

/** The host name without the port, as Express's `req.hostname` reads it (IPv6 in brackets kept). */
function hostnameOf(host: string): string {
  const end = host.startsWith('[') ? host.indexOf(']') + 1 : host.indexOf(':');
  return end > 0 ? host.slice(0, end) : host;
}
