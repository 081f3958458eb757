CREATE TABLE "budget_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"period_start" timestamp with time zone NOT NULL,
	"used_cents" bigint NOT NULL,
	"limit_cents" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "budget_usage" (
	"tenant_id" uuid NOT NULL,
	"period" text NOT NULL,
	"period_start" timestamp with time zone NOT NULL,
	"used_cents" bigint DEFAULT 0 NOT NULL,
	"reserved_cents" bigint DEFAULT 0 NOT NULL,
	"casts" integer DEFAULT 0 NOT NULL,
	"soft_crossed_at" timestamp with time zone,
	CONSTRAINT "budget_usage_tenant_id_period_period_start_pk" PRIMARY KEY("tenant_id","period","period_start"),
	CONSTRAINT "budget_usage_nonnegative" CHECK ("budget_usage"."used_cents" >= 0 and "budget_usage"."reserved_cents" >= 0)
);
--> statement-breakpoint
CREATE TABLE "budgets" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"period" text NOT NULL,
	"soft_limit_cents" integer NOT NULL,
	"hard_limit_cents" integer NOT NULL,
	"time_zone" text DEFAULT 'UTC' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "budgets_period_check" CHECK ("budgets"."period" in ('daily', 'monthly')),
	CONSTRAINT "budgets_limits_check" CHECK (0 <= "budgets"."soft_limit_cents" and "budgets"."soft_limit_cents" <= "budgets"."hard_limit_cents")
);
--> statement-breakpoint
CREATE TABLE "casts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"user_id" uuid,
	"spell_id" uuid NOT NULL,
	"spell_version_id" uuid NOT NULL,
	"status" text NOT NULL,
	"error_code" text,
	"duration_ms" integer,
	"cost_cents" integer,
	"reserved_cents" integer DEFAULT 0 NOT NULL,
	"budget_period" text,
	"period_start" timestamp with time zone,
	"expires_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "casts_status_check" CHECK ("casts"."status" in ('running', 'succeeded', 'failed'))
);
--> statement-breakpoint
CREATE TABLE "spell_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"spell_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"module_sha256" text NOT NULL,
	"exports" text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "spells" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"owner_user_id" uuid,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"visibility" text DEFAULT 'private' NOT NULL,
	"price_cents" integer,
	"function_name" text DEFAULT 'cast' NOT NULL,
	"timeout_ms" integer,
	"input_schema" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "spells_visibility_check" CHECK ("spells"."visibility" in ('public', 'private')),
	CONSTRAINT "spells_price_check" CHECK ("spells"."price_cents" is null or "spells"."price_cents" >= 0)
);
--> statement-breakpoint
CREATE TABLE "wasm_modules" (
	"sha256" text PRIMARY KEY NOT NULL,
	"bytes" "bytea" NOT NULL,
	"size_bytes" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "budget_events" ADD CONSTRAINT "budget_events_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_usage" ADD CONSTRAINT "budget_usage_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budgets" ADD CONSTRAINT "budgets_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "casts" ADD CONSTRAINT "casts_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "casts" ADD CONSTRAINT "casts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "casts" ADD CONSTRAINT "casts_spell_id_spells_id_fk" FOREIGN KEY ("spell_id") REFERENCES "public"."spells"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "casts" ADD CONSTRAINT "casts_spell_version_id_spell_versions_id_fk" FOREIGN KEY ("spell_version_id") REFERENCES "public"."spell_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spell_versions" ADD CONSTRAINT "spell_versions_spell_id_spells_id_fk" FOREIGN KEY ("spell_id") REFERENCES "public"."spells"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spell_versions" ADD CONSTRAINT "spell_versions_module_sha256_wasm_modules_sha256_fk" FOREIGN KEY ("module_sha256") REFERENCES "public"."wasm_modules"("sha256") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spells" ADD CONSTRAINT "spells_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spells" ADD CONSTRAINT "spells_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "budget_events_once_key" ON "budget_events" USING btree ("tenant_id","kind","period_start");--> statement-breakpoint
CREATE INDEX "casts_tenant_created_idx" ON "casts" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "casts_user_created_idx" ON "casts" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "casts_spell_id_idx" ON "casts" USING btree ("spell_id");--> statement-breakpoint
CREATE INDEX "casts_running_expires_idx" ON "casts" USING btree ("expires_at") WHERE "casts"."status" = 'running';--> statement-breakpoint
CREATE UNIQUE INDEX "spell_versions_spell_version_key" ON "spell_versions" USING btree ("spell_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "spells_name_live_key" ON "spells" USING btree ("name") WHERE "spells"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "spells_tenant_id_idx" ON "spells" USING btree ("tenant_id");