import type { NestExpressApplication } from '@nestjs/platform-express';
import express, { type NextFunction, type Request, type Response } from 'express';
import type Provider from 'oidc-provider';
import type { AppConfig } from '../../platform/config/config.js';
import { AppError } from '../../platform/errors/app-error.js';
import { originRejected } from '../authn/account-recovery.errors.js';
import type { PasswordResetService } from '../authn/password-reset.service.js';
import type { SignUpLinkService } from '../authn/sign-up-link.service.js';
import type { CustomDomainsService } from '../tenancy/custom-domains.service.js';
import type { TenantRecord } from '../tenancy/tenancy.repository.js';
import type { TenancyService } from '../tenancy/tenancy.service.js';
import { type TenantAddress, tenantAddress } from '../tenancy/tenant-address.js';
import { INTERACTION_PATH, type interactionServer } from './interaction-http.js';
import { issuerFor } from './issuer.js';
import type { OidcProviderRegistry } from './oidc-provider.registry.js';
import { handToProvider } from './provider-dispatch.js';

const OIDC_PATH =
  /^\/(?:oauth2\/|\.well-known\/(?:openid-configuration|jwks\.json|oauth-authorization-server)$)/;
/**
 * The APIs the pages of mailed links call, with no interaction (docs/password-reset.md,
 * docs/sign-up.md#verification-by-link): `password-reset` or `email-verification`, then the action.
 */
const ACCOUNT_PATH = /^\/account\/(password-reset|email-verification)\/(check|complete)$/;

export interface OidcHttpDeps {
  config: Pick<AppConfig, 'publicUrl' | 'tenantDomain' | 'bodyLimitBytes'>;
  tenancy: TenancyService;
  customDomains: CustomDomainsService;
  registry: OidcProviderRegistry;
  /** The login interaction API (interaction-http.ts), the one the fast path serves too. */
  serveInteraction: ReturnType<typeof interactionServer>;
  passwordResets: PasswordResetService;
  signUpLinks: SignUpLinkService;
}

interface ResolvedTenant {
  address: TenantAddress;
  tenant: TenantRecord;
  issuer: string;
  provider: Provider;
}

/**
 * Routes a tenant's OAuth / OIDC endpoints to its oidc-provider and serves the login interaction
 * API, on every address the tenant has: `/t/{slug}/…`, `{slug}.{TENANT_DOMAIN}/…` and its verified
 * custom domains. Mounted before the JSON body parser: oidc-provider reads its own bodies.
 */
export function mountOidc(app: NestExpressApplication, deps: OidcHttpDeps): void {
  const ownHost = new URL(deps.config.publicUrl).hostname;
  const parseJson = express.json({ limit: deps.config.bodyLimitBytes, type: () => true });
  const { serveInteraction } = deps;

  const addressOf = async (req: Request): Promise<TenantAddress | undefined> => {
    const direct = tenantAddress(req.hostname, req.path, deps.config.tenantDomain);
    if (direct?.via === 'subdomain' || req.hostname === ownHost) return direct;
    if (
      !direct &&
      !OIDC_PATH.test(req.path) &&
      !INTERACTION_PATH.test(req.path) &&
      !ACCOUNT_PATH.test(req.path)
    ) {
      return undefined;
    }
    // A verified custom domain serves its own tenant only: `/t/{other}/…` there is just a path of
    // that tenant, never another tenant's provider under this tenant's name.
    const tenant = await deps.customDomains.tenantForHost(req.hostname);
    if (tenant) return { unverifiedTenant: tenant.slug, via: 'custom-domain', rest: req.path, basePath: '' };
    return direct;
  };

  const resolve = async (req: Request, address: TenantAddress): Promise<ResolvedTenant> => {
    const tenant = await deps.tenancy.resolveActive(address.unverifiedTenant);
    const issuer = issuerFor(address, tenant.slug, deps.config.publicUrl, req.headers.host ?? req.hostname);
    return { address, tenant, issuer, provider: await deps.registry.providerFor(tenant, issuer) };
  };

  app.use((req: Request, res: Response, next: NextFunction) => {
    addressOf(req)
      .then(async (address) => {
        if (!address) return next();
        if (OIDC_PATH.test(address.rest)) return dispatchToProvider(req, res, await resolve(req, address));
        const interaction = INTERACTION_PATH.exec(address.rest);
        if (interaction?.[1]) {
          const { tenant, provider } = await resolve(req, address);
          const target = { tenant, provider, basePath: address.basePath };
          return serveInteraction(req, res, target, interaction[1], interaction[2]);
        }
        const account = ACCOUNT_PATH.exec(address.rest);
        if (account?.[1] && account[2]) {
          return serveAccount(req, res, next, await resolve(req, address), account[1], account[2]);
        }
        next();
      })
      .catch(next);
  });

  /**
   * `{base}/account/{password-reset|email-verification}/{check|complete}`: POST, JSON only, and from
   * a page of this very address (Origin, when the browser sends one, must be the issuer's). The
   * token in the body is the secret that proves the caller read the mail, so it doubles as the
   * anti-CSRF token.
   */
  async function serveAccount(
    req: Request,
    res: Response,
    next: NextFunction,
    target: ResolvedTenant,
    api: string,
    action: string,
  ): Promise<void> {
    if (req.method !== 'POST') return next(new AppError('method-not-allowed', 405, 'Method not allowed'));
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== new URL(target.issuer).origin) return next(originRejected());
    if (!req.is('application/json')) {
      return next(
        new AppError('unsupported-media-type', 415, 'Unsupported media type', {
          detail: 'The account API accepts application/json only.',
        }),
      );
    }
    await new Promise<void>((done, fail) =>
      parseJson(req, res, (err?: unknown) => (err ? fail(err) : done())),
    );
    const ctx = { ip: req.ip ?? req.socket.remoteAddress ?? 'unknown', userAgent: req.headers['user-agent'] };
    const service = api === 'password-reset' ? deps.passwordResets : deps.signUpLinks;
    const result =
      action === 'check'
        ? await service.check(target.tenant, req.body, ctx)
        : await service.complete(target.tenant, req.body, ctx);
    res.setHeader('cache-control', 'no-store');
    res.json(result);
  }

  /** Hands the request to oidc-provider as if it were mounted at the tenant's base path. */
  function dispatchToProvider(req: Request, res: Response, target: ResolvedTenant): Promise<void> {
    const query = req.originalUrl.indexOf('?');
    return handToProvider(req, res, target, query >= 0 ? req.originalUrl.slice(query) : '');
  }
}
