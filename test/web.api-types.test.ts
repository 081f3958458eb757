import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { API_TYPES_FILE, loadOpenApiDocument, renderApiTypes } from '../scripts/api-types.js';

describe('web.api-types', () => {
  it('web/src/api/schema.ts is what openapi-typescript generates from the current /openapi.json', async () => {
    const generated = await renderApiTypes(await loadOpenApiDocument());
    expect(readFileSync(API_TYPES_FILE, 'utf8') === generated, 'web/src/api/schema.ts is stale: run `npm run api:types`').toBe(true);
  });
});
