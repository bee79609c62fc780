CREATE TABLE "catalogue_versions" (
	"kind" text NOT NULL,
	"record_id" text NOT NULL,
	"version" integer NOT NULL,
	"content" jsonb NOT NULL,
	"changed_by" text NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "catalogue_versions_kind_record_id_version_pk" PRIMARY KEY("kind","record_id","version")
);
--> statement-breakpoint
CREATE TABLE "enterprise_history" (
	"id" serial PRIMARY KEY NOT NULL,
	"enterprise_id" text NOT NULL,
	"change" text NOT NULL,
	"changed_by" text NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"before" jsonb,
	"after" jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "departments" ADD COLUMN "head_user_id" text;--> statement-breakpoint
ALTER TABLE "departments" ADD COLUMN "legal_reviewer_id" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "credential_number" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "credential_authority" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "credential_valid_until" date;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "mobile" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "disabled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "enterprises" ADD COLUMN "address" text;--> statement-breakpoint
ALTER TABLE "enterprises" ADD COLUMN "industry" text;--> statement-breakpoint
ALTER TABLE "enterprises" ADD COLUMN "risk_class" text;--> statement-breakpoint
ALTER TABLE "enterprises" ADD COLUMN "status" text DEFAULT 'operating' NOT NULL;--> statement-breakpoint
ALTER TABLE "enterprises" ADD COLUMN "updated_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "enterprise_history_enterprise_idx" ON "enterprise_history" USING btree ("enterprise_id","id");--> statement-breakpoint
CREATE INDEX "enterprises_name_idx" ON "enterprises" USING btree ("name");