import { AppError } from '../../platform/errors/app-error.js';

export const ApplicationErrorCode = {
  /** spa and native applications are public clients: they have no client secret. */
  PublicClient: 'application-public-client',
  /** Switching to a client_secret_* method needs a valid secret first. */
  ClientSecretRequired: 'client-secret-required',
  /** Dynamic client registration: the initial access token is unknown, revoked, expired or used up. */
  InitialAccessTokenUnusable: 'initial-access-token-unusable',
  /** API access is granted to m2m applications only; the others act for a user. */
  NotM2m: 'application-not-m2m',
} as const;

// Unknown ids, malformed ids and other tenants' applications all read the same: existence never leaks.
export const applicationNotFound = () => AppError.notFound('No application with this id in this tenant.');

export const publicClientHasNoSecret = (type: string) =>
  new AppError(ApplicationErrorCode.PublicClient, 409, 'Public client', {
    detail: `A ${type} application is a public client: it has no client secret to rotate.`,
  });

export const clientSecretRequired = () =>
  new AppError(ApplicationErrorCode.ClientSecretRequired, 409, 'Client secret required', {
    detail:
      'This application has no valid client secret. Issue one with POST …/secrets/rotate, ' +
      'then switch tokenEndpointAuthMethod to a client_secret_* method.',
    errors: [
      {
        path: 'tokenEndpointAuthMethod',
        message: 'needs a valid client secret: rotate the secret first',
        code: 'secret_required',
      },
    ],
  });

export const initialAccessTokenUnusable = () =>
  new AppError(ApplicationErrorCode.InitialAccessTokenUnusable, 401, 'Initial access token unusable', {
    detail: 'The initial access token is unknown, revoked, expired or used up.',
  });

export const apiAccessNeedsM2m = (type: string) =>
  new AppError(ApplicationErrorCode.NotM2m, 409, 'Not an m2m application', {
    detail:
      `A ${type} application acts for a signed-in user, whose roles decide the permissions of its ` +
      'tokens. API access is granted to m2m applications, and (without permissions) to web ' +
      'applications registered for token exchange, as back ends of the API.',
  });
