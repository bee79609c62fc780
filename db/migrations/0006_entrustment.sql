CREATE TABLE "entrusted_organisations" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"legal_status" text NOT NULL,
	"established_by_law" boolean NOT NULL,
	"credentialed_staff_count" integer NOT NULL,
	"has_technical_capacity" boolean NOT NULL,
	"technical_capacity" text NOT NULL,
	"contact_department_id" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "entrustments" (
	"workflow_id" text PRIMARY KEY NOT NULL,
	"draft_number" text NOT NULL,
	"letter_number" text,
	"agency_id" text NOT NULL,
	"agency_name" text NOT NULL,
	"org_id" text NOT NULL,
	"org_name" text NOT NULL,
	"power_ids" text[] NOT NULL,
	"powers" jsonb NOT NULL,
	"territory" text NOT NULL,
	"term_start" date NOT NULL,
	"term_end" date NOT NULL,
	"status" text NOT NULL,
	"revoked_on" date,
	"suspensions" jsonb NOT NULL,
	"publications" jsonb NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer NOT NULL,
	CONSTRAINT "entrustments_draft_number_unique" UNIQUE("draft_number")
);
--> statement-breakpoint
CREATE TABLE "power_catalogue" (
	"id" text PRIMARY KEY NOT NULL,
	"department_id" text NOT NULL,
	"name" text NOT NULL,
	"type" text NOT NULL,
	"legal_basis" text NOT NULL
);
--> statement-breakpoint
CREATE INDEX "entrustments_org_idx" ON "entrustments" USING btree ("org_id","status");--> statement-breakpoint
CREATE INDEX "entrustments_agency_idx" ON "entrustments" USING btree ("agency_id","status");--> statement-breakpoint
CREATE INDEX "entrustments_term_end_idx" ON "entrustments" USING btree ("status","term_end");--> statement-breakpoint
CREATE INDEX "power_catalogue_department_idx" ON "power_catalogue" USING btree ("department_id");