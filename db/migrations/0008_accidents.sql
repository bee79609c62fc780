CREATE TABLE "annual_plan_amendments" (
	"plan_id" text NOT NULL,
	"seq" integer NOT NULL,
	"reason" text NOT NULL,
	"requested_by" text NOT NULL,
	"diff" jsonb NOT NULL,
	"status" text NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"decided_at" timestamp with time zone,
	CONSTRAINT "annual_plan_amendments_plan_id_seq_pk" PRIMARY KEY("plan_id","seq")
);
--> statement-breakpoint
CREATE TABLE "annual_plans" (
	"id" text PRIMARY KEY NOT NULL,
	"year" integer NOT NULL,
	"department_id" text NOT NULL,
	"workflow_id" text NOT NULL,
	"status" text NOT NULL,
	"approver" text NOT NULL,
	"content" jsonb,
	"plan_version" integer DEFAULT 0 NOT NULL,
	"drafter_id" text,
	"due_date" date NOT NULL,
	"drafted_at" timestamp with time zone,
	"submitted_at" timestamp with time zone,
	"approved_at" timestamp with time zone,
	"filed_at" timestamp with time zone,
	"escalated_at" timestamp with time zone,
	"receipts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"version" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "enterprise_inspector_links" (
	"enterprise_id" text NOT NULL,
	"user_id" text NOT NULL,
	"relation" text NOT NULL,
	CONSTRAINT "enterprise_inspector_links_enterprise_id_user_id_pk" PRIMARY KEY("enterprise_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "enterprises" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"credit_code" text NOT NULL,
	"sector" text NOT NULL,
	"department_id" text NOT NULL,
	"town" text,
	"active" boolean DEFAULT true NOT NULL,
	CONSTRAINT "enterprises_credit_code_unique" UNIQUE("credit_code")
);
--> statement-breakpoint
CREATE TABLE "plan_cycles" (
	"year" integer PRIMARY KEY NOT NULL,
	"due_date" date NOT NULL,
	"status" text NOT NULL,
	"workflow_id" text NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "planned_inspections" (
	"plan_id" text NOT NULL,
	"item_id" text NOT NULL,
	"department_id" text NOT NULL,
	"year" integer NOT NULL,
	"quarter" integer NOT NULL,
	"on_site_plan" jsonb,
	"on_site_plan_on" date,
	"completed_on" date,
	"findings" text,
	CONSTRAINT "planned_inspections_plan_id_item_id_pk" PRIMARY KEY("plan_id","item_id")
);
--> statement-breakpoint
CREATE TABLE "random_draws" (
	"id" text PRIMARY KEY NOT NULL,
	"department_id" text NOT NULL,
	"item_id" text NOT NULL,
	"seed_hash" text NOT NULL,
	"seed" text,
	"target_count" integer NOT NULL,
	"inspectors_per_target" integer NOT NULL,
	"key_sectors" text[] NOT NULL,
	"status" text NOT NULL,
	"enterprises" jsonb,
	"inspectors" jsonb,
	"links" jsonb,
	"previous" jsonb,
	"assignments" jsonb,
	"algorithm" text NOT NULL,
	"created_by" text NOT NULL,
	"committed_at" timestamp with time zone NOT NULL,
	"drawn_at" timestamp with time zone,
	"publish_due" date,
	"publication" jsonb
);
--> statement-breakpoint
CREATE TABLE "random_inspection_items" (
	"id" text PRIMARY KEY NOT NULL,
	"department_id" text NOT NULL,
	"name" text NOT NULL,
	"sector" text NOT NULL,
	"legal_basis" text NOT NULL,
	"published_on" date NOT NULL
);
--> statement-breakpoint
CREATE TABLE "accident_veto_flags" (
	"year" integer NOT NULL,
	"unit_name" text NOT NULL,
	"case_number" text NOT NULL,
	"credit_code" text,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "accident_veto_flags_year_unit_name_case_number_pk" PRIMARY KEY("year","unit_name","case_number")
);
--> statement-breakpoint
CREATE TABLE "accident_warning_talks" (
	"case_number" text NOT NULL,
	"unit_name" text NOT NULL,
	"credit_code" text,
	"reason" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "accident_warning_talks_case_number_unit_name_pk" PRIMARY KEY("case_number","unit_name")
);
--> statement-breakpoint
CREATE TABLE "published_reports" (
	"case_number" text PRIMARY KEY NOT NULL,
	"workflow_id" text NOT NULL,
	"title" text NOT NULL,
	"level" text NOT NULL,
	"level_name" text NOT NULL,
	"enterprise_name" text NOT NULL,
	"occurred_on" date NOT NULL,
	"approved_on" date NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	"document_url" text NOT NULL,
	"receipt_no" text NOT NULL,
	"legal_basis" text NOT NULL,
	"evaluation_published_at" timestamp with time zone,
	"evaluation_url" text,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "annual_plans_year_department_idx" ON "annual_plans" USING btree ("year","department_id");--> statement-breakpoint
CREATE INDEX "enterprises_department_idx" ON "enterprises" USING btree ("department_id");--> statement-breakpoint
CREATE INDEX "planned_inspections_year_idx" ON "planned_inspections" USING btree ("year","department_id");--> statement-breakpoint
CREATE INDEX "random_draws_department_idx" ON "random_draws" USING btree ("department_id","drawn_at");