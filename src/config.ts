import { isIP } from 'node:net';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { Cron } from 'croner';
import { z } from 'zod';
import { PLAN_CODES, type PlanCode } from './db/values.js';

const PLAN_LIST = PLAN_CODES.join('|');

/**
 * The whole configuration of a Spell Platform process. This module is the only reader of
 * `process.env`: everything else receives a `Config`.
 */
export type Config = z.output<typeof configSchema>;

/** Thrown when an environment variable is malformed; the message names the variable. */
export class ConfigError extends Error {
  constructor(readonly variable: string, detail: string) {
    super(`Invalid configuration: ${variable} ${detail}`);
    this.name = 'ConfigError';
  }
}

const emptyToUndefined = (value: unknown): unknown =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

const optionalString = z.preprocess(emptyToUndefined, z.string().optional());
const optionalUrl = (protocols: RegExp, example: string) =>
  z.preprocess(
    emptyToUndefined,
    z.url({ protocol: protocols, error: `must be a URL like ${example}` }).optional(),
  );
const integer = (fallback: number, min: number, max: number) =>
  z.preprocess(
    emptyToUndefined,
    z.coerce
      .number({ error: 'must be a whole number' })
      .int({ error: 'must be a whole number' })
      .min(min, { error: `must be at least ${min}` })
      .max(max, { error: `must be at most ${max}` })
      .default(fallback),
  );
const boolean = (fallback: boolean) =>
  z.preprocess(
    emptyToUndefined,
    z
      .enum(['true', 'false', '1', '0'], { error: 'must be true or false' })
      .transform((value) => value === 'true' || value === '1')
      .prefault(fallback ? 'true' : 'false'),
  );

/** A cron expression (five or six fields, UTC), or `off`. */
const cronOrOff = (fallback: string) =>
  z.preprocess(
    emptyToUndefined,
    z
      .string()
      .default(fallback)
      .transform((value, context) => {
        if (value === 'off') return undefined;
        try {
          new Cron(value, { paused: true, timezone: 'UTC' }).stop();
        } catch (error) {
          context.addIssue({ code: 'custom', message: `must be a cron expression or "off" (${(error as Error).message})` });
          return z.NEVER;
        }
        return value;
      }),
  );

/** Parses `10.0.0.0/8`, `2001:db8::/32` or a single address; `undefined` when it is neither. */
export function parseAddressRange(entry: string): { address: string; prefix: number; family: 'ipv4' | 'ipv6' } | undefined {
  const [address = '', bits] = entry.split('/');
  const version = isIP(address);
  if (version === 0) return undefined;
  const family = version === 4 ? 'ipv4' : 'ipv6';
  const max = version === 4 ? 32 : 128;
  const prefix = bits === undefined ? max : Number(bits);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > max || (bits !== undefined && !/^\d+$/.test(bits))) return undefined;
  return { address, prefix, family };
}

/** A comma-separated list of addresses and CIDR ranges, and the first entry that is neither. */
function parseAddressList(value: string): { ranges: string[]; bad: string | undefined } {
  const ranges = value.split(',').map((entry) => entry.trim()).filter(Boolean);
  return { ranges, bad: ranges.find((entry) => parseAddressRange(entry) === undefined) };
}

const configSchema = z
  .object({
    NODE_ENV: z.preprocess(
      emptyToUndefined,
      z.enum(['development', 'production', 'test']).default('development'),
    ),
    HOST: z.preprocess(emptyToUndefined, z.string().default('0.0.0.0')),
    PORT: integer(8080, 0, 65535),
    PUBLIC_URL: optionalUrl(/^https?$/, 'https://spells.example.com'),
    LOG_LEVEL: z.preprocess(
      emptyToUndefined,
      z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    ),
    TRUST_PROXY: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .default('false')
        .transform((value, context): boolean | number | string[] => {
          if (['false', '0'].includes(value)) return false;
          if (value === 'true') return true;
          if (/^\d{1,2}$/.test(value)) return Number(value);
          const { ranges, bad } = parseAddressList(value);
          if (ranges.length > 0 && bad === undefined) return ranges;
          context.addIssue({ code: 'custom', message: 'must be false, a number of proxy hops (e.g. 1), or the proxies\' addresses/CIDR ranges' });
          return z.NEVER;
        }),
    ),
    DATABASE_URL: optionalUrl(/^postgres(ql)?$/, 'postgres://user@host:5432/db'),
    DATABASE_POOL_MAX: integer(10, 1, 1000),
    DATA_DIR: z.preprocess(emptyToUndefined, z.string().default('./data')),
    DISK_MIN_FREE_MB: integer(256, 0, 1_000_000),
    REDIS_URL: optionalUrl(/^rediss?$/, 'redis://host:6379'),
    REDIS_KEY_PREFIX: z.preprocess(emptyToUndefined, z.string().max(64).default('spell:')),
    SESSION_SECRET: optionalString.refine((value) => value === undefined || value.length >= 32, {
      error: 'must be at least 32 characters',
    }),
    SESSION_TTL_HOURS: integer(24 * 30, 1, 24 * 365),
    BODY_LIMIT_BYTES: integer(1024 * 1024, 1024, 64 * 1024 * 1024),
    RATE_LIMIT_USER_PER_MINUTE: integer(60, 1, 1_000_000_000),
    RATE_LIMIT_ANON_PER_MINUTE: integer(10, 1, 1_000_000_000),
    LOGIN_FAILURES_PER_ACCOUNT_IP: integer(5, 1, 1_000_000),
    LOGIN_FAILURES_PER_ACCOUNT: integer(20, 1, 1_000_000),
    LOGIN_LOCKOUT_SECONDS: integer(900, 1, 86_400),
    SPELL_MAX_MODULE_BYTES: integer(8 * 1024 * 1024, 1024, 256 * 1024 * 1024),
    SPELL_DEFAULT_TIMEOUT_MS: integer(2_000, 10, 600_000),
    SPELL_MAX_TIMEOUT_MS: integer(10_000, 10, 600_000),
    SPELL_MEMORY_LIMIT_MB: integer(64, 1, 4_096),
    SPELL_OUTPUT_LIMIT_BYTES: integer(1024 * 1024, 1, 64 * 1024 * 1024),
    SPELL_WORKERS: integer(0, 0, 256),
    SPELL_QUEUE_MAX: integer(1_000, 1, 1_000_000),
    SPELL_TENANT_MAX_RUNNING: integer(0, 0, 256),
    SPELL_TENANT_MAX_QUEUED: integer(64, 0, 1_000_000),
    SPELL_TENANT_PLAN_SHARES: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(new RegExp(`^(${PLAN_LIST}):[1-9]\\d{0,2}:\\d{1,7}(,(${PLAN_LIST}):[1-9]\\d{0,2}:\\d{1,7})*$`), {
          error: 'must list plan:max_running:max_queued triples, e.g. PRO:4:32,LIFETIME:4:32',
        })
        .transform((value) =>
          Object.fromEntries(
            value.split(',').map((triple) => {
              const [plan = '', running = '1', queued = '0'] = triple.split(':');
              return [plan, { maxRunning: Number(running), maxQueued: Number(queued) }];
            }),
          ) as Partial<Record<PlanCode, { maxRunning: number; maxQueued: number }>>,
        )
        .optional(),
    ),
    SPELL_HOST_MEMORY_LIMIT_MB: integer(64, 1, 4_096),
    SPELL_VAR_LIMIT_BYTES: integer(1024 * 1024, 1, 256 * 1024 * 1024),
    SPELL_WORKER_MEMORY_LIMIT_MB: integer(0, 0, 65_536),
    SPELL_COMPILE_TIMEOUT_MS: integer(5_000, 10, 600_000),
    SPELL_MAX_FUNCTIONS: integer(100_000, 1, 1_000_000),
    SPELL_MAX_FUNCTION_BYTES: integer(2 * 1024 * 1024, 1024, 7_654_321),
    SPELL_MAX_NESTING: integer(10_000, 1, 1_000_000),
    SPELL_MAX_TABLE_ELEMENTS: integer(1_000_000, 0, 10_000_000),
    SPELL_LOG_MAX_BYTES: integer(16 * 1024, 0, 1024 * 1024),
    SPELL_LOG_RETENTION_DAYS: integer(7, 1, 3650),
    SPELL_RETIREMENT_DAYS: integer(30, 0, 3650),
    COST_PER_CAST_CENTS: integer(0, 0, 1_000_000),
    CAST_RESULT_MAX_BYTES: integer(64 * 1024, 0, 64 * 1024 * 1024),
    CAST_OUTPUT_RETENTION_DAYS: integer(7, 1, 3650),
    CAST_RECONCILE_INTERVAL_MS: integer(30_000, 100, 3_600_000),
    CAST_EXPIRY_GRACE_MS: integer(5 * 60_000, 0, 24 * 3_600_000),
    SEED_DEMO_SPELL: boolean(true),
    SPELL_MAX_ASYNC_TIMEOUT_MS: integer(15 * 60_000, 10, 24 * 3_600_000),
    CAST_QUEUE_TTL_MS: integer(24 * 3_600_000, 1_000, 30 * 24 * 3_600_000),
    SPELL_IN_PROCESS_WORKER: boolean(true),
    CAST_WORKER_CONCURRENCY: integer(4, 1, 256),
    STRIPE_SECRET_KEY: z.preprocess(
      emptyToUndefined,
      z.string().regex(/^(sk|rk)_(test|live)_\w+$/, { error: 'must be a Stripe secret key (sk_test_… or sk_live_…)' }).optional(),
    ),
    STRIPE_WEBHOOK_SECRET: z.preprocess(
      emptyToUndefined,
      z.string().regex(/^whsec_\w+$/, { error: 'must be a webhook signing secret (whsec_…)' }).optional(),
    ),
    STRIPE_PRICE_ID: z.preprocess(emptyToUndefined, z.string().regex(/^price_\w+$/, { error: 'must be a price id (price_…)' }).optional()),
    STRIPE_CREDIT_PACKS: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(/^price_\w+:\d+(,price_\w+:\d+)*$/, { error: 'must list price_id:credit_cents pairs, e.g. price_abc:1000,price_def:5000' })
        .transform((value) =>
          value.split(',').map((pair) => {
            const [priceId = '', credits = '0'] = pair.split(':');
            return { priceId, creditsCents: Number(credits) };
          }),
        )
        .optional(),
    ),
    STRIPE_METER_EVENT_NAME: z.preprocess(emptyToUndefined, z.string().regex(/^[a-z0-9_]{1,100}$/, { error: 'must be a meter event name' }).default('spell_cast_cents')),
    STRIPE_API_BASE_URL: optionalUrl(/^https?$/, 'https://api.stripe.com'),
    METER_DISPATCH_INTERVAL_MS: integer(5_000, 50, 3_600_000),
    STRIPE_CONNECT_WEBHOOK_SECRET: z.preprocess(
      emptyToUndefined,
      z.string().regex(/^whsec_\w+$/, { error: 'must be a webhook signing secret (whsec_…)' }).optional(),
    ),
    CREATOR_SHARE_PERCENT: integer(80, 0, 100),
    PAYOUT_HOLD_DAYS: integer(7, 0, 365),
    PAYOUT_MINIMUM_CENTS: integer(500, 1, 100_000_000),
    BILLING_CURRENCY: z.preprocess(emptyToUndefined, z.string().regex(/^[a-z]{3}$/, { error: 'must be a three-letter ISO currency code in lower case, like usd' }).default('usd')),
    ADMIN_IP_ALLOWLIST: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .transform((value, context) => {
          const { ranges, bad } = parseAddressList(value);
          if (bad !== undefined) {
            context.addIssue({ code: 'custom', message: `must list IP addresses or CIDR ranges (not "${bad}")` });
            return z.NEVER;
          }
          return ranges;
        })
        .optional(),
    ),
    CF_ACCESS_TEAM_DOMAIN: z.preprocess(
      (value) => {
        const text = emptyToUndefined(value);
        return typeof text === 'string' && !/^https?:\/\//.test(text) ? `https://${text}` : text;
      },
      z.url({ protocol: /^https?$/, error: 'must be your team domain, like myteam.cloudflareaccess.com' }).optional(),
    ),
    CF_ACCESS_POLICY_AUD: optionalString,
    LICENSE_KEY_PREFIX: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(/^[A-Z][A-Z0-9]{0,15}-$/, { error: 'must be upper-case letters or digits ending in "-", like SPELL-' })
        .default('SPELL-'),
    ),
    RATE_LIMIT_LICENSE_CLAIM_PER_MINUTE: integer(5, 1, 1_000_000_000),
    JOB_GRACE_EXPIRY_CRON: cronOrOff('15 3 * * *'),
    JOB_WEBHOOK_CLEANUP_CRON: cronOrOff('45 3 * * 0'),
    JOB_CAST_LOG_CLEANUP_CRON: cronOrOff('30 4 * * *'),
    JOB_IDEMPOTENCY_CLEANUP_CRON: cronOrOff('10 * * * *'),
    JOB_PAYOUTS_CRON: cronOrOff('0 6 * * *'),
    JOB_RECONCILE_CRON: cronOrOff('30 6 * * *'),
    WEBHOOK_LOG_RETENTION_DAYS: integer(30, 3, 3650),
    WEBHOOK_RETRY_BASE_MS: integer(30_000, 1, 86_400_000),
    WEBHOOK_RETRY_WINDOW_MS: integer(3 * 86_400_000, 1, 30 * 86_400_000),
    WEBHOOK_DISABLE_AFTER_MS: integer(5 * 86_400_000, 1, 90 * 86_400_000),
    WEBHOOK_TIMEOUT_MS: integer(10_000, 100, 120_000),
    WEBHOOK_DISPATCH_INTERVAL_MS: integer(1_000, 10, 3_600_000),
    WEBHOOK_ALLOW_PRIVATE_TARGETS: boolean(false),
    METRICS_TOKEN: optionalString.refine((value) => value === undefined || value.length >= 16, {
      error: 'must be at least 16 characters',
    }),
    GITHUB_CLIENT_ID: optionalString,
    GITHUB_CLIENT_SECRET: optionalString,
    GITHUB_REDIRECT_URI: optionalUrl(/^https?$/, 'https://spells.example.com/auth/callback'),
    GITHUB_OAUTH_BASE_URL: z.preprocess(
      emptyToUndefined,
      z.url({ protocol: /^https?$/, error: 'must be a URL' }).default('https://github.com'),
    ),
    GITHUB_API_BASE_URL: z.preprocess(
      emptyToUndefined,
      z.url({ protocol: /^https?$/, error: 'must be a URL' }).default('https://api.github.com'),
    ),
  })
  .transform((env) => ({
    env: env.NODE_ENV,
    host: env.HOST,
    port: env.PORT,
    publicUrl: env.PUBLIC_URL ?? `http://localhost:${env.PORT}`,
    logLevel: env.LOG_LEVEL,
    trustProxy: env.TRUST_PROXY,
    databaseUrl: env.DATABASE_URL,
    databasePoolMax: env.DATABASE_POOL_MAX,
    dataDir: env.DATA_DIR,
    diskMinFreeBytes: env.DISK_MIN_FREE_MB * 1024 * 1024,
    redisUrl: env.REDIS_URL,
    redisKeyPrefix: env.REDIS_KEY_PREFIX,
    sessionSecret: env.SESSION_SECRET,
    sessionTtlMs: env.SESSION_TTL_HOURS * 3_600_000,
    bodyLimitBytes: env.BODY_LIMIT_BYTES,
    rateLimit: {
      userPerMinute: env.RATE_LIMIT_USER_PER_MINUTE,
      anonPerMinute: env.RATE_LIMIT_ANON_PER_MINUTE,
    },
    /** Failed sign-ins before an account refuses more from that IP (see src/auth/login-throttle.ts). */
    loginThrottle: {
      perAccountIp: env.LOGIN_FAILURES_PER_ACCOUNT_IP,
      perAccount: env.LOGIN_FAILURES_PER_ACCOUNT,
      windowMs: env.LOGIN_LOCKOUT_SECONDS * 1000,
    },
    spells: {
      maxModuleBytes: env.SPELL_MAX_MODULE_BYTES,
      defaultTimeoutMs: env.SPELL_DEFAULT_TIMEOUT_MS,
      maxTimeoutMs: Math.max(env.SPELL_MAX_TIMEOUT_MS, env.SPELL_DEFAULT_TIMEOUT_MS),
      memoryBytes: env.SPELL_MEMORY_LIMIT_MB * 1024 * 1024,
      outputBytes: env.SPELL_OUTPUT_LIMIT_BYTES,
      /** 0 sizes the pool to the machine's available parallelism. */
      workers: env.SPELL_WORKERS,
      queueMax: env.SPELL_QUEUE_MAX,
      /**
       * Each tenant's share of the pool: casts it may run while others wait (0: half the workers, at
       * least one) and casts it may have waiting; `planShares` overrides both for a plan.
       */
      tenantShare: { maxRunning: env.SPELL_TENANT_MAX_RUNNING, maxQueued: env.SPELL_TENANT_MAX_QUEUED },
      planShares: env.SPELL_TENANT_PLAN_SHARES ?? {},
      hostMemoryBytes: env.SPELL_HOST_MEMORY_LIMIT_MB * 1024 * 1024,
      varBytes: env.SPELL_VAR_LIMIT_BYTES,
      /** 0 (the default) bounds a worker at twice its casts' guest and host memory, plus 256 MiB. */
      workerMemoryBytes:
        (env.SPELL_WORKER_MEMORY_LIMIT_MB || 2 * (env.SPELL_MEMORY_LIMIT_MB + env.SPELL_HOST_MEMORY_LIMIT_MB) + 256) * 1024 * 1024,
      compileTimeoutMs: env.SPELL_COMPILE_TIMEOUT_MS,
      /** Structural limits a module must stay within at upload (and at cast, for older modules). */
      moduleLimits: {
        maxFunctions: env.SPELL_MAX_FUNCTIONS,
        maxFunctionBytes: env.SPELL_MAX_FUNCTION_BYTES,
        maxNesting: env.SPELL_MAX_NESTING,
        maxTableElements: env.SPELL_MAX_TABLE_ELEMENTS,
        maxMemoryBytes: env.SPELL_MEMORY_LIMIT_MB * 1024 * 1024,
      },
      /** Bytes of log messages kept with one cast (lines past it are dropped, `truncated` set). */
      logMaxBytes: env.SPELL_LOG_MAX_BYTES,
      retirementDays: env.SPELL_RETIREMENT_DAYS,
      seedDemo: env.SEED_DEMO_SPELL,
    },
    costPerCastCents: env.COST_PER_CAST_CENTS,
    /** How money moves: the creators' default share, how long earnings are held, the payout minimum, the one currency. */
    money: {
      creatorSharePercent: env.CREATOR_SHARE_PERCENT,
      payoutHoldMs: env.PAYOUT_HOLD_DAYS * 86_400_000,
      payoutMinimumCents: env.PAYOUT_MINIMUM_CENTS,
      currency: env.BILLING_CURRENCY,
    },
    /** Bytes (of JSON text) of a cast's input or output kept for its detail; a larger side is kept as its size only, 0 keeps none. */
    castResultMaxBytes: env.CAST_RESULT_MAX_BYTES,
    castReconcileIntervalMs: env.CAST_RECONCILE_INTERVAL_MS,
    /** How long past its timeout a `running` cast may stay before it is taken for dead. */
    castExpiryGraceMs: env.CAST_EXPIRY_GRACE_MS,
    /** Async casts (`POST /v1/casts`): queued for a worker, on BullMQ when `REDIS_URL` is set, in process otherwise. */
    asyncCasts: {
      maxTimeoutMs: Math.max(env.SPELL_MAX_ASYNC_TIMEOUT_MS, env.SPELL_MAX_TIMEOUT_MS),
      /** A cast still queued this long after it was accepted fails as `expired`, at no cost. */
      queueTtlMs: env.CAST_QUEUE_TTL_MS,
      /** Whether `spell serve` also runs queued casts (a `spell worker` fleet can take them instead). */
      inProcessWorker: env.SPELL_IN_PROCESS_WORKER,
      /** Casts one worker process runs at once (each still takes its turn in the spell pool). */
      workerConcurrency: env.CAST_WORKER_CONCURRENCY,
    },
    stripe:
      env.STRIPE_SECRET_KEY && env.STRIPE_WEBHOOK_SECRET
        ? {
            secretKey: env.STRIPE_SECRET_KEY,
            webhookSecret: env.STRIPE_WEBHOOK_SECRET,
            planPriceId: env.STRIPE_PRICE_ID,
            creditPacks: env.STRIPE_CREDIT_PACKS ?? [],
            meterEventName: env.STRIPE_METER_EVENT_NAME,
            apiBaseUrl: env.STRIPE_API_BASE_URL,
            meterDispatchIntervalMs: env.METER_DISPATCH_INTERVAL_MS,
            /** Signs the Connect endpoint's events (`account.updated`); without it, that endpoint is off. */
            connectWebhookSecret: env.STRIPE_CONNECT_WEBHOOK_SECRET,
          }
        : undefined,
    admin: {
      ipAllowlist: env.ADMIN_IP_ALLOWLIST,
      cloudflareAccess:
        env.CF_ACCESS_TEAM_DOMAIN && env.CF_ACCESS_POLICY_AUD
          ? { teamDomain: env.CF_ACCESS_TEAM_DOMAIN.replace(/\/$/, ''), audience: env.CF_ACCESS_POLICY_AUD }
          : undefined,
    },
    /** When set, `/metrics` answers only to `Authorization: Bearer <token>`. */
    metrics: { token: env.METRICS_TOKEN },
    licenses: { keyPrefix: env.LICENSE_KEY_PREFIX, claimsPerMinute: env.RATE_LIMIT_LICENSE_CLAIM_PER_MINUTE },
    /** Cron expressions (UTC) for the scheduled batch jobs; `undefined` when switched off. */
    jobs: {
      graceExpiryCron: env.JOB_GRACE_EXPIRY_CRON,
      webhookCleanupCron: env.JOB_WEBHOOK_CLEANUP_CRON,
      webhookRetentionDays: env.WEBHOOK_LOG_RETENTION_DAYS,
      castLogCleanupCron: env.JOB_CAST_LOG_CLEANUP_CRON,
      idempotencyCleanupCron: env.JOB_IDEMPOTENCY_CLEANUP_CRON,
      payoutsCron: env.JOB_PAYOUTS_CRON,
      reconcileCron: env.JOB_RECONCILE_CRON,
      castLogRetentionDays: env.SPELL_LOG_RETENTION_DAYS,
      /** How long a cast's input, output and error message are kept (cast-log-cleanup deletes them after). */
      castResultRetentionDays: env.CAST_OUTPUT_RETENTION_DAYS,
    },
    /** Outbound webhooks (src/webhooks): retries, when a failing endpoint is disabled, and whether private addresses may be targets. */
    webhooks: {
      retryBaseMs: env.WEBHOOK_RETRY_BASE_MS,
      retryWindowMs: env.WEBHOOK_RETRY_WINDOW_MS,
      disableAfterMs: env.WEBHOOK_DISABLE_AFTER_MS,
      timeoutMs: env.WEBHOOK_TIMEOUT_MS,
      dispatchIntervalMs: env.WEBHOOK_DISPATCH_INTERVAL_MS,
      allowPrivateTargets: env.WEBHOOK_ALLOW_PRIVATE_TARGETS,
    },
    github:
      env.GITHUB_CLIENT_ID && env.GITHUB_CLIENT_SECRET
        ? {
            clientId: env.GITHUB_CLIENT_ID,
            clientSecret: env.GITHUB_CLIENT_SECRET,
            redirectUri: env.GITHUB_REDIRECT_URI,
            oauthBaseUrl: env.GITHUB_OAUTH_BASE_URL.replace(/\/$/, ''),
            apiBaseUrl: env.GITHUB_API_BASE_URL.replace(/\/$/, ''),
          }
        : undefined,
  }));

/**
 * Parses and validates the environment once. A malformed value throws a `ConfigError` naming
 * the variable; a missing optional one switches its feature off.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = String(issue?.path[0] ?? 'environment');
    throw new ConfigError(variable, issue?.message ?? 'is invalid');
  }
  const config = parsed.data;
  if (Boolean(env.CF_ACCESS_TEAM_DOMAIN?.trim()) !== Boolean(env.CF_ACCESS_POLICY_AUD?.trim())) {
    throw new ConfigError('CF_ACCESS_POLICY_AUD', 'and CF_ACCESS_TEAM_DOMAIN must be set together');
  }
  if (config.env === 'production' && config.sessionSecret === undefined) {
    throw new ConfigError('SESSION_SECRET', 'is required in production (at least 32 characters)');
  }
  return config;
}

/**
 * The spell runtime's settings alone (`SPELL_*`, then `overrides`), for `spell run`: the limits a
 * server with this environment applies, without anything else a server needs (a database, a
 * session secret).
 */
export function loadSpellConfig(
  env: Record<string, string | undefined> = process.env,
  overrides: Record<string, string> = {},
): Config['spells'] {
  const spellSettings = Object.entries(env).filter(([name]) => name.startsWith('SPELL_'));
  return loadConfig({ ...Object.fromEntries(spellSettings), ...overrides }).spells;
}

/** A server URL as the CLI accepts it (from a flag, `SPELL_URL` or the config file), without a trailing slash. */
export function parseServerUrl(value: string, source: string): string {
  const url = z.url({ protocol: /^https?$/, error: 'must be a URL like https://spells.example.com' }).safeParse(value);
  if (!url.success) throw new ConfigError(source, url.error.issues[0]?.message ?? 'is invalid');
  return url.data.replace(/\/+$/, '');
}

/**
 * What the environment says to the CLI's client commands (`spell login`, `publish`, `cast`, …):
 * `SPELL_URL` and `SPELL_API_KEY`, which win over the config file, and where that file lives.
 */
export interface ClientEnvironment {
  url: string | undefined;
  apiKey: string | undefined;
  /** `spell login`'s file: `$XDG_CONFIG_HOME/spell/config.json`, or the platform's usual place. */
  configFile: string;
}

export function loadClientConfig(env: Record<string, string | undefined> = process.env): ClientEnvironment {
  const url = env.SPELL_URL?.trim() ? parseServerUrl(env.SPELL_URL.trim(), 'SPELL_URL') : undefined;
  return { url, apiKey: env.SPELL_API_KEY?.trim() || undefined, configFile: join(configHome(env), 'spell', 'config.json') };
}

/** The per-user configuration directory: XDG's when set, else each platform's convention. */
function configHome(env: Record<string, string | undefined>): string {
  if (env.XDG_CONFIG_HOME && isAbsolute(env.XDG_CONFIG_HOME)) return env.XDG_CONFIG_HOME;
  const home = env.HOME || homedir();
  if (process.platform === 'win32') return env.APPDATA || join(home, 'AppData', 'Roaming');
  if (process.platform === 'darwin') return join(home, 'Library', 'Application Support');
  return join(home, '.config');
}
