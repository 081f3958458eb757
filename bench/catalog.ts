/**
 * Catalog benchmark, in process (app.inject, no network): the public catalog's first page, a
 * search by word, by owner and by tag, and one spell's page, on a database seeded with many
 * owners' spells and their casts (the catalog counts casts and successes per listed spell).
 *
 *   npm run bench:catalog                                          # embedded PGlite (in memory)
 *   DATABASE_URL=postgres://… npm run bench:catalog               # PostgreSQL (a fresh database is made and dropped)
 *   npm run bench:catalog -- --spells 20000 --casts 200 --rounds 50
 */
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { startBenchApp, timed } from './in-process.js';

const { values: args } = parseArgs({
  options: {
    spells: { type: 'string', default: '5000' },
    owners: { type: 'string', default: '500' },
    casts: { type: 'string', default: '100' },
    rounds: { type: 'string', default: '20' },
  },
});
const spellCount = Number(args.spells);
const ownerCount = Number(args.owners);
const castsPerSpell = Number(args.casts);
const rounds = Number(args.rounds);

const { app, services, close } = await startBenchApp({ RATE_LIMIT_USER_PER_MINUTE: '1000000000' });
const ok = (response: { statusCode: number; body: string }) => {
  if (response.statusCode !== 200) throw new Error(`${response.statusCode} ${response.body}`);
};
const adminUrl = process.env.DATABASE_URL;
const registered = await app.inject({
  method: 'POST',
  url: '/v1/auth/register',
  payload: { email: 'reader@example.com', password: 'a long enough password' },
});
const reader = registered.json<{ token: string; user: { tenant_id: string } }>();
const headers = { authorization: `Bearer ${reader.token}` };

console.log(`database: ${services.database.kind}; seeding ${ownerCount} owners, ${spellCount} public spells, ${castsPerSpell} casts each…`);
const { db } = services;
await db.execute(sql`insert into tenants (name, handle) select 'Owner ' || g, 'owner-' || g from generate_series(1, ${ownerCount}) g`);
await db.execute(sql`insert into tenant_handles (handle, tenant_id) select handle, id from tenants where handle like 'owner-%'`);
await db.execute(sql`insert into wasm_modules (sha256, bytes, size_bytes) values ('bench', '\\x0061736d01000000'::bytea, 8)`);
const words = ['resize', 'image', 'text', 'stats', 'json', 'reshape', 'markdown', 'csv', 'hash', 'translate'];
await db.execute(sql`
  insert into spells (tenant_id, name, description, visibility, ever_public, price_cents, tags)
  select t.id, 'spell-' || g, 'Does ' || (${sql.raw(`array['${words.join("','")}']`)})[1 + g % ${words.length}] || ' things, number ' || g,
    'public', true, g % 7, array['tag-' || (g % 20)]
  from generate_series(1, ${spellCount}) g
  join tenants t on t.handle = 'owner-' || (1 + g % ${ownerCount})`);
await db.execute(sql`insert into spell_versions (spell_id, version, module_sha256, exports) select id, 1, 'bench', array['cast'] from spells`);
await db.execute(sql`
  insert into casts (tenant_id, spell_id, spell_version_id, status, duration_ms, cost_cents, created_at, finished_at)
  select ${reader.user.tenant_id}::uuid, v.spell_id, v.id, case when g % 10 = 0 then 'failed' else 'succeeded' end, 3, 0, now(), now()
  from spell_versions v, generate_series(1, ${castsPerSpell}) g`);
await db.execute(sql`analyze`);

await timed('GET /v1/spells (first page)', rounds, async () => ok(await app.inject({ url: '/v1/spells', headers })));
await timed('GET /v1/spells?q=reshape', rounds, async () => ok(await app.inject({ url: '/v1/spells?q=reshape', headers })));
await timed('GET /v1/spells?q=markdown+things', rounds, async () => ok(await app.inject({ url: '/v1/spells?q=markdown%20things', headers })));
await timed('GET /v1/spells?owner=owner-7', rounds, async () => ok(await app.inject({ url: '/v1/spells?owner=owner-7', headers })));
await timed('GET /v1/spells?tag=tag-3', rounds, async () => ok(await app.inject({ url: '/v1/spells?tag=tag-3', headers })));
await timed('GET /v1/spells/owner-8/spell-7', rounds, async () => ok(await app.inject({ url: '/v1/spells/owner-8/spell-7', headers })));
console.log(
  `reproduce: ${adminUrl ? 'DATABASE_URL=… ' : ''}npm run bench:catalog -- --spells ${spellCount} --owners ${ownerCount} --casts ${castsPerSpell} --rounds ${rounds}`,
);

await close();
