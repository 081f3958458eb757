/**
 * Catalog benchmark, in process (app.inject, no network): the public catalog's first page, a
 * search by word, by owner and by tag, and one spell's page, on a database seeded with many
 * owners' spells and their casts (the catalog counts casts and successes per listed spell).
 *
 *   npm run bench:catalog                                          # embedded PGlite (in memory)
 *   DATABASE_URL=postgres://… npm run bench:catalog               # PostgreSQL (a fresh database is made and dropped)
 *   npm run bench:catalog -- --spells 20000 --casts 200 --rounds 50
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import pino from 'pino';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/client.js';
import { closeServices, createServices } from '../src/services.js';

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

async function timed(label: string, run: () => Promise<{ statusCode: number; body: string }>): Promise<void> {
  const samples: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    const start = process.hrtime.bigint();
    const response = await run();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (response.statusCode !== 200) throw new Error(`${label}: ${response.statusCode} ${response.body}`);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]?.toFixed(1);
  console.log(`${label.padEnd(48)} p50 ${at(0.5)} ms  p90 ${at(0.9)} ms  (${rounds} runs)`);
}

const adminUrl = process.env.DATABASE_URL;
const name = `spell_bench_${randomBytes(4).toString('hex')}`;
const withAdmin = async (statement: string) => {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(statement);
  await client.end();
};
let url: string | undefined;
if (adminUrl) {
  await withAdmin(`create database ${name}`);
  const parsed = new URL(adminUrl);
  parsed.pathname = `/${name}`;
  url = parsed.toString();
}
const database = await openDatabase({ url, dataDir: 'memory://' });
await database.migrate();
const config = loadConfig({ LOG_LEVEL: 'silent', SEED_DEMO_SPELL: 'false', RATE_LIMIT_USER_PER_MINUTE: '1000000000', ...(url ? { DATABASE_URL: url } : {}) });
const services = await createServices(config, { database, logger: pino({ level: 'silent' }) });
const app = await buildApp(services);
const registered = await app.inject({
  method: 'POST',
  url: '/v1/auth/register',
  payload: { email: 'reader@example.com', password: 'a long enough password' },
});
const reader = registered.json<{ token: string; user: { tenant_id: string } }>();
const headers = { authorization: `Bearer ${reader.token}` };

console.log(`database: ${database.kind}; seeding ${ownerCount} owners, ${spellCount} public spells, ${castsPerSpell} casts each…`);
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

await timed('GET /v1/spells (first page)', () => app.inject({ url: '/v1/spells', headers }));
await timed('GET /v1/spells?q=reshape', () => app.inject({ url: '/v1/spells?q=reshape', headers }));
await timed('GET /v1/spells?q=markdown+things', () => app.inject({ url: '/v1/spells?q=markdown%20things', headers }));
await timed('GET /v1/spells?owner=owner-7', () => app.inject({ url: '/v1/spells?owner=owner-7', headers }));
await timed('GET /v1/spells?tag=tag-3', () => app.inject({ url: '/v1/spells?tag=tag-3', headers }));
await timed('GET /v1/spells/owner-8/spell-7', () => app.inject({ url: '/v1/spells/owner-8/spell-7', headers }));
console.log(
  `reproduce: ${adminUrl ? 'DATABASE_URL=… ' : ''}npm run bench:catalog -- --spells ${spellCount} --owners ${ownerCount} --casts ${castsPerSpell} --rounds ${rounds}`,
);

await app.close();
await closeServices(services);
if (adminUrl) await withAdmin(`drop database if exists ${name} with (force)`);
