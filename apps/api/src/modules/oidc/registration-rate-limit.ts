import type { IncomingMessage } from 'node:http';
import type { TTenantSettings } from '@latchkey/contracts';
import type Provider from 'oidc-provider';
import type { RateLimiter } from '../../platform/rate-limit/rate-limiter.js';

type Middleware = Parameters<Provider['use']>[0];
type Settings = TTenantSettings['dynamicRegistration'];

const WINDOW_SECONDS = 3600;
/** RFC 7592 reads, updates and deletes are cheaper and more frequent than registrations. */
const MANAGEMENT_FACTOR = 10;

/**
 * Limits the dynamic client registration endpoints (RFC 7591 `POST /oauth2/register`, RFC 7592
 * `GET|PUT|DELETE /oauth2/register/{clientId}`) per client IP and per tenant, in fixed one-hour
 * windows shared by every replica. Open registration lets anyone create applications, and even
 * behind initial access tokens a leaked token must not fill the tenant's application list.
 * Every request counts, including those the endpoint then refuses (bad token, bad metadata). Over a limit: 429 with `Retry-After` and the
 * `too_many_requests` error that MCP and OAuth client SDKs map to a rate-limit error (RFC 7591
 * defines none; RFC 6585 gives the status).
 */
export function registrationRateLimit(deps: {
  tenantId: string;
  settings: Settings;
  limiter: RateLimiter;
  /** The registration route (OIDC_ROUTES.registration); request paths are relative to the issuer. */
  route: string;
}): Middleware {
  const { tenantId, settings, limiter } = deps;
  return async (ctx, next) => {
    const kind = requestKind(ctx.method, ctx.path, deps.route);
    if (!settings.enabled || !kind) return next();
    const factor = kind === 'register' ? 1 : MANAGEMENT_FACTOR;
    // The Express request behind Koa's: its `ip` honours the server's trusted-proxy setting. Never
    // Koa's own `ctx.ip`: the provider runs with `proxy = true`, so it would believe X-Forwarded-For.
    const req = ctx.req as IncomingMessage & { ip?: string };
    const ip = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    const scope = `dcr:${kind}:${tenantId}`;
    const limits = [
      { key: `${scope}:ip:${ip}`, max: settings.registrationsPerIpPerHour * factor },
      { key: `${scope}:tenant`, max: settings.registrationsPerHour * factor },
    ];
    // The address first: requests it refuses do not count against the tenant, so one client over
    // its own limit cannot use up everybody's.
    let exceeded: (typeof limits)[number] | undefined;
    for (const limit of limits) {
      if ((await limiter.hit(limit.key, WINDOW_SECONDS)) > limit.max) {
        exceeded = limit;
        break;
      }
    }
    if (!exceeded) return next();
    const retryAfter = Math.max(1, await limiter.ttl(exceeded.key));
    ctx.status = 429;
    ctx.set('retry-after', String(retryAfter));
    ctx.set('cache-control', 'no-store');
    ctx.body = {
      error: 'too_many_requests',
      error_description: `too many ${kind === 'register' ? 'client registrations' : 'registration management requests'} ${
        exceeded.key.endsWith(':tenant') ? 'for this tenant' : 'from this address'
      }; retry after ${retryAfter} seconds`,
    };
  };
}

/** `register` (RFC 7591), `manage` (RFC 7592) or nothing to limit. */
function requestKind(method: string, path: string, base: string): 'register' | 'manage' | undefined {
  if (path === base) return method === 'POST' ? 'register' : undefined;
  if (!path.startsWith(`${base}/`) || path.indexOf('/', base.length + 1) !== -1) return undefined;
  return method === 'GET' || method === 'PUT' || method === 'DELETE' ? 'manage' : undefined;
}
