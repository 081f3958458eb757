import type { AuthContext } from '../auth/sessions.js';
import { activePlan } from '../tenants/entitlements.js';
import { AppError } from '../errors.js';
import type { Services } from '../services.js';
import { validateCastInput } from '../spells/input-schema.js';
import { findSpellByOwner, findVersion, loadModuleBytes, SPELL_NAME_PATTERN, type SpellRow, type SpellVersionRow } from '../spells/registry.js';
import { pinnedUntil, qualifiedName } from '../spells/names.js';
import { HANDLE_PATTERN } from '../tenants/handles.js';
import type { RunResult, RunTenant } from '../spells/runtime/index.js';
import { capCastLogs, type CastLogs } from './cast-logs.js';

/** The largest version number (versions are PostgreSQL `integer`s). */
const MAX_VERSION = 2_147_483_647;

/** What a cast names: `[owner/]name[@version]`; no owner means the caller's own spell. */
export interface SpellRef {
  owner: string | undefined;
  name: string;
  version: number | undefined;
}

function refProblem(message: string): AppError {
  return new AppError('validation_failed', message, {
    issues: [{ in: 'body', path: '/spell', message: 'expected owner/name, owner/name@version, name or name@version' }],
  });
}

/** A part of a spell reference as an error message shows it: in quotes, so an empty one shows. */
const quoted = (part: string) => JSON.stringify(part);

/**
 * `[owner/]name[@version]`. The version is decimal digits only: `Number()` would also take
 * `0x1`, `1e3` or ` 1`, and a number past `integer` would reach the database and fail there.
 */
export function parseSpellRef(ref: string): SpellRef {
  const at = ref.lastIndexOf('@');
  let version: number | undefined;
  if (at !== -1) {
    const digits = ref.slice(at + 1);
    version = /^[0-9]+$/.test(digits) ? Number(digits) : 0;
    if (version < 1 || version > MAX_VERSION) throw refProblem(`The version after @ must be a whole number from 1 to ${MAX_VERSION}.`);
  }
  const path = at === -1 ? ref : ref.slice(0, at);
  const parts = path.split('/');
  if (parts.length > 2) throw refProblem('A spell is named owner/name: one slash at most.');
  const [owner, name] = parts.length === 2 ? [parts[0], parts[1]] : [undefined, parts[0]];
  if (owner !== undefined && !HANDLE_PATTERN.test(owner)) throw refProblem(`${quoted(owner)} is not an owner's handle (lower-case letters, digits, dashes).`);
  if (name === undefined || !SPELL_NAME_PATTERN.test(name)) throw refProblem(`${quoted(name ?? '')} is not a spell name (lower-case letters, digits, dashes).`);
  return { owner, name, version };
}

export interface CastTarget {
  spell: SpellRow;
  /** The spell's owner's handle. */
  owner: string;
  version: SpellVersionRow;
}

function retired(name: string, message: string, spell: SpellRow, until: Date | null): AppError {
  return new AppError('spell_retired', message, {
    spell: name,
    retired_at: (spell.deletedAt ?? spell.unpublishedAt)?.toISOString() ?? null,
    pinned_until: until?.toISOString() ?? null,
  });
}

/**
 * Finds the spell version a cast names. Another tenant's private spell is indistinguishable from
 * none. A deleted spell answers `410 spell_retired`, except to casts pinned to one of its
 * versions within the retirement window; a spell an operator unpublished answers 410 to everyone
 * but its owner.
 */
export async function resolveCastTarget(services: Services, auth: AuthContext, ref: string): Promise<CastTarget> {
  const parsed = parseSpellRef(ref);
  const { owner = auth.tenant.handle, name, version } = parsed;
  const full = qualifiedName(owner, name);
  const found = await findSpellByOwner(services.db, { owner, name }, auth.tenant.id);
  if (!found) {
    throw new AppError(
      'not_found',
      parsed.owner === undefined ? `You have no spell named ${name} (${full}); cast another owner’s spell as owner/name.` : `No spell named ${full}.`,
    );
  }
  const { spell } = found;
  const now = services.clock.now();
  if (spell.unpublishedAt && spell.tenantId !== auth.tenant.id) {
    throw retired(full, `${full} was unpublished by the platform.`, spell, null);
  }
  const until = pinnedUntil(services, spell);
  if (until) {
    if (version === undefined) throw retired(full, `${full} was deleted; casts pinned to a version (${full}@N) run until ${until.toISOString()}.`, spell, until);
    if (now >= until) throw retired(full, `${full} was deleted and its versions retired on ${until.toISOString()}.`, spell, until);
  }
  const target = await findVersion(services.db, spell.id, version);
  if (!target) {
    throw new AppError('not_found', version === undefined ? `${full} has no version yet.` : `${full} has no version ${version}.`);
  }
  return { spell, owner: found.owner, version: target };
}

/** Refuses input that does not match the spell's schema, before anything runs or is charged. */
export function checkInput(target: CastTarget, input: unknown): void {
  const checked = validateCastInput(target.spell.inputSchema, input, `${target.spell.id}:${target.spell.updatedAt.getTime()}`);
  if (!checked.ok) {
    throw new AppError('invalid_input', `The input does not match ${qualifiedName(target.owner, target.spell.name)}'s input schema.`, { issues: checked.issues });
  }
}

/** What a cast costs, and whether that price is its creator's (shared with them) or the platform's own. */
export interface CastPrice {
  priceCents: number;
  creatorPriced: boolean;
}

/**
 * What a cast costs: the spell's price, or the platform default (`COST_PER_CAST_CENTS`) when the
 * spell has none. A creator casting their own spell pays only the platform default.
 */
export function castPrice(services: Services, spell: SpellRow, callerTenantId: string): CastPrice {
  const platform = { priceCents: services.config.costPerCastCents, creatorPriced: false };
  if (spell.tenantId === callerTenantId || spell.priceCents === null) return platform;
  return { priceCents: spell.priceCents, creatorPriced: spell.priceCents > 0 };
}

/** Refuses, before anything is held or run, a cast whose price is above what the caller accepts. */
export function checkMaxPrice(target: CastTarget, price: CastPrice, maxPriceCents: number | undefined): void {
  if (maxPriceCents === undefined || price.priceCents <= maxPriceCents) return;
  const name = qualifiedName(target.owner, target.spell.name);
  throw new AppError('price_above_max', `${name} costs ${price.priceCents} cents a cast, above your max_price_cents of ${maxPriceCents}.`, {
    spell: name,
    price_cents: price.priceCents,
    max_price_cents: maxPriceCents,
  });
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

/** Runs the spell in the worker pool, in its tenant's turn, and counts the outcome in the metrics. An async cast brings its own `timeoutMs`. */
export async function runSpell(
  services: Services,
  target: CastTarget,
  input: unknown,
  tenantId: string,
  timeoutMs: number = castTimeoutMs(services, target.spell),
  /** Called when a worker of the pool takes the cast (after any wait for one). */
  onStart?: () => void,
): Promise<RunOutcome> {
  const { config, runtime, metrics } = services;
  const result = await runtime.run({
    tenant: await runTenant(services, tenantId),
    moduleHash: target.version.moduleSha256,
    loadModule: () => loadModuleBytes(services.db, target.version.moduleSha256),
    // A pinned older version keeps the function it was cast with (registry.ts, pinVersionFunctions).
    functionName: target.version.functionName ?? target.spell.functionName,
    input: new TextEncoder().encode(JSON.stringify(input ?? null)),
    ...(onStart && { onStart }),
    limits: {
      timeoutMs,
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
