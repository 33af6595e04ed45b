import { PlatformErrorCode, problemType, type TProblem } from '@latchkey/contracts';
import { HttpException } from '@nestjs/common';
import { AppError } from './app-error.js';

/** Errors raised by Express' body parsers (http-errors objects) that carry a `type` and a status. */
interface BodyParserError {
  type: string;
  status: number;
  expose?: boolean;
}

const isBodyParserError = (error: unknown): error is BodyParserError =>
  typeof error === 'object' &&
  error !== null &&
  typeof (error as BodyParserError).type === 'string' &&
  typeof (error as BodyParserError).status === 'number';

const BODY_PARSER_PROBLEMS: Record<string, () => AppError> = {
  'entity.parse.failed': () =>
    new AppError(PlatformErrorCode.MalformedJson, 400, 'Malformed JSON', {
      detail: 'The request body is not valid JSON.',
    }),
  'entity.too.large': () =>
    new AppError(PlatformErrorCode.PayloadTooLarge, 413, 'Payload too large', {
      detail: 'The request body exceeds the size limit.',
    }),
  'encoding.unsupported': () =>
    new AppError(PlatformErrorCode.UnsupportedMediaType, 415, 'Unsupported encoding', {
      detail: 'The request body uses an unsupported character set or content encoding.',
    }),
  'charset.unsupported': () =>
    new AppError(PlatformErrorCode.UnsupportedMediaType, 415, 'Unsupported charset', {
      detail: 'The request body uses an unsupported character set.',
    }),
  'request.aborted': () =>
    new AppError('request-aborted', 400, 'Request aborted', { detail: 'The client aborted the request.' }),
};

const HTTP_CODES: Record<number, [string, string]> = {
  400: ['bad-request', 'Bad request'],
  401: [PlatformErrorCode.Unauthorized, 'Unauthorized'],
  403: [PlatformErrorCode.Forbidden, 'Forbidden'],
  404: [PlatformErrorCode.NotFound, 'Not found'],
  405: [PlatformErrorCode.MethodNotAllowed, 'Method not allowed'],
  409: [PlatformErrorCode.Conflict, 'Conflict'],
  413: [PlatformErrorCode.PayloadTooLarge, 'Payload too large'],
  415: [PlatformErrorCode.UnsupportedMediaType, 'Unsupported media type'],
  429: [PlatformErrorCode.RateLimited, 'Too many requests'],
  503: [PlatformErrorCode.ServiceUnavailable, 'Service unavailable'],
};

/** Maps anything thrown to an AppError; `undefined` means it is our fault (answer 500, log it). */
export function toAppError(error: unknown): AppError | undefined {
  if (error instanceof AppError) return error;
  if (isBodyParserError(error)) {
    const known = BODY_PARSER_PROBLEMS[error.type];
    if (known) return known();
    if (error.status >= 400 && error.status < 500) return fromStatus(error.status, undefined);
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    if (status === 404) return AppError.notFound();
    if (status < 500) return fromStatus(status, error.message);
  }
  return undefined;
}

function fromStatus(status: number, detail: string | undefined): AppError {
  const [code, title] = HTTP_CODES[status] ?? ['client-error', 'Client error'];
  return new AppError(code, status, title, { detail });
}

export function toProblem(error: AppError, requestId: string | undefined, instance: string): TProblem {
  return {
    type: problemType(error.code),
    title: error.title,
    status: error.status,
    ...(error.detail ? { detail: error.detail } : {}),
    instance,
    ...(requestId ? { requestId } : {}),
    ...(error.errors ? { errors: error.errors } : {}),
  };
}

export const INTERNAL_PROBLEM = (requestId: string | undefined, instance: string): TProblem => ({
  type: problemType(PlatformErrorCode.Internal),
  title: 'Internal server error',
  status: 500,
  detail: 'Something went wrong on our side. Quote the request id when reporting it.',
  instance,
  ...(requestId ? { requestId } : {}),
});
