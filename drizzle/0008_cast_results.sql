-- A cast's input and output are kept as the JSON text the caster sent and got (jsonb reorders keys and
-- refuses "\u0000" in strings); the table is new and has no rows to convert.
ALTER TABLE "cast_results" ALTER COLUMN "input" SET DATA TYPE text;--> statement-breakpoint
ALTER TABLE "cast_results" ALTER COLUMN "output" SET DATA TYPE text;--> statement-breakpoint
ALTER TABLE "cast_results" ADD COLUMN "error_message" text;