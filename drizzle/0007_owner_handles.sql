CREATE TABLE "cast_results" (
	"cast_id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"input" jsonb,
	"input_bytes" integer NOT NULL,
	"output" jsonb,
	"output_bytes" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tenant_handles" (
	"handle" text PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
DROP INDEX "spells_name_live_key";--> statement-breakpoint
DROP INDEX "spells_tenant_id_idx";--> statement-breakpoint
ALTER TABLE "spells" ADD COLUMN "tags" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "spells" ADD COLUMN "readme" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "spells" ADD COLUMN "ever_public" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "spells" ADD COLUMN "unpublished_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "spells" ADD COLUMN "unpublished_reason" text;--> statement-breakpoint
ALTER TABLE "cast_results" ADD CONSTRAINT "cast_results_cast_id_casts_id_fk" FOREIGN KEY ("cast_id") REFERENCES "public"."casts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cast_results" ADD CONSTRAINT "cast_results_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cast_results_created_idx" ON "cast_results" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "tenant_handles_tenant_id_idx" ON "tenant_handles" USING btree ("tenant_id");--> statement-breakpoint
-- A tenant could have several deleted spells of one name (names were unique among live spells
-- only): all but the live one, or the newest, get their id as a suffix so that a name is unique
-- per owner.
UPDATE "spells" s SET "name" = left(s."name", 31) || '-' || replace(s."id"::text, '-', '')
  FROM (SELECT "id", row_number() OVER (PARTITION BY "tenant_id", "name" ORDER BY ("deleted_at" IS NULL) DESC, "created_at" DESC, "id") AS rn FROM "spells") d
 WHERE d."id" = s."id" AND d.rn > 1;--> statement-breakpoint
UPDATE "spells" SET "ever_public" = true WHERE "visibility" = 'public';--> statement-breakpoint
CREATE UNIQUE INDEX "spells_tenant_name_key" ON "spells" USING btree ("tenant_id","name");--> statement-breakpoint
CREATE INDEX "spells_public_name_idx" ON "spells" USING btree ("name") WHERE "spells"."visibility" = 'public' and "spells"."deleted_at" is null and "spells"."unpublished_at" is null;--> statement-breakpoint

ALTER TABLE "tenants" ADD COLUMN "handle" text;--> statement-breakpoint
-- Handles for the tenants there are: the platform's own tenant (the one without users that
-- publishes the demo spell) gets "spell"; every other one its name made into a handle (an email's
-- part before the @), with "--" and a number when that is reserved or an earlier tenant has it (a
-- name made into a handle never holds "--", so these never meet one).
WITH base AS (
  SELECT t."id", t."created_at",
         CASE WHEN t."name" = 'Spell Platform' AND NOT EXISTS (SELECT 1 FROM "users" u WHERE u."tenant_id" = t."id") THEN 'spell'
              ELSE coalesce(nullif(trim(BOTH '-' FROM left(trim(BOTH '-' FROM regexp_replace(lower(split_part(t."name", '@', 1)), '[^a-z0-9]+', '-', 'g')), 30)), ''), 'user')
         END AS handle,
         t."name" = 'Spell Platform' AND NOT EXISTS (SELECT 1 FROM "users" u WHERE u."tenant_id" = t."id") AS platform
    FROM "tenants" t
), ranked AS (
  SELECT "id", handle, platform, row_number() OVER (PARTITION BY handle ORDER BY platform DESC, "created_at", "id") AS rn FROM base
)
UPDATE "tenants" t SET "handle" = CASE
    WHEN r.rn = 1 AND (r.platform OR r.handle NOT IN (
      'spell', 'spells', 'admin', 'administrator', 'api', 'app', 'www', 'root', 'system', 'platform', 'support', 'help',
      'docs', 'static', 'assets', 'me', 'official', 'staff', 'security', 'billing', 'stripe', 'github', 'webhooks',
      'auth', 'v1', 'login', 'logout', 'signup', 'settings', 'null', 'undefined', 'anonymous', 'operator'))
      THEN r.handle
    ELSE r.handle || '--' || r.rn
  END
  FROM ranked r WHERE r."id" = t."id";--> statement-breakpoint
ALTER TABLE "tenants" ALTER COLUMN "handle" SET NOT NULL;--> statement-breakpoint
INSERT INTO "tenant_handles" ("handle", "tenant_id") SELECT "handle", "id" FROM "tenants";--> statement-breakpoint
CREATE UNIQUE INDEX "tenants_handle_key" ON "tenants" USING btree ("handle");