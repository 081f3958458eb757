ALTER TABLE "credit_ledger" DROP CONSTRAINT "credit_ledger_kind_check";--> statement-breakpoint
DROP INDEX "credit_ledger_purchase_key";--> statement-breakpoint
ALTER TABLE "purchases" ADD COLUMN "payment_status" text DEFAULT 'paid' NOT NULL;--> statement-breakpoint
ALTER TABLE "purchases" ADD COLUMN "stripe_payment_intent_id" text;--> statement-breakpoint
ALTER TABLE "purchases" ADD COLUMN "credits_reversed_cents" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "purchases_payment_intent_key" ON "purchases" USING btree ("stripe_payment_intent_id") WHERE "purchases"."stripe_payment_intent_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "credit_ledger_purchase_key" ON "credit_ledger" USING btree ("purchase_id") WHERE "credit_ledger"."kind" = 'purchase';--> statement-breakpoint
ALTER TABLE "credit_ledger" ADD CONSTRAINT "credit_ledger_kind_check" CHECK ("credit_ledger"."kind" in ('purchase', 'cast', 'refund', 'manual', 'payment_refund', 'dispute_lost'));--> statement-breakpoint
ALTER TABLE "purchases" ADD CONSTRAINT "purchases_payment_status_check" CHECK ("purchases"."payment_status" in ('paid', 'unpaid', 'no_payment_required', 'failed'));