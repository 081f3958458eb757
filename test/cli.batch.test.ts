import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/client.js';
import { stripeWebhookLogs } from '../src/db/schema.js';
import { spell } from './helpers/cli.js';
import { createTestDatabase, type TestDatabase } from './helpers/database.js';

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
});
