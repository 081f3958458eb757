/**
 * Migrations 0009 and 0010 on a database with prepaid credit from before them: `credit_ledger`'s
 * rows become balanced journals of the double-entry ledger, with the same balances, and the old
 * table goes.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationsFolder } from '../src/db/client.js';

let db: PGlite;

/** One migration in one transaction, as the migrator applies them (the ledger's balance check runs at commit). */
async function apply(file: string): Promise<void> {
  const text = await readFile(join(migrationsFolder, file), 'utf8');
  await db.exec('BEGIN');
  for (const statement of text.split('--> statement-breakpoint')) if (statement.trim() !== '') await db.exec(statement);
  await db.exec('COMMIT');
}

const TENANT = '00000000-0000-0000-0000-00000000000a';
const CREATOR = '00000000-0000-0000-0000-00000000000b';

beforeAll(async () => {
  db = new PGlite();
  const files = (await readdir(migrationsFolder)).filter((file) => file.endsWith('.sql')).sort();
  const at = files.indexOf('0009_creator_ledger.sql');
  for (const file of files.slice(0, at)) await apply(file);
  await db.exec(`
    INSERT INTO tenants (id, name, handle) VALUES ('${TENANT}', 'Consumer', 'consumer'), ('${CREATOR}', 'Creator', 'creator');
    INSERT INTO wasm_modules (sha256, bytes, size_bytes) VALUES ('abc', '\\x00', 1);
    INSERT INTO spells (id, tenant_id, name, visibility, price_cents, created_at) VALUES
      ('10000000-0000-0000-0000-000000000001', '${CREATOR}', 'paid', 'public', 5, '2026-01-01');
    INSERT INTO spell_versions (id, spell_id, version, module_sha256, exports) VALUES
      ('20000000-0000-0000-0000-000000000001', '10000000-0000-0000-0000-000000000001', 1, 'abc', '{cast}');
    INSERT INTO purchases (id, tenant_id, stripe_checkout_session_id, mode, credits_cents, credits_reversed_cents) VALUES
      ('30000000-0000-0000-0000-000000000001', '${TENANT}', 'cs_1', 'payment', 1000, 100);
    INSERT INTO casts (id, tenant_id, spell_id, spell_version_id, status, cost_cents, payment, finished_at) VALUES
      ('40000000-0000-0000-0000-000000000001', '${TENANT}', '10000000-0000-0000-0000-000000000001', '20000000-0000-0000-0000-000000000001', 'succeeded', 5, 'credits', now()),
      ('40000000-0000-0000-0000-000000000002', '${TENANT}', '10000000-0000-0000-0000-000000000001', '20000000-0000-0000-0000-000000000001', 'failed', 0, 'credits', now()),
      ('40000000-0000-0000-0000-000000000003', '${TENANT}', '10000000-0000-0000-0000-000000000001', '20000000-0000-0000-0000-000000000001', 'running', NULL, 'credits', NULL);
    INSERT INTO credit_ledger (tenant_id, amount_cents, kind, cast_id, purchase_id) VALUES
      ('${TENANT}', 1000, 'purchase', NULL, '30000000-0000-0000-0000-000000000001'),
      ('${TENANT}', -5, 'cast', '40000000-0000-0000-0000-000000000001', NULL),
      ('${TENANT}', -5, 'cast', '40000000-0000-0000-0000-000000000002', NULL),
      ('${TENANT}', 5, 'refund', '40000000-0000-0000-0000-000000000002', NULL),
      ('${TENANT}', -5, 'cast', '40000000-0000-0000-0000-000000000003', NULL),
      ('${TENANT}', -100, 'payment_refund', NULL, '30000000-0000-0000-0000-000000000001');
  `);
  await apply('0009_creator_ledger.sql');
  await apply('0010_drop_credit_ledger.sql');
});
afterAll(() => db.close());

const balances = async () =>
  Object.fromEntries(
    (await db.query<{ kind: string; balance_cents: string }>('SELECT kind, balance_cents FROM ledger_accounts WHERE balance_cents <> 0 ORDER BY kind')).rows.map(
      (row) => [row.kind, Number(row.balance_cents)],
    ),
  );

describe('db: the creator-ledger migration', () => {
  it('keeps every credit balance, with running casts in flight and finished ones the platform’s', async () => {
    expect(await balances()).toEqual({
      consumer_credit: 1000 - 5 - 5 + 5 - 5 - 100,
      consumer_in_flight: 5,
      platform_revenue: 5,
      external: -1000 + 100,
    });
  });

  it('writes balanced journals whose entries sum to the maintained balances', async () => {
    const { rows } = await db.query<{ unbalanced: string; total: string; mismatched: string }>(`
      SELECT
        (SELECT count(*)::text FROM (SELECT journal_id FROM ledger_entries GROUP BY journal_id HAVING sum(amount_cents) <> 0) j) AS unbalanced,
        (SELECT coalesce(sum(amount_cents), 0)::text FROM ledger_entries) AS total,
        (SELECT count(*)::text FROM ledger_accounts a WHERE a.balance_cents <> coalesce((SELECT sum(amount_cents) FROM ledger_entries e WHERE e.account_id = a.id), 0)) AS mismatched`);
    expect(rows[0]).toEqual({ unbalanced: '0', total: '0', mismatched: '0' });
    const kinds = await db.query<{ kind: string }>('SELECT kind FROM ledger_journals ORDER BY kind');
    expect(kinds.rows.map((row) => row.kind)).toEqual(['cast_charge', 'cast_charge', 'cast_charge', 'cast_refund', 'cast_settle', 'credit_purchase', 'credit_reversal']);
  });

  it('drops credit_ledger, keeps prices and the price casts were charged', async () => {
    const tables = await db.query<{ name: string | null }>("SELECT to_regclass('credit_ledger')::text AS name");
    expect(tables.rows[0]?.name).toBeNull();
    expect((await db.query('SELECT spell_id, price_cents FROM spell_prices')).rows).toEqual([{ spell_id: '10000000-0000-0000-0000-000000000001', price_cents: 5 }]);
    const priced = await db.query<{ price_cents: number | null }>('SELECT price_cents FROM casts ORDER BY id');
    expect(priced.rows.map((row) => row.price_cents)).toEqual([5, null, null]);
  });

  it('refuses to change or delete what the ledger holds, and an unbalanced journal', async () => {
    await expect(db.exec('UPDATE ledger_entries SET amount_cents = amount_cents + 1')).rejects.toThrow(/append-only/);
    await expect(db.exec('DELETE FROM ledger_journals')).rejects.toThrow(/append-only/);
    await expect(db.exec('TRUNCATE ledger_entries')).rejects.toThrow(/append-only/);
    const [account] = (await db.query<{ id: string }>("SELECT id FROM ledger_accounts WHERE kind = 'external'")).rows;
    await expect(
      db.transaction(async (tx) => {
        await tx.exec(`INSERT INTO ledger_journals (id, kind) VALUES ('50000000-0000-0000-0000-000000000001', 'credit_grant')`);
        await tx.exec(`INSERT INTO ledger_entries (journal_id, account_id, amount_cents) VALUES ('50000000-0000-0000-0000-000000000001', '${account?.id ?? ''}', 7)`);
      }),
    ).rejects.toThrow(/does not balance/);
  });
});
