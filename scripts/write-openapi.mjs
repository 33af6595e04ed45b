// Writes docs/api/openapi.json from the route contracts (run `pnpm openapi` after changing them;
// a test fails while the committed document differs from what the contracts generate).
import { writeFileSync } from 'node:fs';
import { buildOpenApiDocument, MANAGEMENT_ROUTES } from '../packages/contracts/dist/index.js';

const file = new URL('../docs/api/openapi.json', import.meta.url);
writeFileSync(file, `${JSON.stringify(buildOpenApiDocument(MANAGEMENT_ROUTES), null, 2)}\n`);
console.log(`wrote ${file.pathname}`);
