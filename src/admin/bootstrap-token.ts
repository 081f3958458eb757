import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { adminTokens } from '../db/schema.js';
import type { Services } from '../services.js';
import { createAdminToken } from './tokens.js';

export const BOOTSTRAP_TOKEN_NAME = 'first start';
/** Where, under DATA_DIR, the first start leaves its admin token. */
export const BOOTSTRAP_TOKEN_FILE = 'admin-token';

/**
 * On the embedded database, the first start makes an admin token and leaves it in
 * `DATA_DIR/admin-token`, readable by the server's user alone. `spell admin token create` needs
 * the database to itself, and PGlite has a single writer, so without this the first admin token
 * would mean stopping the server; the admin API and console cannot make one without a token
 * either. Only when no admin token was ever made (a revoked one counts), so a later start makes no
 * other. The log says where the file is, never what it holds. On PostgreSQL
 * `spell admin token create` works beside running servers.
 */
export async function createBootstrapAdminToken(services: Services): Promise<void> {
  // Only an embedded database on disk: the token goes beside its files. In memory there is
  // nowhere to leave it, and PostgreSQL has the CLI.
  const { dataDir } = services.database;
  if (services.database.kind !== 'pglite' || dataDir === undefined) return;
  const [existing] = await services.db.select({ id: adminTokens.id }).from(adminTokens).limit(1);
  if (existing) return;
  const path = join(dataDir, BOOTSTRAP_TOKEN_FILE);
  const created = await createAdminToken(services.db, { name: BOOTSTRAP_TOKEN_NAME, now: services.clock.now(), actor: { type: 'system', id: 'server' } });
  await writeFile(path, `${created.token}\n`, { mode: 0o600 });
  services.logger.warn(
    { admin_token_id: created.id, path },
    `No admin token existed, so one was made for the admin API and console at /admin and written to ${path} ` +
      `(readable by this user only; delete the file once you have it; npx spell admin token list | revoke ${created.id})`,
  );
}
