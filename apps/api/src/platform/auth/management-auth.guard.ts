import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { ApiKeysService } from '../../modules/api-keys/api-keys.service.js';
import { AccessTokenAuthenticator } from '../../modules/oidc/access-token-authenticator.js';
import { PRINCIPAL_KEY, type RequestWithPrincipal } from './principal.js';

/**
 * Authenticates every management API call: an API key, or an access token Latchkey issued for the
 * management API (client_credentials of an m2m application with management access). Both yield
 * the same Principal, so authorization downstream does not care which it was.
 */
@Injectable()
export class ManagementAuthGuard implements CanActivate {
  constructor(
    private readonly apiKeys: ApiKeysService,
    private readonly accessTokens: AccessTokenAuthenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<Request & RequestWithPrincipal>();
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    // API keys start with `lk_`; anything else that looks like a JWT is tried as an access token.
    req[PRINCIPAL_KEY] =
      bearer && !bearer.startsWith('lk_') && bearer.split('.').length === 3
        ? await this.accessTokens.authenticate(bearer)
        : await this.apiKeys.authenticate(req.headers.authorization);
    return true;
  }
}
