import { adminTokens } from '../db/schema.js';
import type { Services } from '../services.js';
import { createAdminToken } from './tokens.js';

export const BOOTSTRAP_TOKEN_NAME = 'first start';

/**
 * On the embedded database, the first start makes an admin token and writes it to the log, once.
 * `spell admin token create` needs the database to itself, and PGlite has a single writer, so
 * without this the first admin token would mean stopping the server; the admin API and console
 * cannot make one without a token either. Only when no admin token was ever made (a revoked one
 * counts), so a later start never prints another. On PostgreSQL `spell admin token create` works
 * beside running servers, and production logs carry no credentials.
 */
export async function createBootstrapAdminToken(services: Services): Promise<void> {
  if (services.database.kind !== 'pglite') return;
  const [existing] = await services.db.select({ id: adminTokens.id }).from(adminTokens).limit(1);
  if (existing) return;
  const created = await createAdminToken(services.db, {
    name: BOOTSTRAP_TOKEN_NAME,
    now: services.clock.now(),
    actor: { type: 'system', id: 'server' },
  });
  // In the message, not a field: fields named `token` are redacted from every log line.
  services.logger.warn(
    { admin_token_id: created.id },
    `No admin token existed, so this one was made for the admin API and console at /admin; it is shown once, keep it safe ` +
      `(npx spell admin token list | revoke ${created.id}): ${created.token}`,
  );
}
