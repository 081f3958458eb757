import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/client.js';
import { creatorPayoutAccounts, stripeWebhookLogs } from '../src/db/schema.js';
import { billingEnv, startStripeStandIn } from './helpers/billing.js';
import { spell } from './helpers/cli.js';
import { createTestDatabase, type TestDatabase } from './helpers/database.js';
import { earn } from './helpers/payouts.js';

const DAY = 86_400_000;
let dataDir: string;
let database: TestDatabase | undefined;
let env: Record<string, string>;

/** `spell <args>` in process, against this test's database (PGlite on disk, or PostgreSQL). */
const batch = (args: string[]) => spell(['batch', ...args], { env });

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'spell-batch-'));
  database = process.env.DATABASE_URL ? await createTestDatabase() : undefined;
  env = database?.url ? { DATABASE_URL: database.url } : { DATA_DIR: dataDir };
  const handle = await openDatabase({ url: database?.url, dataDir });
  try {
    await handle.migrate();
    const now = Date.now();
    const rows = [40, 35, 31, 2].map((daysAgo, index) => ({
      eventId: `evt_batch_${index}`,
      type: 'invoice.paid',
      eventCreatedAt: new Date(now - daysAgo * DAY),
      receivedAt: new Date(now - daysAgo * DAY),
      result: 'processed' as const,
    }));
    await handle.db.insert(stripeWebhookLogs).values(rows);
  } finally {
    await handle.close();
  }
});
afterAll(async () => {
  rmSync(dataDir, { recursive: true, force: true });
  await database?.drop();
});

describe('cli.batch', () => {
  it('says one count in a webhook-cleanup dry run, the one a real run then deletes', async () => {
    const dry = await batch(['webhook-cleanup', '--dry-run', '--older-than', '30d']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/^would delete 3 webhook log rows received before /m);
    expect(dry.stdout).toContain('webhook-cleanup: dry run, nothing changed (3 would)');

    const real = await batch(['webhook-cleanup', '--older-than', '30d']);
    expect(real.stdout).toMatch(/^deleted 3 webhook log rows received before /m);
    expect(real.stdout).toContain('webhook-cleanup: 3 changed');
  });

  it('prints who a payouts dry run would pay, and that with billing off there is nothing to pay', async () => {
    const off = await batch(['payouts', '--dry-run']);
    expect(off.code).toBe(0);
    expect(off.stdout).toContain('billing is off: earnings are book entries, nothing is paid out');

    const tenantId = randomUUID();
    const handle = await openDatabase({ url: database?.url, dataDir });
    try {
      await handle.db.insert(creatorPayoutAccounts).values({ tenantId, stripeAccountId: 'acct_cli_batch', payoutsEnabled: true, detailsSubmitted: true });
      await earn(handle.db, tenantId, 900);
    } finally {
      await handle.close();
    }
    const stripe = await startStripeStandIn();
    try {
      const dry = await spell(['batch', 'payouts', '--dry-run'], { env: { ...env, ...billingEnv(stripe) } });
      expect(dry.code).toBe(0);
      expect(dry.stdout).toContain('would release 900 cents of held earnings to 1 creators');
      expect(dry.stdout).toContain(`would pay 9.00 USD to tenant ${tenantId} (deleted) (acct_cli_batch)`);
      expect(dry.stdout).toContain('payouts: dry run, nothing changed (2 would)');
      expect(stripe.requests).toHaveLength(0);
    } finally {
      await stripe.close();
    }
  });
});
