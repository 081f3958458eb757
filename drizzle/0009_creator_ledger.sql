CREATE TABLE "cast_splits" (
	"cast_id" uuid PRIMARY KEY NOT NULL,
	"consumer_tenant_id" uuid NOT NULL,
	"creator_tenant_id" uuid,
	"spell_id" uuid NOT NULL,
	"price_cents" integer NOT NULL,
	"creator_cents" integer NOT NULL,
	"platform_cents" integer NOT NULL,
	"share_percent" integer NOT NULL,
	"funding" text NOT NULL,
	"status" text NOT NULL,
	"available_at" timestamp with time zone,
	"invoice_id" text,
	"creator_reversed_cents" integer DEFAULT 0 NOT NULL,
	"platform_reversed_cents" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cast_splits_sum_check" CHECK ("cast_splits"."creator_cents" + "cast_splits"."platform_cents" = "cast_splits"."price_cents"),
	CONSTRAINT "cast_splits_funding_check" CHECK ("cast_splits"."funding" in ('credits', 'invoice', 'unbilled')),
	CONSTRAINT "cast_splits_status_check" CHECK ("cast_splits"."status" in ('awaiting_payment', 'held', 'payable', 'unbilled'))
);
--> statement-breakpoint
CREATE TABLE "creator_payout_accounts" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"stripe_account_id" text NOT NULL,
	"payouts_enabled" boolean DEFAULT false NOT NULL,
	"details_submitted" boolean DEFAULT false NOT NULL,
	"event_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "credit_draws" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cast_id" uuid NOT NULL,
	"purchase_id" uuid,
	"cents" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ledger_accounts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"tenant_id" uuid,
	"balance_cents" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ledger_accounts_kind_check" CHECK ("ledger_accounts"."kind" in ('consumer_credit', 'consumer_in_flight', 'consumer_receivable', 'creator_pending', 'creator_payable', 'platform_revenue', 'payouts_in_transit', 'unbilled', 'external')),
	CONSTRAINT "ledger_accounts_owner_check" CHECK (("ledger_accounts"."kind" in ('consumer_credit', 'consumer_in_flight', 'consumer_receivable', 'creator_pending', 'creator_payable')) = ("ledger_accounts"."tenant_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "ledger_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"journal_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"amount_cents" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ledger_entries_amount_check" CHECK ("ledger_entries"."amount_cents" <> 0)
);
--> statement-breakpoint
CREATE TABLE "ledger_journals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"cast_id" uuid,
	"purchase_id" uuid,
	"payout_id" uuid,
	"tenant_id" uuid,
	"memo" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ledger_journals_kind_check" CHECK ("ledger_journals"."kind" in ('credit_purchase', 'credit_reversal', 'credit_grant', 'cast_charge', 'cast_refund', 'cast_settle', 'invoice_funding', 'earnings_release', 'earnings_reversal', 'payout', 'payout_paid', 'payout_failed', 'payout_reversed', 'migrated'))
);
--> statement-breakpoint
CREATE TABLE "payouts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"amount_cents" integer NOT NULL,
	"currency" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"stripe_account_id" text NOT NULL,
	"stripe_transfer_id" text,
	"failure_message" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"paid_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	CONSTRAINT "payouts_amount_check" CHECK ("payouts"."amount_cents" > 0),
	CONSTRAINT "payouts_status_check" CHECK ("payouts"."status" in ('pending', 'paid', 'failed', 'reversed'))
);
--> statement-breakpoint
CREATE TABLE "spell_prices" (
	"spell_id" uuid NOT NULL,
	"changed_at" timestamp with time zone NOT NULL,
	"price_cents" integer,
	CONSTRAINT "spell_prices_spell_id_changed_at_pk" PRIMARY KEY("spell_id","changed_at")
);
--> statement-breakpoint
ALTER TABLE "casts" ADD COLUMN "price_cents" integer;--> statement-breakpoint
ALTER TABLE "purchases" ADD COLUMN "credits_drawn_cents" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "creator_share_percent" integer;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_journal_id_ledger_journals_id_fk" FOREIGN KEY ("journal_id") REFERENCES "public"."ledger_journals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_account_id_ledger_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."ledger_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cast_splits_creator_idx" ON "cast_splits" USING btree ("creator_tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "cast_splits_held_idx" ON "cast_splits" USING btree ("available_at") WHERE "cast_splits"."status" = 'held';--> statement-breakpoint
CREATE INDEX "cast_splits_awaiting_idx" ON "cast_splits" USING btree ("consumer_tenant_id","created_at") WHERE "cast_splits"."status" = 'awaiting_payment';--> statement-breakpoint
CREATE UNIQUE INDEX "creator_payout_accounts_stripe_key" ON "creator_payout_accounts" USING btree ("stripe_account_id");--> statement-breakpoint
CREATE INDEX "credit_draws_cast_idx" ON "credit_draws" USING btree ("cast_id");--> statement-breakpoint
CREATE INDEX "credit_draws_purchase_idx" ON "credit_draws" USING btree ("purchase_id");--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_accounts_tenant_kind_key" ON "ledger_accounts" USING btree ("kind","tenant_id") WHERE "ledger_accounts"."tenant_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_accounts_platform_kind_key" ON "ledger_accounts" USING btree ("kind") WHERE "ledger_accounts"."tenant_id" is null;--> statement-breakpoint
CREATE INDEX "ledger_entries_journal_idx" ON "ledger_entries" USING btree ("journal_id");--> statement-breakpoint
CREATE INDEX "ledger_entries_account_idx" ON "ledger_entries" USING btree ("account_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_journals_cast_kind_key" ON "ledger_journals" USING btree ("cast_id","kind") WHERE "ledger_journals"."cast_id" is not null and "ledger_journals"."kind" in ('cast_charge', 'cast_refund', 'cast_settle');--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_journals_payout_kind_key" ON "ledger_journals" USING btree ("payout_id","kind") WHERE "ledger_journals"."payout_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_journals_purchase_key" ON "ledger_journals" USING btree ("purchase_id") WHERE "ledger_journals"."kind" = 'credit_purchase';--> statement-breakpoint
CREATE INDEX "ledger_journals_tenant_idx" ON "ledger_journals" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "payouts_tenant_idx" ON "payouts" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "payouts_transfer_key" ON "payouts" USING btree ("stripe_transfer_id") WHERE "payouts"."stripe_transfer_id" is not null;--> statement-breakpoint
CREATE INDEX "payouts_pending_idx" ON "payouts" USING btree ("created_at") WHERE "payouts"."status" = 'pending';--> statement-breakpoint
ALTER TABLE "tenants" ADD CONSTRAINT "tenants_creator_share_check" CHECK ("tenants"."creator_share_percent" is null or "tenants"."creator_share_percent" between 0 and 100);--> statement-breakpoint
-- The ledger is append-only, and every journal's entries sum to zero: both enforced here, not only in code.
CREATE FUNCTION ledger_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the ledger is append-only: % on % is refused', TG_OP, TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
END
$$;--> statement-breakpoint
CREATE TRIGGER ledger_entries_append_only BEFORE UPDATE OR DELETE ON "ledger_entries" FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();--> statement-breakpoint
CREATE TRIGGER ledger_entries_no_truncate BEFORE TRUNCATE ON "ledger_entries" FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();--> statement-breakpoint
CREATE TRIGGER ledger_journals_append_only BEFORE UPDATE OR DELETE ON "ledger_journals" FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();--> statement-breakpoint
CREATE TRIGGER ledger_journals_no_truncate BEFORE TRUNCATE ON "ledger_journals" FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();--> statement-breakpoint
CREATE FUNCTION ledger_check_journal_balance() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  total bigint;
BEGIN
  SELECT sum(amount_cents) INTO total FROM ledger_entries WHERE journal_id = NEW.journal_id;
  IF total <> 0 THEN
    RAISE EXCEPTION 'ledger journal % does not balance: its entries sum to %', NEW.journal_id, total USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE CONSTRAINT TRIGGER ledger_entries_balanced AFTER INSERT ON "ledger_entries" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_check_journal_balance();--> statement-breakpoint
INSERT INTO "ledger_accounts" ("kind") VALUES ('platform_revenue'), ('payouts_in_transit'), ('unbilled'), ('external');--> statement-breakpoint
-- Prepaid credit moves from credit_ledger into the ledger: each row becomes a journal of two entries
-- (its own id kept as the journal's), and each charge of a cast that finished without a refund is
-- settled to the platform (casts from before creator shares earned their creators nothing).
INSERT INTO "ledger_accounts" ("kind", "tenant_id")
  SELECT DISTINCT k.kind, c.tenant_id FROM credit_ledger c CROSS JOIN (VALUES ('consumer_credit'), ('consumer_in_flight')) AS k(kind);--> statement-breakpoint
INSERT INTO "ledger_journals" ("id", "kind", "cast_id", "purchase_id", "tenant_id", "memo", "created_at")
  SELECT c.id,
    CASE c.kind WHEN 'purchase' THEN 'credit_purchase' WHEN 'cast' THEN 'cast_charge' WHEN 'refund' THEN 'cast_refund'
      WHEN 'manual' THEN 'credit_grant' ELSE 'credit_reversal' END,
    c.cast_id, c.purchase_id, c.tenant_id, coalesce(c.memo, 'credit_ledger ' || c.kind), c.created_at
  FROM credit_ledger c WHERE c.amount_cents <> 0;--> statement-breakpoint
INSERT INTO "ledger_entries" ("journal_id", "account_id", "amount_cents", "created_at")
  SELECT c.id, a.id, c.amount_cents, c.created_at
  FROM credit_ledger c JOIN ledger_accounts a ON a.kind = 'consumer_credit' AND a.tenant_id = c.tenant_id
  WHERE c.amount_cents <> 0;--> statement-breakpoint
INSERT INTO "ledger_entries" ("journal_id", "account_id", "amount_cents", "created_at")
  SELECT c.id, a.id, -c.amount_cents, c.created_at
  FROM credit_ledger c
  JOIN ledger_accounts a ON (c.kind IN ('cast', 'refund') AND a.kind = 'consumer_in_flight' AND a.tenant_id = c.tenant_id)
    OR (c.kind = 'manual' AND a.kind = 'platform_revenue' AND a.tenant_id IS NULL)
    OR (c.kind IN ('purchase', 'payment_refund', 'dispute_lost') AND a.kind = 'external' AND a.tenant_id IS NULL)
  WHERE c.amount_cents <> 0;--> statement-breakpoint
INSERT INTO "ledger_journals" ("id", "kind", "cast_id", "tenant_id", "memo", "created_at")
  SELECT md5(c.id::text || ':settle')::uuid, 'cast_settle', c.cast_id, c.tenant_id, 'settled before creator shares', coalesce(k.finished_at, c.created_at)
  FROM credit_ledger c LEFT JOIN casts k ON k.id = c.cast_id
  WHERE c.kind = 'cast' AND c.amount_cents <> 0 AND (k.status IS DISTINCT FROM 'running')
    AND NOT EXISTS (SELECT 1 FROM credit_ledger r WHERE r.cast_id = c.cast_id AND r.kind = 'refund');--> statement-breakpoint
INSERT INTO "ledger_entries" ("journal_id", "account_id", "amount_cents", "created_at")
  SELECT j.id, a.id, CASE WHEN a.kind = 'consumer_in_flight' THEN c.amount_cents ELSE -c.amount_cents END, j.created_at
  FROM ledger_journals j
  JOIN credit_ledger c ON c.cast_id = j.cast_id AND c.kind = 'cast'
  JOIN ledger_accounts a ON (a.kind = 'consumer_in_flight' AND a.tenant_id = c.tenant_id) OR (a.kind = 'platform_revenue' AND a.tenant_id IS NULL)
  WHERE j.kind = 'cast_settle';--> statement-breakpoint
UPDATE "ledger_accounts" a SET "balance_cents" = coalesce((SELECT sum(e.amount_cents) FROM ledger_entries e WHERE e.account_id = a.id), 0);--> statement-breakpoint
INSERT INTO "spell_prices" ("spell_id", "changed_at", "price_cents") SELECT "id", "created_at", "price_cents" FROM "spells";--> statement-breakpoint
-- Casts already charged or metered keep the price they were charged.
UPDATE "casts" SET "price_cents" = "cost_cents" WHERE "cost_cents" IS NOT NULL AND "cost_cents" > 0;
