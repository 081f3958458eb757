import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { createAdminToken, listAdminTokens, revokeAdminToken } from '../admin/tokens.js';
import type { AuditActor } from '../audit/audit-log.js';
import { loadConfig } from '../config.js';
import { openDatabase, type Database } from '../db/client.js';
import { parseAge, runJob } from '../jobs/run-job.js';
import { JOB_NAMES, type JobName } from '../jobs/types.js';
import { MIN_WEBHOOK_LOG_AGE_MS } from '../jobs/webhook-cleanup.js';
import { issueLicenseKeys } from '../licenses/issue.js';

/**
 * Opens the configured database for one operator command. The embedded database is migrated
 * first (as the server would); on PostgreSQL that is `spell migrate`'s job.
 */
async function withDatabase<T>(work: (db: Database, config: ReturnType<typeof loadConfig>) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  try {
    if (database.kind === 'pglite') await database.migrate();
    return await work(database.db, config);
  } finally {
    await database.close();
  }
}

/** Operator commands run with database access, and are audited as the shell user who ran them. */
function cliActor(): AuditActor {
  return { type: 'operator', id: `cli:${userInfo().username}` };
}

function positiveCount(value: string): number {
  const count = Number(value);
  if (!Number.isInteger(count) || count < 1 || count > 1000) throw new Error('--count must be a whole number from 1 to 1000');
  return count;
}

const csvField = (value: string) => (/[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/** `spell batch`, `spell admin token …`, `spell license generate`. */
export function registerOperatorCommands(program: Command): void {
  program
    .command('batch')
    .description(`Run a batch job now: ${JOB_NAMES.join(' | ')}`)
    .argument('<job>', JOB_NAMES.join(' | '))
    .option('--dry-run', 'print what would change, change nothing')
    .option('--older-than <age>', 'webhook-cleanup: delete log rows older than this (e.g. 30d, 12h)')
    .action(async (job: string, options: { dryRun?: boolean; olderThan?: string }) => {
      if (!(JOB_NAMES as readonly string[]).includes(job)) throw new Error(`unknown job "${job}"; one of: ${JOB_NAMES.join(', ')}`);
      const olderThanMs = options.olderThan === undefined ? undefined : parseAge(options.olderThan);
      if (olderThanMs === undefined && options.olderThan !== undefined) throw new Error('--older-than must look like 30d, 12h or 90m');
      if (olderThanMs !== undefined && olderThanMs < MIN_WEBHOOK_LOG_AGE_MS) {
        throw new Error('--older-than must be at least 3d: Stripe redelivers events for up to three days');
      }
      const report = await withDatabase((db, config) =>
        runJob(db, job as JobName, {
          now: new Date(),
          dryRun: options.dryRun ?? false,
          olderThanMs: olderThanMs ?? config.jobs.webhookRetentionDays * 86_400_000,
        }),
      );
      for (const line of report.lines) console.log(line);
      console.log(report.dryRun ? `${job}: dry run, nothing changed (${report.wouldChange} would)` : `${job}: ${report.changed} changed`);
    });

  const admin = program.command('admin').description('Operator credentials');
  const token = admin.command('token').description('Admin API tokens');
  token
    .command('create')
    .description('Create an admin token (printed once; only its hash is kept)')
    .requiredOption('--name <name>', 'who or what holds it, e.g. "alice" or "support console"')
    .action(async (options: { name: string }) => {
      const created = await withDatabase((db) => createAdminToken(db, { name: options.name, now: new Date(), actor: cliActor() }));
      console.error(`admin token ${created.id} created for "${options.name}"; it is shown once, keep it safe:`);
      console.log(created.token);
    });
  token
    .command('list')
    .description('List admin tokens (never the secrets)')
    .action(async () => {
      const tokens = await withDatabase((db) => listAdminTokens(db));
      for (const row of tokens) {
        const state = row.revokedAt ? `revoked ${row.revokedAt.toISOString()}` : 'active';
        console.log(`${row.id}  ${row.name}  created ${row.createdAt.toISOString()}  last used ${row.lastUsedAt?.toISOString() ?? 'never'}  ${state}`);
      }
    });
  token
    .command('revoke')
    .description('Revoke an admin token by id')
    .argument('<id>', 'the token id from `spell admin token list`')
    .action(async (id: string) => {
      const revoked = await withDatabase((db) => revokeAdminToken(db, { id, now: new Date(), actor: cliActor() }));
      if (!revoked) throw new Error(`no active admin token ${id}`);
      console.log(`admin token ${id} revoked`);
    });

  program
    .command('license')
    .description('License keys')
    .command('generate')
    .description('Issue a batch of license keys and print them once, as CSV (key,id,batch_id,memo)')
    .requiredOption('--count <n>', 'how many keys (1-1000)', positiveCount)
    .requiredOption('--memo <memo>', 'what the batch is for, e.g. "Conference 2026 giveaway"')
    .action(async (options: { count: number; memo: string }) => {
      const batch = await withDatabase((db, config) =>
        issueLicenseKeys(db, { count: options.count, memo: options.memo, prefix: config.licenses.keyPrefix, actor: cliActor(), now: new Date() }),
      );
      console.log('key,id,batch_id,memo');
      for (const key of batch.keys) console.log([key.key, key.id, batch.batchId, csvField(batch.memo)].join(','));
      console.error(`${batch.keys.length} license keys issued in batch ${batch.batchId}`);
    });
}
