CREATE TABLE "case_deadlines" (
	"workflow_id" text NOT NULL,
	"key" text NOT NULL,
	"label" text NOT NULL,
	"basis_id" text,
	"citation" text,
	"owed_by" text NOT NULL,
	"due_date" date NOT NULL,
	"due_at" timestamp with time zone,
	"provisional" boolean DEFAULT false NOT NULL,
	"status" text NOT NULL,
	"met_at" timestamp with time zone,
	CONSTRAINT "case_deadlines_workflow_id_key_pk" PRIMARY KEY("workflow_id","key")
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"workflow_id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"case_number" text NOT NULL,
	"title" text NOT NULL,
	"department_id" text NOT NULL,
	"stage" text NOT NULL,
	"stage_label" text NOT NULL,
	"status" text NOT NULL,
	"outcome" text,
	"next_deadline" date,
	"summary" jsonb NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer NOT NULL,
	CONSTRAINT "cases_case_number_unique" UNIQUE("case_number")
);
--> statement-breakpoint
CREATE INDEX "case_deadlines_pending_idx" ON "case_deadlines" USING btree ("status","due_date");--> statement-breakpoint
CREATE INDEX "cases_kind_stage_idx" ON "cases" USING btree ("kind","status","stage");--> statement-breakpoint
CREATE INDEX "cases_department_idx" ON "cases" USING btree ("department_id","status");--> statement-breakpoint
CREATE INDEX "cases_deadline_idx" ON "cases" USING btree ("status","next_deadline");