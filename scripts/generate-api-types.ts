import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { API_TYPES_FILE, loadOpenApiDocument, renderApiTypes } from './api-types.js';

/** `npm run api:types`: regenerates web/src/api/schema.ts from the server's OpenAPI document. */
writeFileSync(API_TYPES_FILE, await renderApiTypes(await loadOpenApiDocument()));
console.log(`wrote ${fileURLToPath(API_TYPES_FILE)}`);
