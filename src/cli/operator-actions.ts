import { createStripeClient } from '../billing/stripe-client.js';
import { createAdminToken, listAdminTokens, revokeAdminToken } from '../admin/tokens.js';
import { recordManualRun } from '../jobs/job-runs.js';
import { parseAge, retention, runJob } from '../jobs/run-job.js';
import { JOB_NAMES, type JobName } from '../jobs/types.js';
import { MIN_WEBHOOK_LOG_AGE_MS } from '../jobs/webhook-cleanup.js';
import { issueLicenseKeys } from '../licenses/issue.js';
import { republishSpell, unpublishSpell, type Moderation } from '../spells/moderation.js';
import { SPELL_NAME_PATTERN } from '../spells/registry.js';
import { HANDLE_PATTERN } from '../tenants/handles.js';
import { CliError, EXIT_CODES, usageError } from './exit-codes.js';
import { line, printJson, type CliIo } from './io.js';
import { cliActor, withDatabase } from './with-database.js';

const csvField = (value: string) => (/[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Checks `spell batch`'s arguments before the database is opened. */
function batchArguments(job: string, olderThan: string | undefined): { job: JobName; olderThanMs: number | undefined } {
  if (!(JOB_NAMES as readonly string[]).includes(job)) throw usageError(`unknown job "${job}"; one of: ${JOB_NAMES.join(', ')}`);
  const olderThanMs = olderThan === undefined ? undefined : parseAge(olderThan);
  if (olderThanMs === undefined && olderThan !== undefined) throw usageError('--older-than must look like 30d, 12h or 90m');
  if (job === 'webhook-cleanup' && olderThanMs !== undefined && olderThanMs < MIN_WEBHOOK_LOG_AGE_MS) {
    throw usageError('--older-than must be at least 3d: Stripe redelivers events for up to three days');
  }
  return { job: job as JobName, olderThanMs };
}

export async function runBatch(io: CliIo, name: string, options: { dryRun?: boolean; olderThan?: string; json?: boolean }): Promise<void> {
  const { job, olderThanMs } = batchArguments(name, options.olderThan);
  const report = await withDatabase(io, async (db, config) => {
    const startedAt = new Date();
    const done = await runJob({ db, config, stripe: config.stripe ? createStripeClient(config.stripe) : undefined }, job, {
      now: startedAt,
      dryRun: options.dryRun ?? false,
      ...(olderThanMs === undefined ? retention(job, config.jobs) : { olderThanMs }),
    });
    if (!done.dryRun) await recordManualRun(db, job, done, { startedAt, finishedAt: new Date() });
    return done;
  });
  if (options.json) {
    return printJson(io, {
      job,
      dry_run: report.dryRun,
      changed: report.changed,
      would_change: report.wouldChange,
      ...(report.mismatches !== undefined && { mismatches: report.mismatches }),
      lines: report.lines,
    });
  }
  for (const text of report.lines) line(io.stdout, text);
  line(io.stdout, report.dryRun ? `${job}: dry run, nothing changed (${report.wouldChange} would)` : `${job}: ${report.changed} changed`);
}

export async function createToken(io: CliIo, options: { name: string; json?: boolean }): Promise<void> {
  const created = await withDatabase(io, (db) => createAdminToken(db, { name: options.name, now: new Date(), actor: cliActor() }));
  line(io.stderr, `admin token ${created.id} created for "${options.name}"; it is shown once, keep it safe:`);
  if (options.json) return printJson(io, { id: created.id, name: options.name, token: created.token });
  line(io.stdout, created.token);
}

export async function listTokens(io: CliIo, options: { json?: boolean }): Promise<void> {
  const tokens = await withDatabase(io, (db) => listAdminTokens(db));
  if (options.json) {
    const view = tokens.map((row) => ({
      id: row.id,
      name: row.name,
      created_at: row.createdAt.toISOString(),
      last_used_at: row.lastUsedAt?.toISOString() ?? null,
      revoked_at: row.revokedAt?.toISOString() ?? null,
    }));
    return printJson(io, { tokens: view });
  }
  for (const row of tokens) {
    const state = row.revokedAt ? `revoked ${row.revokedAt.toISOString()}` : 'active';
    line(io.stdout, `${row.id}  ${row.name}  created ${row.createdAt.toISOString()}  last used ${row.lastUsedAt?.toISOString() ?? 'never'}  ${state}`);
  }
}

export async function revokeToken(io: CliIo, id: string): Promise<void> {
  if (!UUID.test(id)) throw usageError(`"${id}" is not a token id; see \`spell admin token list\``);
  const revoked = await withDatabase(io, (db) => revokeAdminToken(db, { id, now: new Date(), actor: cliActor() }));
  if (!revoked) throw new CliError(EXIT_CODES.failed, `no active admin token ${id}`);
  line(io.stdout, `admin token ${id} revoked`);
}

export async function generateLicenses(io: CliIo, options: { count: number; memo: string; json?: boolean }): Promise<void> {
  const batch = await withDatabase(io, (db, config) =>
    issueLicenseKeys(db, { count: options.count, memo: options.memo, prefix: config.licenses.keyPrefix, actor: cliActor(), now: new Date() }),
  );
  if (options.json) {
    printJson(io, { batch_id: batch.batchId, memo: batch.memo, created_at: batch.createdAt.toISOString(), keys: batch.keys });
  } else {
    line(io.stdout, 'key,id,batch_id,memo');
    for (const key of batch.keys) line(io.stdout, [key.key, key.id, batch.batchId, csvField(batch.memo)].join(','));
  }
  line(io.stderr, `${batch.keys.length} license keys issued in batch ${batch.batchId}`);
}

/** `owner/name` from the command line, checked before the database is opened. */
function spellArgument(ref: string): { owner: string; name: string } {
  const [owner = '', name = '', ...rest] = ref.split('/');
  if (rest.length > 0 || !HANDLE_PATTERN.test(owner) || !SPELL_NAME_PATTERN.test(name)) throw usageError(`"${ref}" is not owner/name, e.g. alice/word-count`);
  return { owner, name };
}

function reportModeration(io: CliIo, outcome: Moderation, done: string): void {
  if (!outcome.ok) throw new CliError(EXIT_CODES.failed, outcome.message);
  line(io.stdout, done);
}

export async function unpublishSpellCommand(io: CliIo, ref: string, options: { reason: string }): Promise<void> {
  const { owner, name } = spellArgument(ref);
  const reason = options.reason.trim();
  if (reason.length < 1 || reason.length > 500) throw usageError('--reason must be 1-500 characters');
  const outcome = await withDatabase(io, (db) => unpublishSpell(db, { owner, name, reason, actor: cliActor(), now: new Date() }));
  reportModeration(io, outcome, `${owner}/${name} unpublished: ${reason}`);
}

export async function republishSpellCommand(io: CliIo, ref: string): Promise<void> {
  const { owner, name } = spellArgument(ref);
  const outcome = await withDatabase(io, (db) => republishSpell(db, { owner, name, actor: cliActor(), now: new Date() }));
  reportModeration(io, outcome, `${owner}/${name} republished`);
}
