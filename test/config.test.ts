import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, loadSpellConfig } from '../src/config.js';

const run = promisify(execFile);

/** Runs the real CLI (through tsx) with `env` and returns its exit code and output. */
async function runCli(args: string[], env: Record<string, string>) {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
      env: { PATH: process.env.PATH ?? '', ...env },
      timeout: 20_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('config', () => {
  it('starts with sensible defaults from an empty environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 8080,
      databaseUrl: undefined,
      redisUrl: undefined,
      dataDir: './data',
      rateLimit: { userPerMinute: 60, anonPerMinute: 10 },
      github: undefined,
      stripe: undefined,
    });
  });

  it('turns billing on only with both Stripe secrets, and reads the credit packs', () => {
    expect(loadConfig({ STRIPE_SECRET_KEY: 'sk_test_abc' }).stripe).toBeUndefined();
    const config = loadConfig({
      STRIPE_SECRET_KEY: 'sk_test_abc',
      STRIPE_WEBHOOK_SECRET: 'whsec_abc',
      STRIPE_PRICE_ID: 'price_plan',
      STRIPE_CREDIT_PACKS: 'price_small:1000,price_large:5500',
    });
    expect(config.stripe).toMatchObject({
      planPriceId: 'price_plan',
      creditPacks: [
        { priceId: 'price_small', creditsCents: 1000 },
        { priceId: 'price_large', creditsCents: 5500 },
      ],
      meterEventName: 'spell_cast_cents',
    });
  });

  it.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://db/spells'],
    ['REDIS_URL', 'localhost:6379'],
    ['SESSION_SECRET', 'too-short'],
    ['RATE_LIMIT_USER_PER_MINUTE', '-1'],
    ['TRUST_PROXY', 'maybe'],
    ['GITHUB_API_BASE_URL', 'not a url'],
    ['STRIPE_SECRET_KEY', 'pk_test_public'],
    ['STRIPE_WEBHOOK_SECRET', 'secret'],
    ['STRIPE_CREDIT_PACKS', 'price_a=1000'],
    ['STRIPE_API_BASE_URL', 'ftp://stripe'],
  ])('names %s when it is malformed (%s)', (variable, value) => {
    expect(() => loadConfig({ [variable]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [variable]: value })).toThrow(new RegExp(`^Invalid configuration: ${variable} `));
  });

  it('reads the operator settings and names the variable of a bad one', () => {
    expect(loadConfig({})).toMatchObject({
      admin: { ipAllowlist: undefined, cloudflareAccess: undefined },
      licenses: { keyPrefix: 'SPELL-', claimsPerMinute: 5 },
      jobs: {
        graceExpiryCron: '15 3 * * *',
        webhookCleanupCron: '45 3 * * 0',
        webhookRetentionDays: 30,
        castLogCleanupCron: '30 4 * * *',
        castLogRetentionDays: 7,
        castResultRetentionDays: 7,
      },
      spells: { logMaxBytes: 16_384 },
      castResultMaxBytes: 65_536,
    });
    expect(loadConfig({ SPELL_LOG_RETENTION_DAYS: '30', SPELL_LOG_MAX_BYTES: '0', JOB_CAST_LOG_CLEANUP_CRON: 'off' })).toMatchObject({
      jobs: { castLogRetentionDays: 30, castLogCleanupCron: undefined },
      spells: { logMaxBytes: 0 },
    });
    expect(loadConfig({ CAST_OUTPUT_RETENTION_DAYS: '2', CAST_RESULT_MAX_BYTES: '0' })).toMatchObject({
      jobs: { castResultRetentionDays: 2 },
      castResultMaxBytes: 0,
    });
    expect(
      loadConfig({
        ADMIN_IP_ALLOWLIST: '10.0.0.0/8, 2001:db8::/32,192.168.1.1',
        CF_ACCESS_TEAM_DOMAIN: 'myteam.cloudflareaccess.com',
        CF_ACCESS_POLICY_AUD: 'abc123',
        JOB_GRACE_EXPIRY_CRON: 'off',
      }),
    ).toMatchObject({
      admin: {
        ipAllowlist: ['10.0.0.0/8', '2001:db8::/32', '192.168.1.1'],
        cloudflareAccess: { teamDomain: 'https://myteam.cloudflareaccess.com', audience: 'abc123' },
      },
      jobs: { graceExpiryCron: undefined },
    });
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8,127.0.0.1' }).trustProxy).toEqual(['10.0.0.0/8', '127.0.0.1']);
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({}).trustProxy).toBe(false);
    const bad: [Record<string, string>, string][] = [
      [{ ADMIN_IP_ALLOWLIST: '10.0.0.0/33' }, 'ADMIN_IP_ALLOWLIST'],
      [{ ADMIN_IP_ALLOWLIST: 'office' }, 'ADMIN_IP_ALLOWLIST'],
      [{ JOB_GRACE_EXPIRY_CRON: 'every day' }, 'JOB_GRACE_EXPIRY_CRON'],
      [{ SPELL_LOG_RETENTION_DAYS: '0' }, 'SPELL_LOG_RETENTION_DAYS'],
      [{ SPELL_LOG_MAX_BYTES: 'lots' }, 'SPELL_LOG_MAX_BYTES'],
      [{ CAST_OUTPUT_RETENTION_DAYS: '0' }, 'CAST_OUTPUT_RETENTION_DAYS'],
      [{ CAST_RESULT_MAX_BYTES: '-1' }, 'CAST_RESULT_MAX_BYTES'],
      [{ LICENSE_KEY_PREFIX: 'spell' }, 'LICENSE_KEY_PREFIX'],
      [{ CF_ACCESS_TEAM_DOMAIN: 'myteam.cloudflareaccess.com' }, 'CF_ACCESS_POLICY_AUD'],
    ];
    for (const [env, variable] of bad) {
      expect(() => loadConfig(env), variable).toThrow(ConfigError);
      expect(() => loadConfig(env)).toThrow(variable);
    }
  });

  it('reads the spell limits alone for spell run, whatever else a server would need', () => {
    const env = { NODE_ENV: 'production', DATABASE_URL: 'not read', SPELL_MEMORY_LIMIT_MB: '32', SPELL_DEFAULT_TIMEOUT_MS: '500' };
    expect(loadSpellConfig(env)).toMatchObject({ memoryBytes: 32 * 1024 * 1024, defaultTimeoutMs: 500, logMaxBytes: 16_384 });
    expect(loadSpellConfig(env, { SPELL_MEMORY_LIMIT_MB: '8' }).memoryBytes).toBe(8 * 1024 * 1024);
    expect(() => loadSpellConfig({ SPELL_MEMORY_LIMIT_MB: 'lots' })).toThrow(/SPELL_MEMORY_LIMIT_MB/);
  });

  it('requires a session secret in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/SESSION_SECRET/);
  });

  it('stops `spell serve` with a message naming the variable', async () => {
    const result = await runCli(['serve'], { PORT: 'not-a-port', DATA_DIR: 'memory://' });
    expect(result.code).toBe(78);
    expect(result.stderr).toContain('Invalid configuration: PORT must be a whole number');
  });
});
