CREATE TABLE "blacklist_entries" (
	"workflow_id" text PRIMARY KEY NOT NULL,
	"case_number" text NOT NULL,
	"department_id" text NOT NULL,
	"enterprise_name" text NOT NULL,
	"credit_code" text NOT NULL,
	"reason" text NOT NULL,
	"decision_no" text NOT NULL,
	"restrictions" jsonb NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"status" text NOT NULL,
	"entry_no" text,
	"listed_on" date,
	"removed_on" date,
	"removal_reason" text,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer NOT NULL,
	CONSTRAINT "blacklist_entries_case_number_unique" UNIQUE("case_number")
);
--> statement-breakpoint
CREATE INDEX "blacklist_entries_credit_code_idx" ON "blacklist_entries" USING btree ("credit_code");--> statement-breakpoint
CREATE INDEX "blacklist_entries_status_idx" ON "blacklist_entries" USING btree ("status");