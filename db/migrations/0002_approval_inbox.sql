CREATE TABLE "outbox" (
	"key" text PRIMARY KEY NOT NULL,
	"recipient_id" text NOT NULL,
	"channel" text DEFAULT 'inbox' NOT NULL,
	"template" text NOT NULL,
	"params" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "tasks" (
	"id" text PRIMARY KEY NOT NULL,
	"workflow_id" text NOT NULL,
	"workflow_kind" text NOT NULL,
	"case_id" text NOT NULL,
	"case_title" text NOT NULL,
	"case_department_id" text NOT NULL,
	"kind" text NOT NULL,
	"step_id" text NOT NULL,
	"step_instance" text NOT NULL,
	"step_name" text NOT NULL,
	"mode" text,
	"assignee_id" text NOT NULL,
	"assignee_department_id" text NOT NULL,
	"acting_for_id" text,
	"status" text NOT NULL,
	"outcome" text,
	"legal_basis" text,
	"due_date" date,
	"due_at" timestamp with time zone,
	"provisional" boolean DEFAULT false NOT NULL,
	"overdue" boolean DEFAULT false NOT NULL,
	"detail" jsonb,
	"opened_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	"version" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "dedupe_key" text;--> statement-breakpoint
CREATE INDEX "outbox_pending_idx" ON "outbox" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "outbox_recipient_idx" ON "outbox" USING btree ("recipient_id","created_at");--> statement-breakpoint
CREATE INDEX "tasks_assignee_open_idx" ON "tasks" USING btree ("assignee_id","status","due_at");--> statement-breakpoint
CREATE INDEX "tasks_department_open_idx" ON "tasks" USING btree ("assignee_department_id","status","due_at");--> statement-breakpoint
CREATE INDEX "tasks_case_department_idx" ON "tasks" USING btree ("case_department_id","status","due_at");--> statement-breakpoint
CREATE INDEX "tasks_workflow_idx" ON "tasks" USING btree ("workflow_id");--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_dedupe_key_unique" UNIQUE("dedupe_key");