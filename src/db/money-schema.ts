import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { CAST_FUNDINGS, JOURNAL_KINDS, LEDGER_ACCOUNT_KINDS, PAYOUT_STATUSES, SPLIT_STATUSES, TENANT_LEDGER_ACCOUNT_KINDS } from './values.js';

/**
 * The money tables: a double-entry ledger (accounts, journals, entries), each paid cast's split,
 * credit drawn from purchases, creators' payout accounts and payouts. Tenant references carry no
 * foreign key: money records outlive whatever they refer to, and no cascade may delete them.
 */

const oneOf = (values: readonly string[]) => sql.raw(values.map((value) => `'${value}'`).join(', '));
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/** An account of the ledger; `balance_cents` is maintained with every entry and checked against them by reconciliation. */
export const ledgerAccounts = pgTable(
  'ledger_accounts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind', { enum: LEDGER_ACCOUNT_KINDS }).notNull(),
    /** The tenant a consumer or creator account belongs to; null for the platform's own accounts. */
    tenantId: uuid('tenant_id'),
    balanceCents: bigint('balance_cents', { mode: 'number' }).notNull().default(0),
    createdAt: createdAt(),
  },
  (table) => [
    uniqueIndex('ledger_accounts_tenant_kind_key').on(table.kind, table.tenantId).where(sql`${table.tenantId} is not null`),
    uniqueIndex('ledger_accounts_platform_kind_key').on(table.kind).where(sql`${table.tenantId} is null`),
    check('ledger_accounts_kind_check', sql`${table.kind} in (${oneOf(LEDGER_ACCOUNT_KINDS)})`),
    check(
      'ledger_accounts_owner_check',
      sql`(${table.kind} in (${oneOf(TENANT_LEDGER_ACCOUNT_KINDS)})) = (${table.tenantId} is not null)`,
    ),
  ],
);

/** One movement of money: its entries sum to zero (a deferred trigger refuses a commit otherwise). Append-only. */
export const ledgerJournals = pgTable(
  'ledger_journals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind', { enum: JOURNAL_KINDS }).notNull(),
    castId: uuid('cast_id'),
    purchaseId: uuid('purchase_id'),
    payoutId: uuid('payout_id'),
    /** The tenant the movement is about (the consumer of a cast, the creator of a payout). */
    tenantId: uuid('tenant_id'),
    memo: text('memo'),
    createdAt: createdAt(),
  },
  (table) => [
    // What may happen once per cast or payout happens once: a retry finds the journal and writes nothing.
    uniqueIndex('ledger_journals_cast_kind_key')
      .on(table.castId, table.kind)
      .where(sql`${table.castId} is not null and ${table.kind} in ('cast_charge', 'cast_refund', 'cast_settle')`),
    uniqueIndex('ledger_journals_payout_kind_key').on(table.payoutId, table.kind).where(sql`${table.payoutId} is not null`),
    uniqueIndex('ledger_journals_purchase_key').on(table.purchaseId).where(sql`${table.kind} = 'credit_purchase'`),
    index('ledger_journals_tenant_idx').on(table.tenantId, table.createdAt),
    check('ledger_journals_kind_check', sql`${table.kind} in (${oneOf(JOURNAL_KINDS)})`),
  ],
);

/** A line of a journal: cents into (positive) or out of (negative) one account. Append-only. */
export const ledgerEntries = pgTable(
  'ledger_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    journalId: uuid('journal_id')
      .notNull()
      .references(() => ledgerJournals.id),
    accountId: uuid('account_id')
      .notNull()
      .references(() => ledgerAccounts.id),
    amountCents: bigint('amount_cents', { mode: 'number' }).notNull(),
    createdAt: createdAt(),
  },
  (table) => [
    index('ledger_entries_journal_idx').on(table.journalId),
    index('ledger_entries_account_idx').on(table.accountId, table.createdAt),
    check('ledger_entries_amount_check', sql`${table.amountCents} <> 0`),
  ],
);

/**
 * How a paid cast's price was split between its creator and the platform, and where the creator's
 * share stands (`SPLIT_STATUSES`). Written in the transaction that settles the cast.
 */
export const castSplits = pgTable(
  'cast_splits',
  {
    castId: uuid('cast_id').primaryKey(),
    consumerTenantId: uuid('consumer_tenant_id').notNull(),
    /** Null when the price was the platform's own (no creator price, or a creator's own cast). */
    creatorTenantId: uuid('creator_tenant_id'),
    spellId: uuid('spell_id').notNull(),
    priceCents: integer('price_cents').notNull(),
    creatorCents: integer('creator_cents').notNull(),
    platformCents: integer('platform_cents').notNull(),
    sharePercent: integer('share_percent').notNull(),
    funding: text('funding', { enum: CAST_FUNDINGS }).notNull(),
    status: text('status', { enum: SPLIT_STATUSES }).notNull(),
    /** When a `held` share becomes payable. */
    availableAt: timestamp('available_at', { withTimezone: true }),
    /** The Stripe invoice that paid an `invoice`-funded cast. */
    invoiceId: text('invoice_id'),
    /** What refunds and lost disputes took back of each side. */
    creatorReversedCents: integer('creator_reversed_cents').notNull().default(0),
    platformReversedCents: integer('platform_reversed_cents').notNull().default(0),
    createdAt: createdAt(),
  },
  (table) => [
    index('cast_splits_creator_idx').on(table.creatorTenantId, table.createdAt),
    index('cast_splits_held_idx').on(table.availableAt).where(sql`${table.status} = 'held'`),
    index('cast_splits_awaiting_idx').on(table.consumerTenantId, table.createdAt).where(sql`${table.status} = 'awaiting_payment'`),
    check('cast_splits_sum_check', sql`${table.creatorCents} + ${table.platformCents} = ${table.priceCents}`),
    check('cast_splits_funding_check', sql`${table.funding} in (${oneOf(CAST_FUNDINGS)})`),
    check('cast_splits_status_check', sql`${table.status} in (${oneOf(SPLIT_STATUSES)})`),
  ],
);

/**
 * Which purchase's credit paid which cast: credit is drawn oldest purchase first, so a refund or a
 * lost dispute of a purchase knows the casts it funded. `purchase_id` is null for credit that came
 * from no purchase.
 */
export const creditDraws = pgTable(
  'credit_draws',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    castId: uuid('cast_id').notNull(),
    purchaseId: uuid('purchase_id'),
    cents: integer('cents').notNull(),
    createdAt: createdAt(),
  },
  (table) => [index('credit_draws_cast_idx').on(table.castId), index('credit_draws_purchase_idx').on(table.purchaseId)],
);

/** A creator's Stripe Connect (Express) account and whether Stripe lets it receive payouts. */
export const creatorPayoutAccounts = pgTable(
  'creator_payout_accounts',
  {
    tenantId: uuid('tenant_id').primaryKey(),
    stripeAccountId: text('stripe_account_id').notNull(),
    payoutsEnabled: boolean('payouts_enabled').notNull().default(false),
    detailsSubmitted: boolean('details_submitted').notNull().default(false),
    /** The `created` of the last `account.updated` applied, so a late older event changes nothing. */
    eventAt: timestamp('event_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex('creator_payout_accounts_stripe_key').on(table.stripeAccountId)],
);

/** One payment to a creator: recorded (with its ledger entries) before its Stripe Transfer is made. */
export const payouts = pgTable(
  'payouts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id').notNull(),
    amountCents: integer('amount_cents').notNull(),
    currency: text('currency').notNull(),
    status: text('status', { enum: PAYOUT_STATUSES }).notNull().default('pending'),
    stripeAccountId: text('stripe_account_id').notNull(),
    stripeTransferId: text('stripe_transfer_id'),
    failureMessage: text('failure_message'),
    attempts: integer('attempts').notNull().default(0),
    createdAt: createdAt(),
    paidAt: timestamp('paid_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (table) => [
    index('payouts_tenant_idx').on(table.tenantId, table.createdAt),
    uniqueIndex('payouts_transfer_key').on(table.stripeTransferId).where(sql`${table.stripeTransferId} is not null`),
    index('payouts_pending_idx').on(table.createdAt).where(sql`${table.status} = 'pending'`),
    check('payouts_amount_check', sql`${table.amountCents} > 0`),
    check('payouts_status_check', sql`${table.status} in (${oneOf(PAYOUT_STATUSES)})`),
  ],
);

/** Every price a spell has had: a change applies to casts started after it. */
export const spellPrices = pgTable(
  'spell_prices',
  {
    spellId: uuid('spell_id').notNull(),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull(),
    priceCents: integer('price_cents'),
  },
  (table) => [primaryKey({ columns: [table.spellId, table.changedAt] })],
);
