CREATE TABLE "case_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workflow_id" text NOT NULL,
	"case_number" text NOT NULL,
	"department_id" text NOT NULL,
	"kind" text NOT NULL,
	"version" integer NOT NULL,
	"status" text NOT NULL,
	"content" jsonb NOT NULL,
	"sha256" text NOT NULL,
	"officers" text[] NOT NULL,
	"signatures" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"sealed_by" text,
	"number" text,
	"issued_on" date,
	"issued_at" timestamp with time zone,
	"replaces_id" uuid,
	"correction_reason" text,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_documents_number_unique" UNIQUE("number")
);
--> statement-breakpoint
CREATE TABLE "document_number_counters" (
	"department_id" text NOT NULL,
	"kind" text NOT NULL,
	"year" integer NOT NULL,
	"last_seq" integer NOT NULL,
	CONSTRAINT "document_number_counters_department_id_kind_year_pk" PRIMARY KEY("department_id","kind","year")
);
--> statement-breakpoint
CREATE TABLE "document_number_formats" (
	"department_id" text PRIMARY KEY NOT NULL,
	"pattern" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "document_numbers" (
	"department_id" text NOT NULL,
	"kind" text NOT NULL,
	"year" integer NOT NULL,
	"seq" integer NOT NULL,
	"number" text NOT NULL,
	"document_id" uuid NOT NULL,
	"issued_by" text NOT NULL,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "document_numbers_department_id_kind_year_seq_pk" PRIMARY KEY("department_id","kind","year","seq"),
	CONSTRAINT "document_numbers_number_unique" UNIQUE("number"),
	CONSTRAINT "document_numbers_document_id_unique" UNIQUE("document_id")
);
--> statement-breakpoint
CREATE INDEX "case_documents_case_idx" ON "case_documents" USING btree ("workflow_id","kind","version");--> statement-breakpoint
CREATE INDEX "case_documents_replaces_idx" ON "case_documents" USING btree ("replaces_id");--> statement-breakpoint
-- A number once given stays given: the register is never updated or deleted (gapless, never reused).
CREATE OR REPLACE FUNCTION document_numbers_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'document_numbers is append-only: % is not allowed', TG_OP;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER document_numbers_no_update_delete BEFORE UPDATE OR DELETE ON document_numbers
  FOR EACH ROW EXECUTE FUNCTION document_numbers_append_only();
--> statement-breakpoint
-- A signed document cannot change: once past draft its content, hash, kind, case and number are fixed, and it is
-- never deleted (a correction is a new version that names what it replaces).
CREATE OR REPLACE FUNCTION case_documents_signed_fixed() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.status <> 'draft' THEN
      RAISE EXCEPTION 'case_documents: a % document cannot be deleted', OLD.status;
    END IF;
    RETURN OLD;
  END IF;
  IF OLD.status <> 'draft' AND (NEW.content IS DISTINCT FROM OLD.content OR NEW.sha256 IS DISTINCT FROM OLD.sha256
      OR NEW.kind IS DISTINCT FROM OLD.kind OR NEW.workflow_id IS DISTINCT FROM OLD.workflow_id
      OR NEW.version IS DISTINCT FROM OLD.version
      OR (OLD.number IS NOT NULL AND NEW.number IS DISTINCT FROM OLD.number)) THEN
    RAISE EXCEPTION 'case_documents: a signed document cannot change';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER case_documents_fixed_once_signed BEFORE UPDATE OR DELETE ON case_documents
  FOR EACH ROW EXECUTE FUNCTION case_documents_signed_fixed();
