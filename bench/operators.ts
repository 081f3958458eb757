/**
 * Operator-side benchmark, in process (app.inject, no network): issuing license-key batches,
 * claiming keys (Argon2id-bound), and the admin lists an operator pages through (tenant search,
 * audit log) on a seeded database.
 *
 *   npm run bench:operators                                     # embedded PGlite (in memory)
 *   DATABASE_URL=postgres://… npm run bench:operators          # PostgreSQL (a fresh database is made and dropped)
 *   npm run bench:operators -- --tenants 20000 --rounds 50     # options
 */
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { createAdminToken } from '../src/admin/tokens.js';
import { startBenchApp, timed } from './in-process.js';

const { values: args } = parseArgs({
  options: { tenants: { type: 'string', default: '5000' }, rounds: { type: 'string', default: '20' } },
});
const tenantCount = Number(args.tenants);
const rounds = Number(args.rounds);

const { app, services, close } = await startBenchApp({ RATE_LIMIT_LICENSE_CLAIM_PER_MINUTE: '1000000' });
const adminUrl = process.env.DATABASE_URL;
const { token } = await createAdminToken(services.db, { name: 'bench', now: new Date() });
const headers = { authorization: `Bearer ${token}` };

console.log(`database: ${services.database.kind}; seeding ${tenantCount} tenants with an owner and two audit rows each…`);
await services.db.execute(sql`insert into tenants (name, handle) select 'Tenant ' || g, 'tenant-' || g from generate_series(1, ${tenantCount}) g`);
await services.db.execute(sql`insert into tenant_handles (handle, tenant_id) select handle, id from tenants`);
await services.db.execute(sql`insert into users (tenant_id, role, email) select id, 'owner', lower(replace(name, ' ', '-')) || '@example.com' from tenants`);
await services.db.execute(sql`insert into billing_audit_logs (action, actor_type, tenant_id, target_type, target_id)
  select a, 'system', id, 'tenant', id::text from tenants, unnest(array['tenant_status_changed', 'entitlement_created']) a`);

const keys: string[] = [];
await timed('POST /v1/admin/license-keys (1000 keys)', Math.max(3, Math.floor(rounds / 4)), async () => {
  const response = await app.inject({ method: 'POST', url: '/v1/admin/license-keys', headers, payload: { count: 1000, memo: 'bench' } });
  keys.push(...response.json<{ keys: { key: string }[] }>().keys.map((key) => key.key));
});
await timed('POST /v1/public/license/claim', rounds, async (round) => {
  const response = await app.inject({
    method: 'POST',
    url: '/v1/public/license/claim',
    remoteAddress: `10.0.${Math.floor(round / 200)}.${(round % 200) + 1}`,
    payload: { email: `bench-${round}@example.com`, password: 'a long enough password', display_name: 'B', tenant_name: 'B', license_key: keys[round] },
  });
  if (response.statusCode !== 201) throw new Error(response.body);
});
await timed(`GET /v1/admin/tenants?q=… (${tenantCount} tenants)`, rounds, async (round) => {
  await app.inject({ url: `/v1/admin/tenants?q=tenant-${(round * 37) % tenantCount}@`, headers });
});
await timed('GET /v1/admin/tenants (first page of 50)', rounds, async () => {
  await app.inject({ url: '/v1/admin/tenants', headers });
});
await timed('GET /v1/admin/audit-logs?action=… (page of 50)', rounds, async () => {
  await app.inject({ url: '/v1/admin/audit-logs?action=entitlement_created', headers });
});
await timed('GET /v1/admin/license-keys?status=unused', rounds, async () => {
  await app.inject({ url: '/v1/admin/license-keys?status=unused', headers });
});

await close();
console.log(`reproduce: ${adminUrl ? 'DATABASE_URL=… ' : ''}npm run bench:operators -- --tenants ${tenantCount} --rounds ${rounds}`);
