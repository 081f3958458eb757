import type { Command } from 'commander';
import { JOB_NAMES } from '../jobs/types.js';
import type { CliIo } from './io.js';
import { wholeNumber } from './parse-options.js';

// Loaded when an operator command runs, so client commands start without the database drivers.
const actions = () => import('./operator-actions.js');

/** `spell batch`, `spell admin token …`, `spell license generate`: run with database access. */
export function registerOperatorCommands(program: Command, io: CliIo): void {
  program
    .command('batch')
    .description(`Run a batch job now: ${JOB_NAMES.join(' | ')}`)
    .argument('<job>', JOB_NAMES.join(' | '))
    .option('--dry-run', 'print what would change, change nothing')
    .option('--older-than <age>', 'webhook-cleanup, cast-log-cleanup: delete rows older than this (e.g. 30d, 12h; default: its retention settings)')
    .option('--json', 'print the report as JSON')
    .action(async (job: string, options: { dryRun?: boolean; olderThan?: string; json?: boolean }) => (await actions()).runBatch(io, job, options));

  const admin = program.command('admin').description('Operator credentials');
  const token = admin.command('token').description('Admin API tokens');
  token
    .command('create')
    .description('Create an admin token (printed once; only its hash is kept)')
    .requiredOption('--name <name>', 'who or what holds it, e.g. "alice" or "support console"')
    .option('--json', 'print {id, name, token} as JSON')
    .action(async (options: { name: string; json?: boolean }) => (await actions()).createToken(io, options));
  token
    .command('list')
    .description('List admin tokens (never the secrets)')
    .option('--json', 'print the tokens as JSON')
    .action(async (options: { json?: boolean }) => (await actions()).listTokens(io, options));
  token
    .command('revoke')
    .description('Revoke an admin token by id')
    .argument('<id>', 'the token id from `spell admin token list`')
    .action(async (id: string) => (await actions()).revokeToken(io, id));

  const spells = admin.command('spells').description('Take spells out of service, or put them back (audited to the owner)');
  spells
    .command('unpublish')
    .description('Unpublish a public spell: out of the catalog, 410 spell_retired to everyone but its owner, who sees the reason')
    .argument('<owner/name>', 'the spell, as casts name it')
    .requiredOption('--reason <text>', 'why, shown to the owner (1-500 characters)')
    .action(async (spell: string, options: { reason: string }) => (await actions()).unpublishSpellCommand(io, spell, options));
  spells
    .command('republish')
    .description('Put an unpublished spell back as its owner had it')
    .argument('<owner/name>', 'the spell, as casts name it')
    .action(async (spell: string) => (await actions()).republishSpellCommand(io, spell));

  program
    .command('license')
    .description('License keys')
    .command('generate')
    .description('Issue a batch of license keys and print them once, as CSV (key,id,batch_id,memo)')
    .requiredOption('--count <n>', 'how many keys (1-1000)', wholeNumber('--count', 1, 1000))
    .requiredOption('--memo <memo>', 'what the batch is for, e.g. "Conference 2026 giveaway"')
    .option('--json', 'print {batch_id, memo, keys: [{id, key}]} instead of CSV')
    .action(async (options: { count: number; memo: string; json?: boolean }) => (await actions()).generateLicenses(io, options));
}
