import { AppError } from '../../platform/errors/app-error.js';

export const TenancyErrorCode = {
  TenantNotFound: 'tenant-not-found',
  TenantSuspended: 'tenant-suspended',
} as const;

export const tenantNotFound = () =>
  new AppError(TenancyErrorCode.TenantNotFound, 404, 'Tenant not found', {
    detail: 'No tenant is served at this address.',
  });

export const tenantSuspended = () =>
  new AppError(TenancyErrorCode.TenantSuspended, 403, 'Tenant suspended', {
    detail: 'This tenant is suspended. Contact its administrator.',
  });
