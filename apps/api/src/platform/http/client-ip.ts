import type { IncomingMessage } from 'node:http';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Application } from 'express';
import proxyAddr from 'proxy-addr';

type TrustFunction = (address: string | undefined, hop: number) => boolean;

/**
 * How Express places a request behind proxies, for requests served outside Express (the OIDC fast
 * path): the same library and the trust function Express compiled from the `trust proxy` setting
 * (config `TRUST_PROXY`), so both paths agree on every request.
 */
export function proxyViewOf(app: NestExpressApplication) {
  const express = app.getHttpAdapter().getInstance() as Application;
  const trust = () => express.get('trust proxy fn') as TrustFunction;
  return {
    /** The client's address, as `req.ip` reads it. */
    clientIp: (req: IncomingMessage): string | undefined =>
      proxyAddr(req as Parameters<typeof proxyAddr>[0], trust() as Parameters<typeof proxyAddr>[1]),
    /** Whether `req.hostname` comes from X-Forwarded-Host: sent by a proxy Express trusts. */
    forwardedHost: (req: IncomingMessage): boolean =>
      req.headers['x-forwarded-host'] !== undefined && trust()(req.socket.remoteAddress, 0),
  };
}
