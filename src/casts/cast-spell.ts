import type { AuthContext } from '../auth/sessions.js';
import { activePlan } from '../tenants/entitlements.js';
import { AppError } from '../errors.js';
import type { Services } from '../services.js';
import { validateCastInput } from '../spells/input-schema.js';
import { findVersion, findVisibleSpell, loadModuleBytes, type SpellRow, type SpellVersionRow } from '../spells/registry.js';
import type { RunResult, RunTenant } from '../spells/runtime/index.js';
import { capCastLogs, type CastLogs } from './cast-logs.js';

/** The largest version number (versions are PostgreSQL `integer`s). */
const MAX_VERSION = 2_147_483_647;

/**
 * `name` or `name@version`. The version is decimal digits only: `Number()` would also take
 * `0x1`, `1e3` or ` 1`, and a number past `integer` would reach the database and fail there.
 */
export function parseSpellRef(ref: string): { name: string; version: number | undefined } {
  const at = ref.lastIndexOf('@');
  if (at === -1) return { name: ref, version: undefined };
  const digits = ref.slice(at + 1);
  const version = /^[0-9]+$/.test(digits) ? Number(digits) : 0;
  if (version < 1 || version > MAX_VERSION) {
    throw new AppError('validation_failed', `The version after @ must be a whole number from 1 to ${MAX_VERSION}.`, {
      issues: [{ in: 'body', path: '/spell', message: 'expected name or name@version' }],
    });
  }
  return { name: ref.slice(0, at), version };
}

export interface CastTarget {
  spell: SpellRow;
  version: SpellVersionRow;
}

/** Finds the spell version a cast names; another tenant's private spell is indistinguishable from none. */
export async function resolveCastTarget(services: Services, auth: AuthContext, ref: string): Promise<CastTarget> {
  const { name, version } = parseSpellRef(ref);
  const spell = await findVisibleSpell(services.db, name, auth.tenant.id);
  if (!spell) throw new AppError('not_found', `No spell named ${name}.`);
  const found = await findVersion(services.db, spell.id, version);
  if (!found) {
    throw new AppError('not_found', version === undefined ? `${name} has no version yet.` : `${name} has no version ${version}.`);
  }
  return { spell, version: found };
}

/** Refuses input that does not match the spell's schema, before anything runs or is charged. */
export function checkInput(target: CastTarget, input: unknown): void {
  const checked = validateCastInput(target.spell.inputSchema, input, `${target.spell.id}:${target.spell.updatedAt.getTime()}`);
  if (!checked.ok) {
    throw new AppError('invalid_input', `The input does not match ${target.spell.name}'s input schema.`, { issues: checked.issues });
  }
}

/** What a cast costs: the spell's price, or the platform default when the spell has none. */
export function castPrice(services: Services, spell: SpellRow): number {
  return spell.priceCents ?? services.config.costPerCastCents;
}

/** A run's result as a cast keeps it: the output decoded, the log lines capped for storage. */
export type RunOutcome =
  | { ok: true; output: unknown; durationMs: number; logs: CastLogs }
  | (Omit<Extract<RunResult, { ok: false }>, 'logs' | 'logsTruncated'> & { logs: CastLogs });

/** A spell's output as the caster gets it: JSON when it parses, else the text. */
export function decodeOutput(bytes: Uint8Array): unknown {
  const text = new TextDecoder().decode(bytes);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** The wall-clock limit of a cast: the spell's own, capped by the platform's maximum. */
export function castTimeoutMs(services: Services, spell: SpellRow): number {
  return Math.min(spell.timeoutMs ?? services.config.spells.defaultTimeoutMs, services.config.spells.maxTimeoutMs);
}

/**
 * The caster's place in the worker pool: its tenant, with its plan's share when one is configured
 * (the plan is looked up only then, so the default setup pays no query for it).
 */
async function runTenant(services: Services, tenantId: string): Promise<RunTenant> {
  const { planShares } = services.config.spells;
  if (Object.keys(planShares).length === 0) return { id: tenantId };
  const share = planShares[await activePlan(services.db, tenantId, services.clock.now())];
  return share ? { id: tenantId, share } : { id: tenantId };
}

/** Runs the spell in the worker pool, in its tenant's turn, and counts the outcome in the metrics. */
export async function runSpell(services: Services, target: CastTarget, input: unknown, tenantId: string): Promise<RunOutcome> {
  const { config, runtime, metrics } = services;
  const result = await runtime.run({
    tenant: await runTenant(services, tenantId),
    moduleHash: target.version.moduleSha256,
    loadModule: () => loadModuleBytes(services.db, target.version.moduleSha256),
    // A pinned older version keeps the function it was cast with (registry.ts, pinVersionFunctions).
    functionName: target.version.functionName ?? target.spell.functionName,
    input: new TextEncoder().encode(JSON.stringify(input ?? null)),
    limits: {
      timeoutMs: castTimeoutMs(services, target.spell),
      memoryBytes: config.spells.memoryBytes,
      outputBytes: config.spells.outputBytes,
    },
  });
  const status = result.ok ? 'succeeded' : 'failed';
  metrics.castTotal.inc({ status });
  metrics.castDuration.observe({ status }, result.durationMs / 1000);
  if (!result.ok) metrics.castFailed.inc({ code: result.code });
  const { logs: lines, logsTruncated, ...rest } = result;
  const logs = capCastLogs({ lines, truncated: logsTruncated }, config.spells.logMaxBytes);
  return rest.ok ? { ok: true, output: decodeOutput(rest.output), durationMs: rest.durationMs, logs } : { ...rest, logs };
}
