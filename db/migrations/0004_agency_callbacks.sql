CREATE TABLE "agency_refs" (
	"case_ref" text PRIMARY KEY NOT NULL,
	"workflow_id" text NOT NULL,
	"workflow_kind" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inbound_events" (
	"agency" text NOT NULL,
	"event_id" text NOT NULL,
	"type" text,
	"case_ref" text,
	"status" text NOT NULL,
	"detail" jsonb,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inbound_events_agency_event_id_pk" PRIMARY KEY("agency","event_id")
);
--> statement-breakpoint
CREATE INDEX "inbound_case_idx" ON "inbound_events" USING btree ("case_ref");