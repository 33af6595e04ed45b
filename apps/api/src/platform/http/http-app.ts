import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import express, { type NextFunction, type Request, type Response } from 'express';
import { AppModule } from '../../app.module.js';
import { PasswordResetService } from '../../modules/authn/password-reset.service.js';
import { SignUpLinkService } from '../../modules/authn/sign-up-link.service.js';
import { interactionServer } from '../../modules/oidc/interaction-http.js';
import { InteractionsService } from '../../modules/oidc/interactions.service.js';
import { installOidcFastPath } from '../../modules/oidc/oidc-fast-path.js';
import { mountOidc } from '../../modules/oidc/oidc-http.js';
import { OidcProviderRegistry } from '../../modules/oidc/oidc-provider.registry.js';
import { CustomDomainsService } from '../../modules/tenancy/custom-domains.service.js';
import { TenancyService } from '../../modules/tenancy/tenancy.service.js';
import { ProblemFilter } from '../errors/problem.filter.js';
import { sendProblem } from '../errors/problem-response.js';
import { accessLog } from '../logging/access-log.js';
import { NestPinoLogger } from '../logging/nest-logger.js';
import type { Runtime } from '../runtime/runtime.js';
import { proxyViewOf } from './client-ip.js';
import { mountHostedApps } from './hosted-apps.js';
import { securityHeaders } from './security-headers.js';

/** Builds the HTTP application on a ready Runtime: middleware order matters and lives here only. */
export async function createHttpApp(runtime: Runtime): Promise<NestExpressApplication> {
  const { logger, config } = runtime;
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(runtime), {
    bodyParser: false,
    logger: new NestPinoLogger(logger.child({ component: 'nest' })),
    abortOnError: false,
  });
  app.disable('x-powered-by');
  // req.ip (per-IP limits, audit) is the socket's address unless proxies are named (config).
  if (config.trustProxy !== undefined) app.set('trust proxy', config.trustProxy);
  app.use(accessLog(logger));
  app.use(securityHeaders);
  // One interaction API for both paths: Express (custom domains) and the fast path below.
  const serveInteraction = interactionServer(app.get(InteractionsService), config.bodyLimitBytes);
  // Before the JSON parser: oidc-provider reads its own request bodies.
  mountOidc(app, {
    config,
    tenancy: app.get(TenancyService),
    customDomains: app.get(CustomDomainsService),
    registry: app.get(OidcProviderRegistry),
    serveInteraction,
    passwordResets: app.get(PasswordResetService),
    signUpLinks: app.get(SignUpLinkService),
  });
  app.use(express.json({ limit: config.bodyLimitBytes, type: ['application/json', 'application/*+json'] }));
  // Body-parser failures (malformed JSON, too large) happen before any route: answer them here.
  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) =>
    sendProblem(err, req, res, logger),
  );
  mountHostedApps(app, app.get(TenancyService), app.get(CustomDomainsService), config);
  app.useGlobalFilters(new ProblemFilter(logger));
  await app.init();
  // Errors passed to next() by the hosted-app middleware land after Nest's routes.
  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) =>
    sendProblem(err, req, res, logger),
  );
  // Token, introspection and the other machine endpoints skip Express (see the module).
  installOidcFastPath(app.getHttpServer(), {
    config,
    tenancy: app.get(TenancyService),
    registry: app.get(OidcProviderRegistry),
    logger,
    serveInteraction,
    ...proxyViewOf(app),
  });
  return app;
}
