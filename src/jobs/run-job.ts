import type { Config } from '../config.js';
import type Stripe from 'stripe';
import type { Database } from '../db/client.js';
import type { Metrics } from '../metrics/registry.js';
import { cleanUpCastLogs } from './cast-log-cleanup.js';
import { expireGracePeriods } from './grace-expiry.js';
import { cleanUpIdempotencyKeys } from './idempotency-cleanup.js';
import { runPayouts } from './payouts.js';
import { reconcileLedger } from './reconcile.js';
import type { JobName, JobReport } from './types.js';
import { cleanUpWebhookLogs } from './webhook-cleanup.js';

export interface RunOptions {
  now: Date;
  dryRun: boolean;
  /** webhook-cleanup and cast-log-cleanup: how old a row must be to go. */
  olderThanMs: number;
  /** cast-log-cleanup: how old a cast's kept input and output must be to go (absent: `olderThanMs`, as `--older-than` sets both). */
  resultsOlderThanMs?: number | undefined;
}

const DAY_MS = 86_400_000;

/** How old rows must be for a job to delete them, unless `--older-than` says otherwise: its retention settings. */
export function retention(job: JobName, jobs: Config['jobs']): Pick<RunOptions, 'olderThanMs' | 'resultsOlderThanMs'> {
  if (job !== 'cast-log-cleanup') return { olderThanMs: jobs.webhookRetentionDays * DAY_MS };
  return { olderThanMs: jobs.castLogRetentionDays * DAY_MS, resultsOlderThanMs: jobs.castResultRetentionDays * DAY_MS };
}

/** What a job may use: the database always; Stripe (absent with billing off) and metrics for the money jobs. */
export interface JobDeps {
  db: Database;
  config: Config;
  stripe: Stripe | undefined;
  metrics?: Metrics;
}

export function runJob(deps: JobDeps, job: JobName, options: RunOptions): Promise<JobReport> {
  const { db } = deps;
  switch (job) {
    case 'grace-expiry':
      return expireGracePeriods(db, options);
    case 'webhook-cleanup':
      return cleanUpWebhookLogs(db, options);
    case 'cast-log-cleanup':
      return cleanUpCastLogs(db, options);
    case 'idempotency-cleanup':
      return cleanUpIdempotencyKeys(db, options);
    case 'payouts':
      return runPayouts(deps, options);
    case 'reconcile':
      return reconcileLedger(deps, options);
  }
}

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** `30d`, `12h`, `90m` → milliseconds; `undefined` when it is none of those. */
export function parseAge(text: string): number | undefined {
  const match = /^(\d{1,6})([mhd])$/.exec(text.trim());
  if (!match?.[1] || !match[2]) return undefined;
  return Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
}
