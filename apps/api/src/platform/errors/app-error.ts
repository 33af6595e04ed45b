import { PlatformErrorCode, type TProblemFieldError } from '@latchkey/contracts';

export interface AppErrorOptions {
  /** For humans (developers); never secrets. */
  detail?: string;
  errors?: TProblemFieldError[];
  /** Response headers the status calls for (WWW-Authenticate on 401, Retry-After on 429). */
  headers?: Record<string, string>;
  cause?: unknown;
}

/**
 * An error the client can act on, carrying a stable code (the problem `type` suffix) and an HTTP
 * status. Services throw these; the one filter turns them into problem+json.
 */
export class AppError extends Error {
  readonly detail: string | undefined;
  readonly errors: TProblemFieldError[] | undefined;
  readonly headers: Record<string, string> | undefined;

  constructor(
    readonly code: string,
    readonly status: number,
    readonly title: string,
    options: AppErrorOptions = {},
  ) {
    super(options.detail ?? title, { cause: options.cause });
    this.name = 'AppError';
    this.detail = options.detail;
    this.errors = options.errors;
    this.headers = options.headers;
  }

  static notFound(detail = 'The requested resource does not exist.') {
    return new AppError(PlatformErrorCode.NotFound, 404, 'Not found', { detail });
  }

  static validation(errors: TProblemFieldError[], detail = 'The request is invalid.') {
    return new AppError(PlatformErrorCode.ValidationFailed, 400, 'Validation failed', { detail, errors });
  }
}
