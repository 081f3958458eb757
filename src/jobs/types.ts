/** The batch jobs an operator runs with `spell batch <job>` and the server schedules. */
export const JOB_NAMES = ['grace-expiry', 'webhook-cleanup', 'cast-log-cleanup', 'idempotency-cleanup', 'payouts', 'reconcile'] as const;
export type JobName = (typeof JOB_NAMES)[number];

export interface JobContext {
  now: Date;
  /** Report what would change, change nothing. */
  dryRun: boolean;
}

/** What a run did (or, dry, would do): one line per change, for people and logs. */
export interface JobReport {
  job: JobName;
  dryRun: boolean;
  /** How many things changed (0 on a dry run). */
  changed: number;
  /** On a dry run, how many things a real run would change (0 on a real run). */
  wouldChange: number;
  /** reconcile: the mismatches it found (the `spell_ledger_imbalance` gauge reads the last run's). */
  mismatches?: number;
  lines: string[];
}
