import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import { tenants } from '../db/schema.js';
import type { Services } from '../services.js';
import { claimExactHandle, PLATFORM_HANDLE } from '../tenants/handles.js';
import { createSpell, findOwnedSpell, findVersion, publishVersion, updateSpell } from './registry.js';

/** The demo spell's name under the platform's handle. */
export const DEMO_SPELL_NAME = 'text-stats';
/** What a caster writes: `spell/text-stats`. */
export const DEMO_SPELL = `${PLATFORM_HANDLE}/${DEMO_SPELL_NAME}`;
const PLATFORM_TENANT = 'Spell Platform';
export const demoModulePath = fileURLToPath(new URL('../../spells/examples/build/text-stats.wasm', import.meta.url));

/**
 * Publishes the demo spell (public, free) under the platform's own tenant (handle `spell`) the
 * first time the server starts, so a newcomer can cast within a minute. A no-op once it exists.
 */
export async function seedDemoSpell(services: Services): Promise<void> {
  const bytes = await readFile(demoModulePath).catch(() => undefined);
  if (!bytes) {
    services.logger.warn({ path: demoModulePath }, 'demo spell not built (npm run build:spells); skipping');
    return;
  }
  const [owner] = await services.db.select({ id: tenants.id }).from(tenants).where(eq(tenants.handle, PLATFORM_HANDLE));
  const existing = owner ? await findOwnedSpell(services.db, owner.id, DEMO_SPELL_NAME) : undefined;
  if (existing && (await findVersion(services.db, existing.id, undefined))) return;
  const inspected = await services.runtime.inspect(bytes);
  if (!inspected.ok) throw new Error(`demo spell is not a valid module: ${inspected.reason}`);

  await services.db.transaction(async (tx) => {
    let [platform] = await tx.select().from(tenants).where(eq(tenants.handle, PLATFORM_HANDLE));
    if (!platform) {
      const id = randomUUID();
      if (!(await claimExactHandle(tx, id, PLATFORM_HANDLE))) return; // another instance seeded it first
      platform = (await tx.insert(tenants).values({ id, name: PLATFORM_TENANT, handle: PLATFORM_HANDLE }).returning())[0];
      if (!platform) throw new Error('platform tenant insert returned nothing');
    }
    let spell = existing;
    if (!spell) {
      const created = await createSpell(tx, {
        tenantId: platform.id,
        ownerUserId: null,
        name: DEMO_SPELL_NAME,
        description: 'Counts the characters, words, lines and sentences of {"text": "…"}.',
        visibility: 'public',
        priceCents: 0,
      }, services.clock.now());
      if (!created.ok) return; // another instance seeded it first
      spell = created.spell;
      spell = await updateSpell(tx, spell.id, { inputSchema: textStatsSchema }, services.clock.now());
    }
    await publishVersion(tx, { spellId: spell.id, bytes, exports: inspected.exports, now: services.clock.now() });
  });
  services.logger.info({ spell: DEMO_SPELL }, 'demo spell published');
}

const textStatsSchema = {
  type: 'object',
  properties: { text: { type: 'string' } },
  required: ['text'],
  additionalProperties: false,
};
