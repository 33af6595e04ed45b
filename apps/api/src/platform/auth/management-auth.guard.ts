import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { ApiKeysService } from '../../modules/api-keys/api-keys.service.js';
import { PRINCIPAL_KEY, type RequestWithPrincipal } from './principal.js';

/**
 * Authenticates every management API call. Today: API keys; F3 adds Latchkey-issued access tokens
 * as a second credential kind that yields the same Principal.
 */
@Injectable()
export class ManagementAuthGuard implements CanActivate {
  constructor(private readonly apiKeys: ApiKeysService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<Request & RequestWithPrincipal>();
    req[PRINCIPAL_KEY] = await this.apiKeys.authenticate(req.headers.authorization);
    return true;
  }
}
