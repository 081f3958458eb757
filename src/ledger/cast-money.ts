import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { castSplits, spells, tenants } from '../db/schema.js';
import type { CastFunding } from '../db/values.js';
import type { AccountRef } from './journal.js';
import { postJournal } from './journal.js';
import { reversedWhileRunning } from './credit.js';
import { apportion, splitPrice } from './shares.js';

/** What the platform's revenue share defaults to and how long earnings are held, from configuration. */
export interface MoneyRules {
  creatorSharePercent: number;
  payoutHoldMs: number;
}

export interface SucceededCast {
  castId: string;
  consumerTenantId: string;
  spellId: string;
  priceCents: number;
  funding: CastFunding;
  now: Date;
}

/** Where each funding takes a succeeded cast's price from. */
const SOURCE: Record<CastFunding, (tenantId: string) => AccountRef> = {
  credits: (tenantId) => ({ kind: 'consumer_in_flight', tenantId }),
  invoice: (tenantId) => ({ kind: 'consumer_receivable', tenantId }),
  unbilled: () => ({ kind: 'unbilled' }),
};

const STATUS = { credits: 'held', invoice: 'awaiting_payment', unbilled: 'unbilled' } as const;

/**
 * Moves a succeeded paid cast's price to its creator's pending earnings and the platform's
 * revenue, and records the split, in the transaction that settles the cast. The creator's share is
 * `CREATOR_SHARE_PERCENT` or the operator's override for them, rounded down; a cast of one's own
 * spell earns its owner nothing (its price is the platform's). Returns the creator's cents.
 */
export async function settleCastMoney(tx: DbOrTx, cast: SucceededCast, rules: MoneyRules): Promise<number> {
  if (cast.priceCents <= 0) return 0;
  const [owner] = await tx
    .select({ tenantId: spells.tenantId, override: tenants.creatorSharePercent })
    .from(spells)
    .innerJoin(tenants, eq(tenants.id, spells.tenantId))
    .where(eq(spells.id, cast.spellId));
  const creatorTenantId = owner && owner.tenantId !== cast.consumerTenantId ? owner.tenantId : null;
  const sharePercent = creatorTenantId ? (owner?.override ?? rules.creatorSharePercent) : 0;
  const { creatorCents, platformCents } = splitPrice(cast.priceCents, sharePercent);
  // A refund of the purchase that paid this cast, landed while it ran, took part of its charge
  // back: that part is reversed from both shares at once, as it would have been after settling.
  const reversed = cast.funding === 'credits' ? Math.min(cast.priceCents, await reversedWhileRunning(tx, { castId: cast.castId, tenantId: cast.consumerTenantId })) : 0;
  const [creatorReversed = 0, platformReversed = 0] = apportion(reversed, [creatorCents, platformCents]);
  const posted = await postJournal(tx, {
    kind: 'cast_settle',
    castId: cast.castId,
    tenantId: cast.consumerTenantId,
    now: cast.now,
    lines: [
      { account: SOURCE[cast.funding](cast.consumerTenantId), cents: -(cast.priceCents - reversed) },
      ...(creatorTenantId ? [{ account: { kind: 'creator_pending' as const, tenantId: creatorTenantId }, cents: creatorCents - creatorReversed }] : []),
      { account: { kind: 'platform_revenue' }, cents: platformCents - platformReversed },
    ],
  });
  if (!posted.posted) return 0;
  const status = STATUS[cast.funding];
  await tx.insert(castSplits).values({
    castId: cast.castId,
    consumerTenantId: cast.consumerTenantId,
    creatorTenantId,
    spellId: cast.spellId,
    priceCents: cast.priceCents,
    creatorCents,
    platformCents,
    sharePercent,
    funding: cast.funding,
    status,
    availableAt: status === 'held' ? new Date(cast.now.getTime() + rules.payoutHoldMs) : null,
    creatorReversedCents: creatorReversed,
    platformReversedCents: platformReversed,
    createdAt: cast.now,
  });
  return creatorCents;
}
