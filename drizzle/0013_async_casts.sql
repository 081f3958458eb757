CREATE TABLE "cast_inputs" (
	"cast_id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"input" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "casts" DROP CONSTRAINT "casts_status_check";--> statement-breakpoint
ALTER TABLE "casts" ADD COLUMN "mode" text DEFAULT 'sync' NOT NULL;--> statement-breakpoint
ALTER TABLE "casts" ADD COLUMN "started_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "casts" ADD COLUMN "queue_expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "casts" ADD COLUMN "queue_rank" integer;--> statement-breakpoint
ALTER TABLE "casts" ADD COLUMN "timeout_ms" integer;--> statement-breakpoint
ALTER TABLE "casts" ADD COLUMN "webhook_url" text;--> statement-breakpoint
ALTER TABLE "casts" ADD COLUMN "attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "cast_inputs" ADD CONSTRAINT "cast_inputs_cast_id_casts_id_fk" FOREIGN KEY ("cast_id") REFERENCES "public"."casts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cast_inputs" ADD CONSTRAINT "cast_inputs_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "casts_queued_rank_idx" ON "casts" USING btree ("tenant_id","queue_rank") WHERE "casts"."status" = 'queued';--> statement-breakpoint
CREATE INDEX "casts_queued_expires_idx" ON "casts" USING btree ("queue_expires_at") WHERE "casts"."status" = 'queued';--> statement-breakpoint
ALTER TABLE "casts" ADD CONSTRAINT "casts_mode_check" CHECK ("casts"."mode" in ('sync', 'async'));--> statement-breakpoint
ALTER TABLE "casts" ADD CONSTRAINT "casts_status_check" CHECK ("casts"."status" in ('queued', 'running', 'succeeded', 'failed', 'canceled'));