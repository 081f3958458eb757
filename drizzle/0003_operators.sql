CREATE TABLE "admin_tokens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "job_runs" (
	"job" text NOT NULL,
	"occurrence" timestamp with time zone NOT NULL,
	"instance" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	"result" jsonb,
	"error" text,
	CONSTRAINT "job_runs_job_occurrence_pk" PRIMARY KEY("job","occurrence")
);
--> statement-breakpoint
CREATE TABLE "license_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"key_hash" text NOT NULL,
	"hint" text NOT NULL,
	"batch_id" uuid NOT NULL,
	"memo" text NOT NULL,
	"status" text DEFAULT 'unused' NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"claimed_at" timestamp with time zone,
	"claimed_tenant_id" uuid,
	"claimed_user_id" uuid,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "license_keys_status_check" CHECK ("license_keys"."status" in ('unused', 'used', 'revoked'))
);
--> statement-breakpoint
ALTER TABLE "license_keys" ADD CONSTRAINT "license_keys_claimed_tenant_id_tenants_id_fk" FOREIGN KEY ("claimed_tenant_id") REFERENCES "public"."tenants"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "license_keys" ADD CONSTRAINT "license_keys_claimed_user_id_users_id_fk" FOREIGN KEY ("claimed_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "admin_tokens_token_hash_key" ON "admin_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "license_keys_key_hash_key" ON "license_keys" USING btree ("key_hash");--> statement-breakpoint
CREATE INDEX "license_keys_created_idx" ON "license_keys" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "license_keys_batch_idx" ON "license_keys" USING btree ("batch_id");--> statement-breakpoint
CREATE INDEX "billing_audit_logs_target_idx" ON "billing_audit_logs" USING btree ("target_type","target_id","created_at");