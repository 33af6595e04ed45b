import { buildOpenApiDocument, MANAGEMENT_ROUTES } from '@latchkey/contracts';
import { Controller, Get, Header } from '@nestjs/common';

/** The management API's OpenAPI 3.1 document, generated from the same contracts the routes bind. */
@Controller()
export class OpenApiController {
  private readonly document = buildOpenApiDocument(MANAGEMENT_ROUTES);

  @Get('api/v1/openapi.json')
  @Header('cache-control', 'no-cache')
  openapi(): object {
    return this.document;
  }
}
