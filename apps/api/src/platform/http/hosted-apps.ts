import { existsSync } from 'node:fs';
import path from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { brandingEtag, publicBranding } from '../../modules/branding/branding.service.js';
import type { CustomDomainsService } from '../../modules/tenancy/custom-domains.service.js';
import type { TenancyService } from '../../modules/tenancy/tenancy.service.js';
import { type TenantAddress, tenantAddress } from '../../modules/tenancy/tenant-address.js';
import type { AppConfig } from '../config/config.js';
import { AppError } from '../errors/app-error.js';
import { repositoryRoot } from '../runtime/repo-paths.js';

const ASSET_CACHE = 'public, max-age=31536000, immutable';
const LOGIN_ASSET = /^\/login\/(assets\/[^?]+)$/;
const LOGIN_PAGE = /^\/login(\/.*)?$/;
const LOGIN_BRANDING = '/login/branding.json';
const CONSOLE_ASSET = /^\/console\/(assets\/[^?]+)$/;

const notBuilt = (app: string) =>
  new AppError('app-not-built', 503, 'App not built', {
    detail: `The ${app} app has not been built; run \`pnpm build\`.`,
  });

/**
 * Serves the built login and console apps. The login build is tenant-agnostic (relative asset
 * URLs), so one copy serves `/t/{tenant}/login/` — or `/login/` on a tenant's subdomain — for every
 * tenant; the page itself is served only for an existing, active tenant.
 */
export function mountHostedApps(
  app: NestExpressApplication,
  tenancy: TenancyService,
  customDomains: CustomDomainsService,
  config: Pick<AppConfig, 'tenantDomain' | 'publicUrl'>,
): void {
  const ownHost = new URL(config.publicUrl).hostname;
  const root = repositoryRoot();
  const loginDist = path.join(root, 'apps/login/dist');
  const consoleDist = path.join(root, 'apps/console/dist');

  /** On a verified custom domain the tenant is served without prefix; any other host has none. */
  const customDomainAddress = async (req: Request): Promise<TenantAddress | undefined> => {
    const tenant = await customDomains.tenantForHost(req.hostname);
    return tenant
      ? { unverifiedTenant: tenant.slug, via: 'custom-domain', rest: req.path, basePath: '' }
      : undefined;
  };

  /**
   * Subdomains first; then, on any host but PUBLIC_URL's, a verified custom domain wins over the
   * path prefix, so another tenant's login cannot be shown under a customer's own domain.
   */
  const addressOf = async (req: Request): Promise<TenantAddress | undefined> => {
    const direct = tenantAddress(req.hostname, req.path, config.tenantDomain);
    if (direct?.via === 'subdomain' || req.hostname === ownHost) return direct;
    if (!direct && !LOGIN_PAGE.test(req.path.replace(/\/assets\/.*$/, ''))) return undefined;
    return (await customDomainAddress(req).catch(() => undefined)) ?? direct;
  };

  app.use(async (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const p = req.path;
    const address = await addressOf(req);
    if (address) {
      const loginAsset = LOGIN_ASSET.exec(address.rest);
      if (loginAsset?.[1]) return sendAsset(res, next, loginDist, loginAsset[1]);
      if (address.rest === LOGIN_BRANDING) {
        sendBranding(req, res, tenancy, address.unverifiedTenant).catch(next);
        return;
      }
      const loginPage = LOGIN_PAGE.exec(address.rest);
      if (!loginPage) return next();
      // Relative asset URLs need the trailing slash; keep the query (it carries the interaction uid).
      if (loginPage[1] === undefined) return res.redirect(301, `${req.originalUrl.replace(/(\?|$)/, '/$1')}`);
      tenancy
        .resolveActive(address.unverifiedTenant)
        .then(() => {
          allowHttpsImages(res);
          sendIndex(res, next, loginDist, 'login');
        })
        .catch(next);
      return;
    }
    const consoleAsset = CONSOLE_ASSET.exec(p);
    if (consoleAsset?.[1]) return sendAsset(res, next, consoleDist, consoleAsset[1]);

    if (p === '/console') return res.redirect(301, '/console/');
    if (p.startsWith('/console/')) return sendIndex(res, next, consoleDist, 'console');

    next();
  });
}

/**
 * The tenant's public branding, read by the login page before it renders. `no-cache` with an ETag:
 * browsers revalidate every time (a change shows at once) but download it only when it changed.
 */
async function sendBranding(
  req: Request,
  res: Response,
  tenancy: TenancyService,
  unverifiedTenant: string,
): Promise<void> {
  const tenant = await tenancy.resolveActive(unverifiedTenant);
  const body = JSON.stringify(publicBranding(tenant, await tenancy.settings(tenant)));
  const etag = brandingEtag(body);
  res.setHeader('cache-control', 'no-cache');
  res.setHeader('etag', etag);
  if (req.headers['if-none-match'] === etag) {
    res.status(304).end();
    return;
  }
  res.type('application/json').send(body);
}

/**
 * The login page shows the logo an application registered (consent step), served from the
 * application's own https origin: images may come from any https URL. Only `img-src` widens; scripts,
 * styles, connections and forms stay on this origin. An image cannot run code, and the page loads
 * it without a referrer.
 */
function allowHttpsImages(res: Response): void {
  const csp = res.getHeader('content-security-policy');
  if (typeof csp === 'string') {
    res.setHeader('content-security-policy', csp.replace(/img-src [^;]*/, "img-src 'self' data: https:"));
  }
}

function sendAsset(res: Response, next: NextFunction, dist: string, file: string): void {
  res.sendFile(file, { root: dist, dotfiles: 'deny', headers: { 'cache-control': ASSET_CACHE } }, (err) => {
    if (err) next((err as { status?: number }).status === 404 ? AppError.notFound() : err);
  });
}

function sendIndex(res: Response, next: NextFunction, dist: string, appName: string): void {
  if (!existsSync(path.join(dist, 'index.html'))) {
    next(notBuilt(appName));
    return;
  }
  res.sendFile('index.html', { root: dist, headers: { 'cache-control': 'no-cache' } }, (err) => {
    if (err) next(err);
  });
}
