import { buildOpenApiDocument, MANAGEMENT_ROUTES } from '@latchkey/contracts';
import { Controller, Get, Header, Inject } from '@nestjs/common';
import type { AppConfig } from '../../platform/config/config.js';
import { APP_CONFIG } from '../../platform/config/config.js';

/** The management API's OpenAPI 3.1 document, generated from the same contracts the routes bind. */
@Controller()
export class OpenApiController {
  private readonly document: object;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.document = buildOpenApiDocument(MANAGEMENT_ROUTES, { version: config.version });
  }

  @Get('api/v1/openapi.json')
  @Header('cache-control', 'no-cache')
  openapi(): object {
    return this.document;
  }
}
