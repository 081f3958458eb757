import pino from 'pino';
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/client.js';
import { closeServices, createServices } from '../src/services.js';

/** Where the web app's generated API types live. */
export const API_TYPES_FILE = new URL('../web/src/api/schema.ts', import.meta.url);

/** The OpenAPI document as `GET /openapi.json` serves it, from an app on an empty in-memory database. */
export async function loadOpenApiDocument(): Promise<Record<string, unknown>> {
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', SESSION_SECRET: 'openapi-document-only-0123456789abcdef' });
  const database = await openDatabase({ dataDir: 'memory://' });
  await database.migrate();
  const services = await createServices(config, { database, logger: pino({ level: 'silent' }) });
  try {
    const app = await buildApp(services);
    await app.ready();
    const response = await app.inject({ url: '/openapi.json' });
    await app.close();
    return response.json<Record<string, unknown>>();
  } finally {
    await closeServices(services);
  }
}

/** The TypeScript the web app imports, generated from the document by openapi-typescript. */
export async function renderApiTypes(document: Record<string, unknown>): Promise<string> {
  const ast = await openapiTS(document as unknown as OpenAPI3);
  return `/**\n * Generated from /openapi.json by \`npm run api:types\`; do not edit by hand.\n */\n\n${astToString(ast)}`;
}
