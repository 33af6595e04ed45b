import { PlatformErrorCode } from '@latchkey/contracts';
import { AppError } from '../errors/app-error.js';

export const unauthenticated = (detail: string) =>
  new AppError(PlatformErrorCode.Unauthorized, 401, 'Unauthorized', {
    detail,
    headers: { 'www-authenticate': 'Bearer realm="latchkey"' },
  });

export const platformOnly = () =>
  new AppError(PlatformErrorCode.Forbidden, 403, 'Forbidden', {
    detail: 'This operation needs a platform credential (one of the system tenant).',
  });
